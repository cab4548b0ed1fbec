#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The state judge's decisions without a guest: each check fires on a wrong value and stays
quiet on the right one, and an expected verdict is held to both ways; and the injector core's
sampling."""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import judge  # noqa: E402

fails = checks = 0


def expect(what, ok):
    global fails, checks
    print("%s %s" % ("ok" if ok else "FAIL", what))
    checks += 1
    fails += not ok


claimed = {"RAX", "RBX", "RCX", "RDX", "RSI", "RDI", "RBP", "RSP", "R8", "R9", "R10", "R11", "R12",
           "R13", "R14", "R15", "RIP", "RFLAGS", "CS", "SS", "FS", "GS", "FSBASE", "GSBASE",
           "KERNEL_GSBASE", "CR3"}
expect("the state compared is what the README claims", {s for _, s in judge.STATE} == claimed)
regs = {name: 0x1000 + i for i, (name, _) in enumerate(judge.STATE)}
frame = [0x401000, 0x33, 0x246, 0x7ff0, 0x2b]
ctx = judge.Context("the outer nmi at user_nmi_spot", regs, frame)
back = dict(regs, rip=0x401000, cs=0x33, eflags=0x246, rsp=0x7ff0, ss=0x2b)
expect("the state it was taken with: no mismatch", ctx.mismatches(back) == [])
expect("a return into it is recognised", ctx.returns_here([0x401000, 0x33, 0x246, 0x7ff0, 0x2b]))
expect("another RSP is another context", not ctx.returns_here([0x401000, 0x33, 0x246, 0x7fe8, 0x2b]))
for name, shown in judge.STATE:
    bad = dict(back, **{name: back[name] ^ 1})
    m = ctx.mismatches(bad)
    expect("%s changed: named with both values" % shown,
           len(m) == 1 and m[0].startswith(shown + " got ") and " want " in m[0])
m = ctx.mismatches(dict(back, eflags=0x246 ^ 0x401))
expect("RFLAGS: the flags that differ named", m and m[0].endswith("(CF+DF differ)"))
m = ctx.mismatches(dict(back, r12=judge.poison_word(0xdf70)))
expect("a poison word says where it came from", m and "(poison: area+0xdf70" in m[0])
expect("poison is not a written word", not judge.written(judge.poison_word(8)))

expect("survive, all survived", judge.deviation("survive", 10, 10) is None)
expect("survive, one failed", judge.deviation("survive", 10, 9) is not None)
expect("fail, all failed", judge.deviation("fail", 10, 0) is None)
expect("fail, one survived", judge.deviation("fail", 10, 1) is not None)
expect("nothing tried is a deviation", judge.deviation("survive", 0, 0) is not None)
expect("point names", judge.point_name("f+0x10", 1) == "f+0x10" and
       judge.parse_point(judge.point_name("f+0x10", 3)) == ("f+0x10", 3))

with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
    f.write("atomic off db nmi survive\natomic off db nmi fail\n")
try:
    judge.read_expected(f.name)
    expect("a second row for a cell is refused", False)
except judge.ExpectationError as e:
    expect("a second row for a cell is refused", "a second row" in str(e))
os.unlink(f.name)
table = judge.read_expected()
expect("the checked-in table has 28 cells", len(table) == 28)

# The injectors' one sampling function (injector.py): evenly spread, both ends kept, no repeats.
import injector  # noqa: E402
pts = list(range(100))
expect("sample: n of them, first and last kept", injector.sample(pts, 6) == [0, 20, 40, 59, 79, 99])
expect("sample: 0 or more than there are takes all", injector.sample(pts, 0) == pts and
       injector.sample(pts[:5], 9) == pts[:5])
expect("sample: 1 takes the first", injector.sample(pts, 1) == [0])
print("%d passed, %d failed" % (checks - fails, fails))
sys.exit(1 if fails else 0)
