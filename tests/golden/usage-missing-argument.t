# So is an option without its argument.
command: istcheck mini_entry.o --format
exit: 2
---
istcheck: option '--format' requires an argument (see istcheck --help)
