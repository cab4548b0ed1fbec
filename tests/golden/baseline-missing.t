# A baseline that is not there: "cannot open" and why, exit 2.
command: istcheck --baseline=no-such-baseline.json mini_entry.o
exit: 2
---
istcheck: no-such-baseline.json: baseline: cannot open: No such file or directory
