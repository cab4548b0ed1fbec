# A user-space object holds no kernel entry code: the summary says nothing was checked and
# why (exit 0: a note, not a finding), and -v shows the note saying the same.
command: istcheck -v user_prog.o
exit: 0
---
user_prog.o: note: istcheck: nothing checked: no entry point of the model linux-x86_64-6.12 is in this file, and it has no noinstr code (.noinstr.text, .entry.text, .cpuidle.text, .text..__x86.*): it holds no kernel entry code
istcheck: user_prog.o: linux contract, model linux-x86_64-6.12, 4 variants: nothing checked (no entry point of the model, no noinstr code), 0 errors, 0 warnings, 1 note
