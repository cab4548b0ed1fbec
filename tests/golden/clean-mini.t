# The bundled fixture keeps every rule: no output, exit 0.
command: istcheck mini_entry.o
exit: 0
---
istcheck: mini_entry.o: linux contract, model linux-x86_64-6.12, 4 variants, 10 noinstr functions: passed, 0 errors, 0 warnings, 0 notes
