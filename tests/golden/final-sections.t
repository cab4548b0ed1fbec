# A final link: noinstr/cpuidle/entry ranges come from the boundary symbols, thunk text from
# thunk names, and __jump_table from __start/__stop___jump_table inside .data.
command: istcheck --dump=sections mini_vmlinux
exit: 0
---
mini_vmlinux: final link (ET_EXEC), 9 sections, 30 symbols, 12 functions
code sections:
  text     .text                            0x000000e3 at ffffffff81000000
  altinstr .altinstr_replacement            0x00000011 at ffffffff810000e3
code regions:
  noinstr  ffffffff81000010-ffffffff8100003e 0x0000002e  __noinstr_text_start
  entry    ffffffff81000040-ffffffff810000da 0x0000009a  __entry_text_start
  thunk    ffffffff810000da-ffffffff810000e3 0x00000009  __x86_indirect_thunk_rax ...
tables: altinstructions 5, jump_table 1, ex_table 1
annotations: instr_begin 0 instr_end 0 validate_unret 0 retpoline_safe 0 reachable 0 intra_function_call 0 noendbr 0 ignore_alts 0 return_site 0 retpoline_site 0 stack_frame_non_standard 0
instrumentation markers: absent
