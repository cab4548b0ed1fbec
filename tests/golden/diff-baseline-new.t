# ... and as NEW: the version 1 baseline against the version 1 report of two rules lists the
# three other rules' entries, two variants each, as the baseline words them (it does not name
# the input: the baseline stands in).
command: istcheck diff $SRCROOT/tests/golden/mini-report-v1.json $SRCROOT/tests/golden/mini-baseline-v1.json | sed "s|$SRCROOT/||g"; exit ${PIPESTATUS[0]}
exit: 1
---
tests/golden/mini-baseline-v1.json: error: istcheck: mini_syscall+0x38: UNTRAIN_RET without IBRS_ENTER before it (from user mode, with PTI) [spec-untrain]
tests/golden/mini-baseline-v1.json: error: istcheck: mini_syscall+0x38: UNTRAIN_RET without IBRS_ENTER before it (from user mode, without PTI) [spec-untrain]
tests/golden/mini-baseline-v1.json: error: istcheck: mini_syscall+0x43: call to the syscall handler do_mini_syscall without CLEAR_BHB (from user mode, with PTI) [spec-bhb]
tests/golden/mini-baseline-v1.json: error: istcheck: mini_syscall+0x43: call to the syscall handler do_mini_syscall without CLEAR_BHB (from user mode, without PTI) [spec-bhb]
tests/golden/mini-baseline-v1.json: error: istcheck: mini_syscall+0x43: call to do_mini_syscall with the user's rbx still in rbx: registers not scrubbed (CLEAR_REGS) (from user mode, with PTI) [regs-frame]
tests/golden/mini-baseline-v1.json: error: istcheck: mini_syscall+0x43: call to do_mini_syscall with the user's rbx still in rbx: registers not scrubbed (CLEAR_REGS) (from user mode, without PTI) [regs-frame]
istcheck diff: 6 new findings in tests/golden/mini-baseline-v1.json, 0 gone from tests/golden/mini-report-v1.json
