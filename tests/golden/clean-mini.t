# The bundled fixture keeps every rule: no output, exit 0.
command: istcheck mini_entry.o
exit: 0
---

