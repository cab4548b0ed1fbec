# The rule table: ID, default severity, the --contract profiles that turn it on, whether it is
# on by default (the linux profile), summary.
command: istcheck --list-rules
exit: 0
---
RULE              SEVERITY  PROFILES       DEFAULT  SUMMARY
noinstr-call      warning   linux noinstr  on       call from noinstr code to instrumentable code
noinstr-indirect  warning   linux noinstr  on       indirect call or jump from noinstr code
noinstr-balance   warning   linux noinstr  on       unbalanced instrumentation_begin()/instrumentation_end()
stack-gap         error     linux          on       stack used while RSP is untrusted
stack-ist         error     linux          on       unsafe work on a shared IST stack
gs-user-access    error     linux          on       per-CPU access while GSBASE may be the user's
gs-balance        error     linux          on       swapgs missing, doubled or unguarded
gs-fence          warning   linux          on       conditional swapgs without a speculation fence
cr3-user-access   error     linux          on       kernel memory touched while CR3 is the user's
cr3-balance       error     linux          on       CR3 switch missing or not restored
spec-untrain      error     linux aist     on       return or indirect branch before UNTRAIN_RET
spec-verw         error     linux          on       return to user mode without CLEAR_CPU_BUFFERS
spec-bhb          error     linux          on       syscall handler reached without clearing branch history
exit-sysret       error     linux          on       SYSRET not guarded by the handler's verdict
regs-frame        error     linux          on       pt_regs slot from the wrong source, or user registers not scrubbed
aist-save-first   error     aist           off      atomic IST: a register changed before every register is saved
aist-reenable     error     aist           off      atomic IST: a super event can be re-enabled or raised before the commit
aist-gs           error     aist           off      atomic IST: %gs used before the commit
aist-memory       error     aist           off      atomic IST: memory outside the IST stacks touched before the commit
aist-commit       error     aist           off      atomic IST: the switch off the IST stack is not one commit
aist-foreign-sp   error     aist           off      atomic IST: code outside the aIST entry loads an IST stack or jumps into it
aist-ibrs         error     aist           off      atomic IST: a return before IBRS_ENTER on the aIST path (reported as spec-untrain)
