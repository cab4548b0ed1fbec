# The built-in Linux model resolved against the fixture: no Linux entry point is in it, so the
# entry list is empty, and the model's facts are listed for review.
command: istcheck --dump=model mini_entry.o
exit: 0
---
model linux-x86_64-6.12 (built-in)
variants: PTI XENPV
consistent: FRED FSGSBASE KERNEL_IBRS PCID SEV_ES
ibrs: KERNEL_IBRS
verw: CLEAR_CPU_BUF
exclusive: PTI / FRED (pti_check_boottime_disable() clears X86_FEATURE_FRED when PTI is on)
exclusive: XENPV / PTI (pti_check_boottime_disable(): no PTI under Xen PV)
exclusive: FENCE_SWAPGS_USER / PTI (spectre_v1_select_mitigation() sets the user fence only without PTI (the CR3 write serializes))
exclusive: XENPV / FRED (a Xen PV guest has no FRED)
exclusive: SEV_ES / PTI (SEV-ES guests run on AMD CPUs, which are not affected by Meltdown: PTI stays off)
entry points: 0
stack load: %gs:pcpu_hot -> kernel
stack load: %gs:cpu_tss_rw+offset -> entry
stack switcher: sync_regs (absent)
stack switcher: vc_switch_off_ist (absent)
stack switcher: fixup_bad_iret (absent) (rewrites the frame as from user)
user GSBASE at: native_irq_return_iret, user CR3
user GSBASE at: asm_load_gs_index (anywhere inside)
syscall gap: [entry_SYSCALL_64, entry_SYSCALL_64_safe_stack)
syscall gap: [entry_SYSRETQ_unsafe_stack, entry_SYSRETQ_end)
syscall gap: [entry_SYSCALL_compat, entry_SYSCALL_compat_safe_stack)
syscall gap: [entry_SYSRETL_compat_unsafe_stack, entry_SYSRETL_compat_end)
untrain: entry_untrain_ret srso_alias_untrain_ret srso_untrain_ret retbleed_untrain_ret entry_ibpb
bhb clear: clear_bhb_loop
sysret vetters: do_syscall_64 do_fast_syscall_32 do_SYSENTER_32
xen exits: xen_iret
user data: cpu_tss_rw x86_verw_sel cpu_entry_area espfix_pud_page
user text: entry_untrain_ret srso_alias_untrain_ret srso_alias_safe_ret srso_alias_return_thunk
nmi checks end: first_nmi nested_nmi
nmi protected: end_repeat_nmi
aist entries: every idt-ist entry but #DF
aist code:
aist memory: cpu_entry_area
aist commit: none (leaving the IST stack counts)
frame entry_SYSCALL_64: ss=imm sp=mem flags=user:r11 cs=imm ip=user:rcx orig_ax=user:rax di=user:rdi si=user:rsi dx=user:rdx cx=user:rcx ax=imm r8=user:r8 r9=user:r9 r10=user:r10 r11=user:r11 bx=user:rbx bp=user:rbp r12=user:r12 r13=user:r13 r14=user:r14 r15=user:r15
  (SYSCALL leaves RIP in RCX and RFLAGS in R11; the user RSP was stashed in TSS.sp2; ax starts as -ENOSYS)
frame entry_SYSCALL_compat: ss=imm sp=user:rsp flags=user:r11 cs=imm ip=user:rcx orig_ax=user:rax di=user:rdi si=user:rsi dx=user:rdx cx=user:rbp ax=imm r8=any r9=user:r9 r10=user:r10 r11=user:r11 bx=user:rbx bp=user:rbp r12=user:r12 r13=user:r13 r14=user:r14 r15=user:r15
  (as SYSCALL, and the 32-bit ABI passes ECX in EBP (SYSCALL clobbers ECX); ESP is stashed in R8, which 32-bit code cannot see)
frame entry_SYSENTER_compat: ss=imm sp=imm flags=flags cs=imm ip=imm orig_ax=user:rax di=user:rdi si=user:rsi dx=user:rdx cx=user:rcx ax=imm r8=user:r8 r9=user:r9 r10=user:r10 r11=user:r11 bx=user:rbx bp=user:rbp r12=user:r12 r13=user:r13 r14=user:r14 r15=user:r15
  (SYSENTER saves neither RIP nor RSP: sp and ip are placeholders the C code fills in; flags are pushed with pushfq)
frame asm_exc_nmi: ss=mem:rdx+40 sp=mem:rdx+32 flags=mem:rdx+24 cs=mem:rdx+16 ip=mem:rdx+8 orig_ax=imm di=user:rdi si=user:rsi dx=mem:rdx+0 cx=user:rcx ax=user:rax r8=user:r8 r9=user:r9 r10=user:r10 r11=user:r11 bx=user:rbx bp=user:rbp r12=user:r12 r13=user:r13 r14=user:r14 r15=user:r15
  (from user mode the NMI copies the hardware frame and the RDX it pushed first from the IST stack (RDX points there))
exempt: spec-untrain in asm_fred_entrypoint_user: FRED exists on Intel CPUs only; UNTRAIN_RET's variants (UNRET, SRSO, ENTRY_IBPB) mitigate AMD/Hygon retbleed and SRSO, and objtool does not validate FRED entries either (no VALIDATE_UNRET_BEGIN)
exempt: spec-untrain in asm_fred_entrypoint_kernel: as for asm_fred_entrypoint_user: FRED is Intel-only, the untraining variants are AMD/Hygon mitigations
exempt: stack-gap in entry_SYSCALL32_ignore: without ia32 emulation the compat SYSCALL runs only mov, verw and sysretl with the user RSP: none can raise #VC, and NMI/#MC/#DB switch to IST stacks, so ip_within_syscall_gap() need not cover it
exempt: stack-ist in asm_exc_double_fault: #DF stays on its IST stack from user mode too (idtentry_df): it does not return to a user context it could lose, except through the ESPFIX64 fixup, which redirects the IRET to #GP
exempt: spec-verw in asm_exc_double_fault: exc_double_fault() never returns to user mode: from user mode it calls die() and panic(); its one return, the ESPFIX64 fixup, rewrites the frame to enter asm_exc_general_protection in kernel mode
exempt: spec-verw in asm_fred_exit_user: FRED-capable CPUs enumerate MDS_NO/TAA_NO/RFDS_NO, so X86_FEATURE_CLEAR_CPU_BUF is never set with FRED; 6.12 has no CLEAR_CPU_BUFFERS before ERETU by design
exempt: spec-verw in xen_iret: the return to guest user mode is done by Xen, which clears CPU buffers on its own exit path (XSA-297); a PV guest cannot VERW for it
