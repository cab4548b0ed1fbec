# istcheck diff reads version 1 reports: against the version 1 report of the cr3-balance and
# spec-verw findings, a version 2 report of all of them has three new findings.
command: istcheck --model=$SRCROOT/tests/golden/mini-model.json --format=json -o diff-report-v1.json mini_entry.o; "$ISTCHECK" diff $SRCROOT/tests/golden/mini-report-v1.json diff-report-v1.json | sed "s|$SRCROOT/||g"; exit ${PIPESTATUS[0]}
exit: 1
---
mini_entry.o: error: istcheck: mini_syscall+0x38: UNTRAIN_RET without IBRS_ENTER before it (from user mode) [spec-untrain]
mini_entry.o: error: istcheck: mini_syscall+0x43: call to the syscall handler do_mini_syscall without CLEAR_BHB (from user mode) [spec-bhb]
mini_entry.o: error: istcheck: mini_syscall+0x43: call to do_mini_syscall with the user's rbx still in rbx: registers not scrubbed (CLEAR_REGS) (from user mode) [regs-frame]
istcheck diff: 3 new findings in diff-report-v1.json, 0 gone from tests/golden/mini-report-v1.json
