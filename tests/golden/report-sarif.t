# SARIF 2.1.0: rules from the rule table, locations from DWARF, code flows from witnesses.
command: istcheck --format=sarif --srcroot="$SRCROOT" noinstr_bad_g.o
exit: 1
---
{
  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
  "version": "2.1.0",
  "runs": [
    {
      "tool": {
        "driver": {
          "name": "istcheck",
          "version": "0.1.0",
          "rules": [
            {
              "id": "noinstr-call",
              "shortDescription": {
                "text": "call from noinstr code to instrumentable code"
              },
              "fullDescription": {
                "text": "Code in .noinstr.text, .entry.text, .cpuidle.text or .text..__x86.* runs while the kernel cannot yet (or can no longer) cope with instrumentation: RCU may not be watching, GSBASE or CR3 may be the user's.  Outside an instrumentation_begin()/instrumentation_end() region it may call or tail-call only other noinstr code, static-call trampolines, __ubsan_handle_* or pv_ops slots whose targets are all noinstr."
              },
              "help": {
                "text": "Code in .noinstr.text, .entry.text, .cpuidle.text or .text..__x86.* runs while the kernel cannot yet (or can no longer) cope with instrumentation: RCU may not be watching, GSBASE or CR3 may be the user's.  Outside an instrumentation_begin()/instrumentation_end() region it may call or tail-call only other noinstr code, static-call trampolines, __ubsan_handle_* or pv_ops slots whose targets are all noinstr.  Fix: Mark the callee noinstr (or __always_inline), or bracket the call with instrumentation_begin()/instrumentation_end() once RCU watches and the state allows it."
              },
              "defaultConfiguration": {
                "level": "warning",
                "enabled": true
              },
              "properties": {
                "profiles": [
                  "linux",
                  "noinstr"
                ]
              }
            },
            {
              "id": "noinstr-indirect",
              "shortDescription": {
                "text": "indirect call or jump from noinstr code"
              },
              "fullDescription": {
                "text": "An indirect call or jump (including a retpoline thunk) outside an instrumentation region in noinstr code can reach any function, instrumented ones included.  pv_ops slots are accepted when every target installed in them is noinstr."
              },
              "help": {
                "text": "An indirect call or jump (including a retpoline thunk) outside an instrumentation region in noinstr code can reach any function, instrumented ones included.  pv_ops slots are accepted when every target installed in them is noinstr.  Fix: Call the function directly, use a static call, or bracket the call with instrumentation_begin()/instrumentation_end()."
              },
              "defaultConfiguration": {
                "level": "warning",
                "enabled": true
              },
              "properties": {
                "profiles": [
                  "linux",
                  "noinstr"
                ]
              }
            },
            {
              "id": "noinstr-balance",
              "shortDescription": {
                "text": "unbalanced instrumentation_begin()/instrumentation_end()"
              },
              "fullDescription": {
                "text": "Every path through a noinstr function must keep instrumentation regions balanced: no return or tail call inside a region, no instrumentation_end() without a begin, no loop that changes the depth on every turn.  objtool fixes the depth by the first path that reaches an instruction and does not check for an end without a begin; istcheck follows every depth a block can be reached with."
              },
              "help": {
                "text": "Every path through a noinstr function must keep instrumentation regions balanced: no return or tail call inside a region, no instrumentation_end() without a begin, no loop that changes the depth on every turn.  objtool fixes the depth by the first path that reaches an instruction and does not check for an end without a begin; istcheck follows every depth a block can be reached with.  Fix: Pair the markers on every branch: end the region before each return and tail call."
              },
              "defaultConfiguration": {
                "level": "warning",
                "enabled": true
              },
              "properties": {
                "profiles": [
                  "linux",
                  "noinstr"
                ]
              }
            },
            {
              "id": "stack-gap",
              "shortDescription": {
                "text": "stack used while RSP is untrusted"
              },
              "fullDescription": {
                "text": "From SYSCALL until the trusted load of the task stack, and after the final pop of the user RSP before SYSRET, RSP holds the user's value: a push, pop, call, return or (%rsp) operand there writes to or reads from user-controlled memory.  Using RSP as a scratch register (the CR3 switch does) is fine.  The instructions that run with the user's RSP must also lie inside the windows ip_within_syscall_gap() knows, or a #VC there trusts a user stack."
              },
              "help": {
                "text": "From SYSCALL until the trusted load of the task stack, and after the final pop of the user RSP before SYSRET, RSP holds the user's value: a push, pop, call, return or (%rsp) operand there writes to or reads from user-controlled memory.  Using RSP as a scratch register (the CR3 switch does) is fine.  The instructions that run with the user's RSP must also lie inside the windows ip_within_syscall_gap() knows, or a #VC there trusts a user stack.  Fix: Use no stack until the task stack is loaded (movq PER_CPU_VAR(pcpu_hot + X86_top_of_stack), %rsp); keep values in registers or in the per-CPU scratch slot (TSS.sp2)."
              },
              "defaultConfiguration": {
                "level": "error",
                "enabled": true
              },
              "properties": {
                "profiles": [
                  "linux"
                ]
              }
            },
            {
              "id": "stack-ist",
              "shortDescription": {
                "text": "unsafe work on a shared IST stack"
              },
              "fullDescription": {
                "text": "An IST stack is reused by the next NMI, #MC, #DB or #VC on the CPU.  On it, interrupts must stay disabled (no sti or popf) and a path from user mode must move to the task stack (error_entry/sync_regs) before it calls C."
              },
              "help": {
                "text": "An IST stack is reused by the next NMI, #MC, #DB or #VC on the CPU.  On it, interrupts must stay disabled (no sti or popf) and a path from user mode must move to the task stack (error_entry/sync_regs) before it calls C.  Fix: From user mode, leave the IST stack first (error_entry and sync_regs move the frame to the task stack); keep interrupts disabled while on it."
              },
              "defaultConfiguration": {
                "level": "error",
                "enabled": true
              },
              "properties": {
                "profiles": [
                  "linux"
                ]
              }
            },
            {
              "id": "gs-user-access",
              "shortDescription": {
                "text": "per-CPU access while GSBASE may be the user's"
              },
              "fullDescription": {
                "text": "Before the entry swapgs (or the paranoid GSBASE switch) and after the exit swapgs, GSBASE is the user's: a %gs-relative access reads or writes user-chosen memory.  Calls into C (call thunks and C code use %gs) and returns (the call-depth return thunk uses %gs) need the kernel's GSBASE too."
              },
              "help": {
                "text": "Before the entry swapgs (or the paranoid GSBASE switch) and after the exit swapgs, GSBASE is the user's: a %gs-relative access reads or writes user-chosen memory.  Calls into C (call thunks and C code use %gs) and returns (the call-depth return thunk uses %gs) need the kernel's GSBASE too.  Fix: Swap GSBASE first (swapgs behind the CS test, or the paranoid GSBASE switch), or find the per-CPU data through something that does not need %gs."
              },
              "defaultConfiguration": {
                "level": "error",
                "enabled": true
              },
              "properties": {
                "profiles": [
                  "linux"
                ]
              }
            },
            {
              "id": "gs-balance",
              "shortDescription": {
                "text": "swapgs missing, doubled or unguarded"
              },
              "fullDescription": {
                "text": "A path from user mode swaps GSBASE once on entry and once on exit; a path from kernel mode swaps only behind a CS or GSBASE test; a paranoid exit restores the GSBASE it entered with (EBX protocol or wrgsbase); FRED and Xen PV paths never swapgs."
              },
              "help": {
                "text": "A path from user mode swaps GSBASE once on entry and once on exit; a path from kernel mode swaps only behind a CS or GSBASE test; a paranoid exit restores the GSBASE it entered with (EBX protocol or wrgsbase); FRED and Xen PV paths never swapgs.  Fix: Swap exactly once each way on user paths, and only behind the same CS (or GSBASE) test on kernel paths; restore a paranoid entry's GSBASE from what it saved (EBX or the wrgsbase value)."
              },
              "defaultConfiguration": {
                "level": "error",
                "enabled": true
              },
              "properties": {
                "profiles": [
                  "linux"
                ]
              }
            },
            {
              "id": "gs-fence",
              "shortDescription": {
                "text": "conditional swapgs without a speculation fence"
              },
              "fullDescription": {
                "text": "After a branch on CS or on the GSBASE sign, both sides must pass an LFENCE site (FENCE_SWAPGS_USER_ENTRY/FENCE_SWAPGS_KERNEL_ENTRY) or a CR3 write before the first %gs load, or the CPU may speculate the load with the wrong GSBASE (CVE-2019-1125)."
              },
              "help": {
                "text": "After a branch on CS or on the GSBASE sign, both sides must pass an LFENCE site (FENCE_SWAPGS_USER_ENTRY/FENCE_SWAPGS_KERNEL_ENTRY) or a CR3 write before the first %gs load, or the CPU may speculate the load with the wrong GSBASE (CVE-2019-1125).  Fix: Put FENCE_SWAPGS_USER_ENTRY after the swapgs and FENCE_SWAPGS_KERNEL_ENTRY on the other branch (or a CR3 write, which serialises), before the first %gs load."
              },
              "defaultConfiguration": {
                "level": "warning",
                "enabled": true
              },
              "properties": {
                "profiles": [
                  "linux"
                ]
              }
            },
            {
              "id": "cr3-user-access",
              "shortDescription": {
                "text": "kernel memory touched while CR3 is the user's"
              },
              "fullDescription": {
                "text": "Under PTI, between the hardware entry and the kernel CR3 write, and between the user CR3 write and the exit, only memory mapped in the user page tables may be touched: cpu_entry_area (entry and IST stacks, TSS), cpu_tss_rw and entry-text data such as x86_verw_sel.  Anything else faults, or is the reason a switch was misplaced."
              },
              "help": {
                "text": "Under PTI, between the hardware entry and the kernel CR3 write, and between the user CR3 write and the exit, only memory mapped in the user page tables may be touched: cpu_entry_area (entry and IST stacks, TSS), cpu_tss_rw and entry-text data such as x86_verw_sel.  Anything else faults, or is the reason a switch was misplaced.  Fix: Touch only cpu_entry_area, cpu_tss_rw and entry-text data until SWITCH_TO_KERNEL_CR3; move the access after the switch."
              },
              "defaultConfiguration": {
                "level": "error",
                "enabled": true
              },
              "properties": {
                "profiles": [
                  "linux"
                ]
              }
            },
            {
              "id": "cr3-balance",
              "shortDescription": {
                "text": "CR3 switch missing or not restored"
              },
              "fullDescription": {
                "text": "Under PTI, a user entry switches to the kernel CR3 before it leaves the user-mapped entry text or calls C; every return to user mode switches back to the user CR3; a paranoid path restores the CR3 it saved and never clobbers the save register."
              },
              "help": {
                "text": "Under PTI, a user entry switches to the kernel CR3 before it leaves the user-mapped entry text or calls C; every return to user mode switches back to the user CR3; a paranoid path restores the CR3 it saved and never clobbers the save register.  Fix: Switch to the kernel CR3 before leaving the user-mapped entry text or calling C, back to the user CR3 on every exit to user mode; a paranoid exit restores the CR3 it saved."
              },
              "defaultConfiguration": {
                "level": "error",
                "enabled": true
              },
              "properties": {
                "profiles": [
                  "linux"
                ]
              }
            },
            {
              "id": "spec-untrain",
              "shortDescription": {
                "text": "return or indirect branch before UNTRAIN_RET"
              },
              "fullDescription": {
                "text": "From every entry from user mode (and every IST entry), UNTRAIN_RET (after IBRS_ENTER) must run before the first return, return thunk, indirect branch or call into C: a return predicted from user-trained state is the retbleed/SRSO attack.  Paths marked VALIDATE_UNRET_END need none."
              },
              "help": {
                "text": "From every entry from user mode (and every IST entry), UNTRAIN_RET (after IBRS_ENTER) must run before the first return, return thunk, indirect branch or call into C: a return predicted from user-trained state is the retbleed/SRSO attack.  Paths marked VALIDATE_UNRET_END need none.  Fix: Put IBRS_ENTER then UNTRAIN_RET before the first RET, return thunk, indirect branch or call into C on every path from user mode (and every IST entry)."
              },
              "defaultConfiguration": {
                "level": "error",
                "enabled": true
              },
              "properties": {
                "profiles": [
                  "linux",
                  "aist"
                ]
              }
            },
            {
              "id": "spec-verw",
              "shortDescription": {
                "text": "return to user mode without CLEAR_CPU_BUFFERS"
              },
              "fullDescription": {
                "text": "Every return to user mode (SYSRET, IRET, ERETU, Xen iret) must pass a CLEAR_CPU_BUFFERS site (VERW) after the last swapgs and CR3 switch, or data of the kernel left in CPU buffers leaks (MDS, TAA, RFDS).  The model may exempt an exit with a documented reason."
              },
              "help": {
                "text": "Every return to user mode (SYSRET, IRET, ERETU, Xen iret) must pass a CLEAR_CPU_BUFFERS site (VERW) after the last swapgs and CR3 switch, or data of the kernel left in CPU buffers leaks (MDS, TAA, RFDS).  The model may exempt an exit with a documented reason.  Fix: Put CLEAR_CPU_BUFFERS (VERW) after the last swapgs and CR3 switch, right before the SYSRET/IRET."
              },
              "defaultConfiguration": {
                "level": "error",
                "enabled": true
              },
              "properties": {
                "profiles": [
                  "linux"
                ]
              }
            },
            {
              "id": "spec-bhb",
              "shortDescription": {
                "text": "syscall handler reached without clearing branch history"
              },
              "fullDescription": {
                "text": "A syscall entry must pass CLEAR_BRANCH_HISTORY before it calls the C syscall handler, whose dispatch is the first indirect branch user-controlled history could steer (BHI, CVE-2024-2201)."
              },
              "help": {
                "text": "A syscall entry must pass CLEAR_BRANCH_HISTORY before it calls the C syscall handler, whose dispatch is the first indirect branch user-controlled history could steer (BHI, CVE-2024-2201).  Fix: Put CLEAR_BRANCH_HISTORY on the syscall path before the call to the C handler."
              },
              "defaultConfiguration": {
                "level": "error",
                "enabled": true
              },
              "properties": {
                "profiles": [
                  "linux"
                ]
              }
            },
            {
              "id": "exit-sysret",
              "shortDescription": {
                "text": "SYSRET not guarded by the handler's verdict"
              },
              "fullDescription": {
                "text": "sysretq/sysretl may run only on the branch where the C handler (do_syscall_64, do_fast_syscall_32) returned true: SYSRET with a non-canonical RIP or a mismatched RCX/R11 faults in kernel mode with the user's GSBASE and RSP (CVE-2014-4699, CVE-2012-0217)."
              },
              "help": {
                "text": "sysretq/sysretl may run only on the branch where the C handler (do_syscall_64, do_fast_syscall_32) returned true: SYSRET with a non-canonical RIP or a mismatched RCX/R11 faults in kernel mode with the user's GSBASE and RSP (CVE-2014-4699, CVE-2012-0217).  Fix: Test the handler's boolean result (ALTERNATIVE \"testb %al, %al; jz swapgs_restore_regs_and_return_to_usermode\") and take SYSRET only on the true branch; IRET otherwise."
              },
              "defaultConfiguration": {
                "level": "error",
                "enabled": true
              },
              "properties": {
                "profiles": [
                  "linux"
                ]
              }
            },
            {
              "id": "regs-frame",
              "shortDescription": {
                "text": "pt_regs slot from the wrong source, or user registers not scrubbed"
              },
              "fullDescription": {
                "text": "A user entry builds pt_regs on the task stack from the registers the entry ABI leaves each value in (SYSCALL: RIP in RCX, RFLAGS in R11; the compat SYSCALL stashes ECX in EBP and ESP in R8), as the model's frame for the entry lists them; and before any call into C, no register but RAX and RDI may still hold the user's value (CLEAR_REGS), or the user steers speculation in C."
              },
              "help": {
                "text": "A user entry builds pt_regs on the task stack from the registers the entry ABI leaves each value in (SYSCALL: RIP in RCX, RFLAGS in R11; the compat SYSCALL stashes ECX in EBP and ESP in R8), as the model's frame for the entry lists them; and before any call into C, no register but RAX and RDI may still hold the user's value (CLEAR_REGS), or the user steers speculation in C.  Fix: Build pt_regs from the registers the entry ABI leaves each value in (the model's frame), and run PUSH_AND_CLEAR_REGS (CLEAR_REGS) before any call into C."
              },
              "defaultConfiguration": {
                "level": "error",
                "enabled": true
              },
              "properties": {
                "profiles": [
                  "linux"
                ]
              }
            },
            {
              "id": "aist-save-first",
              "shortDescription": {
                "text": "atomic IST: a register changed before every register is saved"
              },
              "fullDescription": {
                "text": "An atomic-IST entry pushes all general registers onto its IST stack before it changes any: a nested entry that replicates it takes the registers it had not pushed yet from its own saved set, which is only right if they still hold the interrupted values.  (--contract=aist)"
              },
              "help": {
                "text": "An atomic-IST entry pushes all general registers onto its IST stack before it changes any: a nested entry that replicates it takes the registers it had not pushed yet from its own saved set, which is only right if they still hold the interrupted values.  (--contract=aist)  Fix: Push every general register onto the IST stack before changing any."
              },
              "defaultConfiguration": {
                "level": "error",
                "enabled": false
              },
              "properties": {
                "profiles": [
                  "aist"
                ]
              }
            },
            {
              "id": "aist-reenable",
              "shortDescription": {
                "text": "atomic IST: a super event can be re-enabled or raised before the commit"
              },
              "fullDescription": {
                "text": "Before the commit nothing may unblock NMIs or raise #DB, #BP, #VC or #VE: no IRET, no MSR write (MCG_STATUS) or read, no INT3/INT1, no debug-register write, no CPUID, I/O, TDCALL, VMGEXIT or VMMCALL, and no call into code that is not noinstr (a kprobe or breakpoint can hit it).  (--contract=aist)"
              },
              "help": {
                "text": "Before the commit nothing may unblock NMIs or raise #DB, #BP, #VC or #VE: no IRET, no MSR write (MCG_STATUS) or read, no INT3/INT1, no debug-register write, no CPUID, I/O, TDCALL, VMGEXIT or VMMCALL, and no call into code that is not noinstr (a kprobe or breakpoint can hit it).  (--contract=aist)  Fix: Move MSR accesses, IRET, CPUID, I/O and calls to code that is not noinstr after the commit."
              },
              "defaultConfiguration": {
                "level": "error",
                "enabled": false
              },
              "properties": {
                "profiles": [
                  "aist"
                ]
              }
            },
            {
              "id": "aist-gs",
              "shortDescription": {
                "text": "atomic IST: %gs used before the commit"
              },
              "fullDescription": {
                "text": "Before the commit GSBASE may be the user's or the kernel's: no %gs-relative access (per-CPU data, the stack protector's canary), and no swapgs or GSBASE write, which a replay after a nested entry would repeat.  Find per-CPU state from RSP instead.  (--contract=aist)"
              },
              "help": {
                "text": "Before the commit GSBASE may be the user's or the kernel's: no %gs-relative access (per-CPU data, the stack protector's canary), and no swapgs or GSBASE write, which a replay after a nested entry would repeat.  Find per-CPU state from RSP instead.  (--contract=aist)  Fix: Find per-CPU state from RSP (the IST stack's place in cpu_entry_area) until the commit; swap GSBASE after it."
              },
              "defaultConfiguration": {
                "level": "error",
                "enabled": false
              },
              "properties": {
                "profiles": [
                  "aist"
                ]
              }
            },
            {
              "id": "aist-memory",
              "shortDescription": {
                "text": "atomic IST: memory outside the IST stacks touched before the commit"
              },
              "fullDescription": {
                "text": "Before the commit CR3 may be the user's and nothing may fault: memory operands may touch only the IST stacks, the IST main stack and cpu_entry_area (the model's aist memory), through RSP, pointers derived from it or from those symbols.  A pointer loaded from memory cannot be placed and is reported.  (--contract=aist)"
              },
              "help": {
                "text": "Before the commit CR3 may be the user's and nothing may fault: memory operands may touch only the IST stacks, the IST main stack and cpu_entry_area (the model's aist memory), through RSP, pointers derived from it or from those symbols.  A pointer loaded from memory cannot be placed and is reported.  (--contract=aist)  Fix: Before the commit, address only the IST stacks, the IST main stack and cpu_entry_area, through RSP or those symbols."
              },
              "defaultConfiguration": {
                "level": "error",
                "enabled": false
              },
              "properties": {
                "profiles": [
                  "aist"
                ]
              }
            },
            {
              "id": "aist-commit",
              "shortDescription": {
                "text": "atomic IST: the switch off the IST stack is not one commit"
              },
              "fullDescription": {
                "text": "An atomic-IST entry leaves its IST stack with exactly one RSP load, at the model's commit point, onto the IST main stack, and nothing after it reads the IST stack.  Another RSP load before the commit, C run on the IST stack, or an IST-stack read after leaving it is the reentrance hazard atomic IST removes.  (--contract=aist)"
              },
              "help": {
                "text": "An atomic-IST entry leaves its IST stack with exactly one RSP load, at the model's commit point, onto the IST main stack, and nothing after it reads the IST stack.  Another RSP load before the commit, C run on the IST stack, or an IST-stack read after leaving it is the reentrance hazard atomic IST removes.  (--contract=aist)  Fix: Copy the saved state to the IST main stack and leave the IST stack with one RSP load at the model's commit point; run C only after it."
              },
              "defaultConfiguration": {
                "level": "error",
                "enabled": false
              },
              "properties": {
                "profiles": [
                  "aist"
                ]
              }
            },
            {
              "id": "aist-foreign-sp",
              "shortDescription": {
                "text": "atomic IST: code outside the aIST entry loads an IST stack or jumps into it"
              },
              "fullDescription": {
                "text": "Only the atomic-IST entry may load RSP with an address in the IST stacks, and no code may jump or call into the aIST entry code: a nested entry identifies interrupted entries by RSP and RIP, which foreign code would fake (\"no SP/IP mess\").  (--contract=aist)"
              },
              "help": {
                "text": "Only the atomic-IST entry may load RSP with an address in the IST stacks, and no code may jump or call into the aIST entry code: a nested entry identifies interrupted entries by RSP and RIP, which foreign code would fake (\"no SP/IP mess\").  (--contract=aist)  Fix: Only the atomic-IST entry loads IST stack addresses into RSP, and nothing jumps or calls into it."
              },
              "defaultConfiguration": {
                "level": "error",
                "enabled": false
              },
              "properties": {
                "profiles": [
                  "aist"
                ]
              }
            },
            {
              "id": "aist-ibrs",
              "shortDescription": {
                "text": "atomic IST: a return before IBRS_ENTER on the aIST path (reported as spec-untrain)"
              },
              "fullDescription": {
                "text": "The aIST entry runs its identify-and-copy C before IBRS_ENTER and UNTRAIN_RET, which come after the commit: a RET, return thunk or indirect branch there is predicted from user-trained state.  Such findings carry the rule spec-untrain and say they are on the aIST path; -Wno-aist-ibrs silences them.  (--contract=aist)"
              },
              "help": {
                "text": "The aIST entry runs its identify-and-copy C before IBRS_ENTER and UNTRAIN_RET, which come after the commit: a RET, return thunk or indirect branch there is predicted from user-trained state.  Such findings carry the rule spec-untrain and say they are on the aIST path; -Wno-aist-ibrs silences them.  (--contract=aist)  Fix: Keep the identify-and-copy code free of returns and indirect branches (always_inline, no function pointers), or run IBRS_ENTER and UNTRAIN_RET before it."
              },
              "defaultConfiguration": {
                "level": "error",
                "enabled": false
              },
              "properties": {
                "profiles": [
                  "aist"
                ]
              }
            }
          ]
        }
      },
      "invocations": [
        {
          "executionSuccessful": true,
          "toolExecutionNotifications": [
            {
              "level": "note",
              "message": {
                "text": "call to some_external_function() is unverifiable in this object"
              },
              "locations": [
                {
                  "physicalLocation": {
                    "artifactLocation": {
                      "uri": "tests/fixtures/noinstr_bad.S"
                    },
                    "region": {
                      "startLine": 92
                    }
                  },
                  "logicalLocations": [
                    {
                      "fullyQualifiedName": "external_call+0x0",
                      "kind": "function"
                    }
                  ]
                }
              ]
            }
          ],
          "properties": {
            "istcheckSummary": {
              "inputs": [
                {
                  "contract": "linux",
                  "model": "linux-x86_64-6.12",
                  "variants": 4,
                  "entry_points": 0,
                  "entry_points_cut": 0,
                  "functions": 13,
                  "functions_skipped": 0,
                  "result": "failed",
                  "errors": 0,
                  "warnings": 9,
                  "suppressed": 0,
                  "notes": 1,
                  "path": "noinstr_bad_g.o"
                }
              ]
            }
          }
        }
      ],
      "results": [
        {
          "ruleId": "noinstr-call",
          "ruleIndex": 0,
          "level": "warning",
          "message": {
            "text": "call to instrumented_helper() leaves .noinstr.text section"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "tests/fixtures/noinstr_bad.S"
                },
                "region": {
                  "startLine": 12
                }
              },
              "logicalLocations": [
                {
                  "fullyQualifiedName": "bad_call+0x0",
                  "kind": "function"
                }
              ]
            }
          ],
          "partialFingerprints": {
            "istcheckFingerprint/v2": "00510fad946ea384"
          },
          "codeFlows": [
            {
              "threadFlows": [
                {
                  "locations": [
                    {
                      "location": {
                        "physicalLocation": {
                          "artifactLocation": {
                            "uri": "tests/fixtures/noinstr_bad.S"
                          },
                          "region": {
                            "startLine": 12
                          }
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_call+0x0",
                            "kind": "function"
                          }
                        ],
                        "message": {
                          "text": "entry bad_call"
                        }
                      }
                    },
                    {
                      "location": {
                        "physicalLocation": {
                          "artifactLocation": {
                            "uri": "tests/fixtures/noinstr_bad.S"
                          },
                          "region": {
                            "startLine": 12
                          }
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_call+0x0",
                            "kind": "function"
                          }
                        ],
                        "message": {
                          "text": "call instrumented_helper"
                        }
                      }
                    }
                  ]
                }
              ]
            }
          ],
          "properties": {
            "section": ".noinstr.text",
            "sectionOffset": "0x0",
            "callee": "instrumented_helper"
          }
        },
        {
          "ruleId": "noinstr-call",
          "ruleIndex": 0,
          "level": "warning",
          "message": {
            "text": "call to instrumented_helper() leaves .noinstr.text section"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "tests/fixtures/noinstr_bad.S"
                },
                "region": {
                  "startLine": 28
                }
              },
              "logicalLocations": [
                {
                  "fullyQualifiedName": "bad_tail_call+0x4",
                  "kind": "function"
                }
              ]
            }
          ],
          "partialFingerprints": {
            "istcheckFingerprint/v2": "67125903ba0f5f0d"
          },
          "codeFlows": [
            {
              "threadFlows": [
                {
                  "locations": [
                    {
                      "location": {
                        "physicalLocation": {
                          "artifactLocation": {
                            "uri": "tests/fixtures/noinstr_bad.S"
                          },
                          "region": {
                            "startLine": 26
                          }
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_tail_call+0x0",
                            "kind": "function"
                          }
                        ],
                        "message": {
                          "text": "entry bad_tail_call"
                        }
                      }
                    },
                    {
                      "location": {
                        "physicalLocation": {
                          "artifactLocation": {
                            "uri": "tests/fixtures/noinstr_bad.S"
                          },
                          "region": {
                            "startLine": 27
                          }
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_tail_call+0x2",
                            "kind": "function"
                          }
                        ],
                        "message": {
                          "text": "not taken"
                        }
                      }
                    },
                    {
                      "location": {
                        "physicalLocation": {
                          "artifactLocation": {
                            "uri": "tests/fixtures/noinstr_bad.S"
                          },
                          "region": {
                            "startLine": 28
                          }
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_tail_call+0x4",
                            "kind": "function"
                          }
                        ],
                        "message": {
                          "text": "tail call instrumented_helper"
                        }
                      }
                    }
                  ]
                }
              ]
            }
          ],
          "properties": {
            "section": ".noinstr.text",
            "sectionOffset": "0x1a",
            "callee": "instrumented_helper"
          }
        },
        {
          "ruleId": "noinstr-indirect",
          "ruleIndex": 1,
          "level": "warning",
          "message": {
            "text": "indirect call in noinstr code"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "tests/fixtures/noinstr_bad.S"
                },
                "region": {
                  "startLine": 34
                }
              },
              "logicalLocations": [
                {
                  "fullyQualifiedName": "bad_indirect+0x0",
                  "kind": "function"
                }
              ]
            }
          ],
          "partialFingerprints": {
            "istcheckFingerprint/v2": "ef882a324119acd0"
          },
          "codeFlows": [
            {
              "threadFlows": [
                {
                  "locations": [
                    {
                      "location": {
                        "physicalLocation": {
                          "artifactLocation": {
                            "uri": "tests/fixtures/noinstr_bad.S"
                          },
                          "region": {
                            "startLine": 34
                          }
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_indirect+0x0",
                            "kind": "function"
                          }
                        ],
                        "message": {
                          "text": "entry bad_indirect"
                        }
                      }
                    },
                    {
                      "location": {
                        "physicalLocation": {
                          "artifactLocation": {
                            "uri": "tests/fixtures/noinstr_bad.S"
                          },
                          "region": {
                            "startLine": 34
                          }
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_indirect+0x0",
                            "kind": "function"
                          }
                        ],
                        "message": {
                          "text": "indirect call"
                        }
                      }
                    }
                  ]
                }
              ]
            }
          ],
          "properties": {
            "section": ".noinstr.text",
            "sectionOffset": "0x24",
            "callee": "{dynamic}"
          }
        },
        {
          "ruleId": "noinstr-indirect",
          "ruleIndex": 1,
          "level": "warning",
          "message": {
            "text": "indirect call in noinstr code"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "tests/fixtures/noinstr_bad.S"
                },
                "region": {
                  "startLine": 35
                }
              },
              "logicalLocations": [
                {
                  "fullyQualifiedName": "bad_indirect+0x5",
                  "kind": "function"
                }
              ]
            }
          ],
          "partialFingerprints": {
            "istcheckFingerprint/v2": "a638e808405a9e03"
          },
          "codeFlows": [
            {
              "threadFlows": [
                {
                  "locations": [
                    {
                      "location": {
                        "physicalLocation": {
                          "artifactLocation": {
                            "uri": "tests/fixtures/noinstr_bad.S"
                          },
                          "region": {
                            "startLine": 34
                          }
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_indirect+0x0",
                            "kind": "function"
                          }
                        ],
                        "message": {
                          "text": "entry bad_indirect"
                        }
                      }
                    },
                    {
                      "location": {
                        "physicalLocation": {
                          "artifactLocation": {
                            "uri": "tests/fixtures/noinstr_bad.S"
                          },
                          "region": {
                            "startLine": 35
                          }
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_indirect+0x5",
                            "kind": "function"
                          }
                        ],
                        "message": {
                          "text": "indirect call"
                        }
                      }
                    }
                  ]
                }
              ]
            }
          ],
          "properties": {
            "section": ".noinstr.text",
            "sectionOffset": "0x29",
            "callee": "{dynamic}"
          }
        },
        {
          "ruleId": "noinstr-balance",
          "ruleIndex": 2,
          "level": "warning",
          "message": {
            "text": "return with instrumentation enabled (depth 1)"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "tests/fixtures/noinstr_bad.S"
                },
                "region": {
                  "startLine": 45
                }
              },
              "logicalLocations": [
                {
                  "fullyQualifiedName": "bad_return_in_region+0x6",
                  "kind": "function"
                }
              ]
            }
          ],
          "partialFingerprints": {
            "istcheckFingerprint/v2": "71720c2fa34b82fc"
          },
          "codeFlows": [
            {
              "threadFlows": [
                {
                  "locations": [
                    {
                      "location": {
                        "physicalLocation": {
                          "artifactLocation": {
                            "uri": "tests/fixtures/noinstr_bad.S"
                          },
                          "region": {
                            "startLine": 41
                          }
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_return_in_region+0x0",
                            "kind": "function"
                          }
                        ],
                        "message": {
                          "text": "entry bad_return_in_region"
                        }
                      }
                    },
                    {
                      "location": {
                        "physicalLocation": {
                          "artifactLocation": {
                            "uri": "tests/fixtures/noinstr_bad.S"
                          },
                          "region": {
                            "startLine": 43
                          }
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_return_in_region+0x3",
                            "kind": "function"
                          }
                        ],
                        "message": {
                          "text": "taken"
                        }
                      }
                    },
                    {
                      "location": {
                        "physicalLocation": {
                          "artifactLocation": {
                            "uri": "tests/fixtures/noinstr_bad.S"
                          },
                          "region": {
                            "startLine": 45
                          }
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_return_in_region+0x6",
                            "kind": "function"
                          }
                        ],
                        "message": {
                          "text": "return with instrumentation enabled"
                        }
                      }
                    }
                  ]
                }
              ]
            }
          ],
          "properties": {
            "section": ".noinstr.text",
            "sectionOffset": "0x36"
          }
        },
        {
          "ruleId": "noinstr-balance",
          "ruleIndex": 2,
          "level": "warning",
          "message": {
            "text": "instrumentation_end() without instrumentation_begin() (depth -1)"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "tests/fixtures/noinstr_bad.S"
                },
                "region": {
                  "startLine": 54
                }
              },
              "logicalLocations": [
                {
                  "fullyQualifiedName": "bad_end_without_begin+0xa",
                  "kind": "function"
                }
              ]
            }
          ],
          "partialFingerprints": {
            "istcheckFingerprint/v2": "4fbd570c628a8360"
          },
          "codeFlows": [
            {
              "threadFlows": [
                {
                  "locations": [
                    {
                      "location": {
                        "physicalLocation": {
                          "artifactLocation": {
                            "uri": "tests/fixtures/noinstr_bad.S"
                          },
                          "region": {
                            "startLine": 50
                          }
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_end_without_begin+0x0",
                            "kind": "function"
                          }
                        ],
                        "message": {
                          "text": "entry bad_end_without_begin"
                        }
                      }
                    },
                    {
                      "location": {
                        "physicalLocation": {
                          "artifactLocation": {
                            "uri": "tests/fixtures/noinstr_bad.S"
                          },
                          "region": {
                            "startLine": 51
                          }
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_end_without_begin+0x2",
                            "kind": "function"
                          }
                        ],
                        "message": {
                          "text": "taken"
                        }
                      }
                    },
                    {
                      "location": {
                        "physicalLocation": {
                          "artifactLocation": {
                            "uri": "tests/fixtures/noinstr_bad.S"
                          },
                          "region": {
                            "startLine": 54
                          }
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_end_without_begin+0xa",
                            "kind": "function"
                          }
                        ],
                        "message": {
                          "text": "instrumentation_end() without instrumentation_begin()"
                        }
                      }
                    }
                  ]
                }
              ]
            }
          ],
          "properties": {
            "section": ".noinstr.text",
            "sectionOffset": "0x45"
          }
        },
        {
          "ruleId": "noinstr-balance",
          "ruleIndex": 2,
          "level": "warning",
          "message": {
            "text": "instrumentation depth changes on every turn of a loop (depth 4)"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "tests/fixtures/noinstr_bad.S"
                },
                "region": {
                  "startLine": 62
                }
              },
              "logicalLocations": [
                {
                  "fullyQualifiedName": "bad_loop+0x3",
                  "kind": "function"
                }
              ]
            }
          ],
          "partialFingerprints": {
            "istcheckFingerprint/v2": "543555ce7275f244"
          },
          "codeFlows": [
            {
              "threadFlows": [
                {
                  "locations": [
                    {
                      "location": {
                        "physicalLocation": {
                          "artifactLocation": {
                            "uri": "tests/fixtures/noinstr_bad.S"
                          },
                          "region": {
                            "startLine": 60
                          }
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_loop+0x0",
                            "kind": "function"
                          }
                        ],
                        "message": {
                          "text": "entry bad_loop"
                        }
                      }
                    },
                    {
                      "location": {
                        "physicalLocation": {
                          "artifactLocation": {
                            "uri": "tests/fixtures/noinstr_bad.S"
                          },
                          "region": {
                            "startLine": 62
                          }
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_loop+0x3",
                            "kind": "function"
                          }
                        ],
                        "message": {
                          "text": "taken"
                        }
                      }
                    },
                    {
                      "location": {
                        "physicalLocation": {
                          "artifactLocation": {
                            "uri": "tests/fixtures/noinstr_bad.S"
                          },
                          "region": {
                            "startLine": 62
                          }
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_loop+0x3",
                            "kind": "function"
                          }
                        ],
                        "message": {
                          "text": "taken"
                        }
                      }
                    },
                    {
                      "location": {
                        "physicalLocation": {
                          "artifactLocation": {
                            "uri": "tests/fixtures/noinstr_bad.S"
                          },
                          "region": {
                            "startLine": 62
                          }
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_loop+0x3",
                            "kind": "function"
                          }
                        ],
                        "message": {
                          "text": "taken"
                        }
                      }
                    },
                    {
                      "location": {
                        "physicalLocation": {
                          "artifactLocation": {
                            "uri": "tests/fixtures/noinstr_bad.S"
                          },
                          "region": {
                            "startLine": 62
                          }
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_loop+0x3",
                            "kind": "function"
                          }
                        ],
                        "message": {
                          "text": "instrumentation depth changes on every turn of a loop"
                        }
                      }
                    }
                  ]
                }
              ]
            }
          ],
          "properties": {
            "section": ".noinstr.text",
            "sectionOffset": "0x4e"
          }
        },
        {
          "ruleId": "noinstr-balance",
          "ruleIndex": 2,
          "level": "warning",
          "message": {
            "text": "return with instrumentation enabled (depth 1)"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "tests/fixtures/noinstr_bad.S"
                },
                "region": {
                  "startLine": 63
                }
              },
              "logicalLocations": [
                {
                  "fullyQualifiedName": "bad_loop+0x5",
                  "kind": "function"
                }
              ]
            }
          ],
          "partialFingerprints": {
            "istcheckFingerprint/v2": "9a1fb51adf9e6925"
          },
          "codeFlows": [
            {
              "threadFlows": [
                {
                  "locations": [
                    {
                      "location": {
                        "physicalLocation": {
                          "artifactLocation": {
                            "uri": "tests/fixtures/noinstr_bad.S"
                          },
                          "region": {
                            "startLine": 60
                          }
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_loop+0x0",
                            "kind": "function"
                          }
                        ],
                        "message": {
                          "text": "entry bad_loop"
                        }
                      }
                    },
                    {
                      "location": {
                        "physicalLocation": {
                          "artifactLocation": {
                            "uri": "tests/fixtures/noinstr_bad.S"
                          },
                          "region": {
                            "startLine": 62
                          }
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_loop+0x3",
                            "kind": "function"
                          }
                        ],
                        "message": {
                          "text": "not taken"
                        }
                      }
                    },
                    {
                      "location": {
                        "physicalLocation": {
                          "artifactLocation": {
                            "uri": "tests/fixtures/noinstr_bad.S"
                          },
                          "region": {
                            "startLine": 63
                          }
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_loop+0x5",
                            "kind": "function"
                          }
                        ],
                        "message": {
                          "text": "return with instrumentation enabled"
                        }
                      }
                    }
                  ]
                }
              ]
            }
          ],
          "properties": {
            "section": ".noinstr.text",
            "sectionOffset": "0x50"
          }
        },
        {
          "ruleId": "noinstr-call",
          "ruleIndex": 0,
          "level": "warning",
          "message": {
            "text": "call to instrumented_helper() leaves .noinstr.text section"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "tests/fixtures/noinstr_bad.S"
                },
                "region": {
                  "startLine": 85
                }
              },
              "logicalLocations": [
                {
                  "fullyQualifiedName": "bad_nonstandard+0x0",
                  "kind": "function"
                }
              ]
            }
          ],
          "partialFingerprints": {
            "istcheckFingerprint/v2": "3078c0c3d4c3aebc"
          },
          "codeFlows": [
            {
              "threadFlows": [
                {
                  "locations": [
                    {
                      "location": {
                        "physicalLocation": {
                          "artifactLocation": {
                            "uri": "tests/fixtures/noinstr_bad.S"
                          },
                          "region": {
                            "startLine": 85
                          }
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_nonstandard+0x0",
                            "kind": "function"
                          }
                        ],
                        "message": {
                          "text": "entry bad_nonstandard"
                        }
                      }
                    },
                    {
                      "location": {
                        "physicalLocation": {
                          "artifactLocation": {
                            "uri": "tests/fixtures/noinstr_bad.S"
                          },
                          "region": {
                            "startLine": 85
                          }
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_nonstandard+0x0",
                            "kind": "function"
                          }
                        ],
                        "message": {
                          "text": "call instrumented_helper"
                        }
                      }
                    }
                  ]
                }
              ]
            }
          ],
          "properties": {
            "section": ".noinstr.text",
            "sectionOffset": "0x6b",
            "callee": "instrumented_helper"
          }
        }
      ]
    }
  ]
}
