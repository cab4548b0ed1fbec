# A call out of idle code says it leaves .cpuidle.text, the section the code is in (a final link
# merges it into .text, where a reader looking for .noinstr.text would not find it).
command: istcheck cpuidle_call.o
exit: 1
---
cpuidle_call.o: warning: istcheck: idle_enter+0x0: call to text_helper() leaves .cpuidle.text section [noinstr-call]
istcheck: cpuidle_call.o: linux contract, model linux-x86_64-6.12, 4 variants, 2 noinstr functions: failed, 0 errors, 1 warning, 0 notes
