# The rule table: ID, default severity, summary.
command: istcheck --list-rules
exit: 0
---
noinstr-call      warning  call from noinstr code to instrumentable code
noinstr-indirect  warning  indirect call or jump from noinstr code
noinstr-balance   warning  unbalanced instrumentation_begin()/instrumentation_end()
