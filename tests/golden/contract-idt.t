# The contract on the idt_data entries: both return to user mode with a bare iretq, so each
# lacks its VERW (true findings, in both PTI variants); the entry found only in the table is
# walked like the named one.  unmodelled_entry carries VALIDATE_UNRET_BEGIN but no model entry
# or table names it: a note says it is not checked.
command: istcheck idt_entries.o
exit: 1
---
idt_entries.o: error: istcheck: asm_exc_fixture+0x0: returns to user mode without CLEAR_CPU_BUFFERS after the last swapgs or CR3 switch (from user mode, without XENPV) [spec-verw]
idt_entries.o: error: istcheck: fixture_ist_handler+0x0: returns to user mode without CLEAR_CPU_BUFFERS after the last swapgs or CR3 switch (from user mode, without XENPV) [spec-verw]
istcheck: idt_entries.o: linux contract, model linux-x86_64-6.12, 4 variants, 2 entry points, 3 noinstr functions: failed, 2 errors, 0 warnings, 1 note (-v lists it)
