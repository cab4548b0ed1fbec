# Entry points from an idt_data table (idt_entries.S), under a model of just the asm_exc_*
# pattern: asm_exc_fixture is named by it and takes vector 6 from the table;
# fixture_ist_handler is named nowhere and is an idt-ist entry on the table's IST index 3.
command: istcheck --model=$SRCROOT/tests/golden/idt-model.json --dump=model idt_entries.o
exit: 0
---
model idt (idt-model.json)
variants:
consistent:
ibrs: KERNEL_IBRS
verw: CLEAR_CPU_BUF
entry points: 2
  idt              asm_exc_fixture                              vector 6 [validate_unret]
  idt-ist          fixture_ist_handler                          vector 20 (idt_data) ist IST3
validate_unret sites: 2
untrain:
bhb clear:
sysret vetters:
xen exits:
user data:
user text:
aist entries: every idt-ist entry but #DF
aist code:
aist memory:
aist commit: none (leaving the IST stack counts)
