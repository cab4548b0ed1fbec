# The walk's bounds (walk_limits.S: 3^12 distinct states per entry): each entry stops at
# 65,536 states with a note, and once the file has used 524,288 the entries left are named as
# unchecked, never silently clean.  (The bare iretq's spec-verw findings are not the point here.)
command: istcheck --model=$SRCROOT/tests/golden/limits-model.json -Wno-spec-verw walk_limits.o
exit: 0
---
istcheck: walk_limits.o: linux contract, model limits, 1 variant, 6 entry points (6 cut short by the walk bounds), 6 noinstr functions: passed what was checked, 0 errors, 0 warnings, 5 notes (-v lists them)
