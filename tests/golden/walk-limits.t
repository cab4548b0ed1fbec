# The walk's bounds (walk_limits.S: 3^12 distinct states per entry): each entry stops at
# 65,536 states with a note, and once the file has used 524,288 the entries left are named as
# unchecked, never silently clean.  (The bare iretq's spec-verw findings are not the point here.)
command: istcheck --model=$SRCROOT/tests/golden/limits-model.json -Wno-spec-verw walk_limits.o
exit: 0
---
walk_limits.o: note: istcheck: the contract walk stopped after 524288 states in all: 2 entry points from blowup_e on are not checked
walk_limits.o: note: istcheck: blowup_a+0x0: blowup_a: the contract walk stopped after 65536 states
walk_limits.o: note: istcheck: blowup_b+0x0: blowup_b: the contract walk stopped after 65536 states
walk_limits.o: note: istcheck: blowup_c+0x0: blowup_c: the contract walk stopped after 65536 states
walk_limits.o: note: istcheck: blowup_d+0x0: blowup_d: the contract walk stopped after 65536 states
