# mini_fred_exit: ERETU (f3 0f 01 ca), which Capstone 4.0.2 decodes as clac, comes from the
# quirk layer and ends the path.
command: istcheck --dump=cfg:mini_fred_exit mini_entry.o
exit: 0
---
function mini_fred_exit [entry] mini_fred_exit, 0x6 bytes, 2 blocks
B0 +0x0:
	+0x0                         popq %rax
	+0x1                         eretu  [quirk]
B1 +0x5:
	+0x5                         int3
