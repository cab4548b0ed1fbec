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
aist-save-first   error    atomic IST: a register changed before every register is saved
aist-reenable     error    atomic IST: a super event can be re-enabled or raised before the commit
aist-gs           error    atomic IST: %gs used before the commit
aist-memory       error    atomic IST: memory outside the IST stacks touched before the commit
aist-commit       error    atomic IST: the switch off the IST stack is not one commit
aist-foreign-sp   error    atomic IST: code outside the aIST entry loads an IST stack or jumps into it
aist-ibrs         error    atomic IST: a return before IBRS_ENTER on the aIST path (reported as spec-untrain)
