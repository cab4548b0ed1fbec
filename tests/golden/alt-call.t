# A call in an alternative's replacement is named by where it runs once patched in: the site's
# symbol and offset (alt_site+0x3), not .altinstr_replacement+0x2, which has no symbol, and the
# text line says which replacement (F_XENPV's) holds it: two replacements of one site share the
# site's symbol and offset.  It is listed where it runs: before later_site's finding, though the
# replacement's bytes lie after all the code.
command: istcheck alt_call.o
exit: 1
---
alt_call.o: warning: istcheck: alt_site+0x3 (XENPV replacement): call to text_helper() leaves .noinstr.text section [noinstr-call]
alt_call.o: warning: istcheck: later_site+0x0: call to text_helper() leaves .noinstr.text section [noinstr-call]
istcheck: alt_call.o: linux contract, model linux-x86_64-6.12, 4 variants, 2 noinstr functions: failed, 0 errors, 2 warnings, 0 notes
