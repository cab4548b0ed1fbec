# The rule table: ID, default severity, summary.
command: istcheck --list-rules
exit: 0
---
noinstr-call      warning  call from noinstr code to instrumentable code
noinstr-indirect  warning  indirect call or jump from noinstr code
noinstr-balance   warning  unbalanced instrumentation_begin()/instrumentation_end()
stack-gap         error    stack used while RSP is untrusted
stack-ist         error    unsafe work on a shared IST stack
gs-user-access    error    per-CPU access while GSBASE may be the user's
gs-balance        error    swapgs missing, doubled or unguarded
gs-fence          warning  conditional swapgs without a speculation fence
cr3-user-access   error    kernel memory touched while CR3 is the user's
cr3-balance       error    CR3 switch missing or not restored
spec-untrain      error    return or indirect branch before UNTRAIN_RET
spec-verw         error    return to user mode without CLEAR_CPU_BUFFERS
spec-bhb          error    syscall handler reached without clearing branch history
exit-sysret       error    SYSRET not guarded by the handler's verdict
regs-frame        error    pt_regs slot from the wrong source, or user registers not scrubbed
