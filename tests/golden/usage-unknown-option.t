# An unknown option is one line pointing to --help, not the whole usage text.
command: istcheck --no-such-option mini_entry.o
exit: 2
---
istcheck: unrecognized option '--no-such-option' (see istcheck --help)
