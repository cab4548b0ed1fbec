# Asking for a function that does not exist is an input error.
command: istcheck --dump=cfg:no_such_function mini_entry.o
exit: 2
---
istcheck: mini_entry.o: no function named 'no_such_function'
