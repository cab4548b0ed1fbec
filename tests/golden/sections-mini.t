# --dump=sections on an object: code sections by class, tables, annotations.
command: istcheck --dump=sections mini_entry.o
exit: 0
---
mini_entry.o: relocatable object (ET_REL), 29 sections, 22 symbols, 12 functions
code sections:
  text     .text                            0x00000007
  entry    .entry.text                      0x0000009a
  altinstr .altinstr_replacement            0x00000011
  thunk    .text..__x86.indirect_thunk      0x00000002
  noinstr  .noinstr.text                    0x0000002e
  thunk    .text..__x86.return_thunk        0x00000007
tables: altinstructions 5, jump_table 1, ex_table 1
annotations: instr_begin 1 instr_end 1 validate_unret 0 retpoline_safe 0 reachable 0 intra_function_call 1 noendbr 0 ignore_alts 0 return_site 0 retpoline_site 0 stack_frame_non_standard 0
instrumentation markers: present
