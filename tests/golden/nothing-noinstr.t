# Under --contract=noinstr a file without noinstr code has nothing to check either.
command: istcheck --contract=noinstr user_prog.o
exit: 0
---
istcheck: user_prog.o: noinstr contract: nothing checked (no noinstr code), 0 errors, 0 warnings, 1 note (-v lists it)
