# An unknown rule in -W is a usage error.
command: istcheck -Wno-such-rule mini_entry.o
exit: 2
---
istcheck: unknown rule 'such-rule' in -Wno-such-rule (see --list-rules)
