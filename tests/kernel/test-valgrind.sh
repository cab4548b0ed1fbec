#!/usr/bin/env bash
# valgrind memcheck on whole-kernel runs: no invalid access, no use of uninitialised memory (the
# contract walk hashes states as bytes, so padding must be explicit), no leak.  The ASan build
# skips it: the two tools do not stack.
source "$(dirname "$0")/lib.sh"
command -v valgrind >/dev/null || { echo "skip: valgrind not installed"; exit 77; }
nm "$ISTCHECK" 2>/dev/null | grep -q __asan_init && { echo "skip: ASan build"; exit 77; }
fail=0 ran=0
for f in "$cache/debian/vmlinux-6.12" "$cache/debian/vmlinux-6.1" "$cache/entry-tiny/vmlinux.o"; do
	[ -f "$f" ] || { echo "skip $f: missing"; continue; }
	ran=1
	log=$(mktemp)
	valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible \
		"$ISTCHECK" "$f" >/dev/null 2>"$log"
	rc=$?
	if [ $rc -eq 99 ] || [ $rc -gt 1 ]; then
		echo "FAIL $f: exit $rc"; head -40 "$log"; fail=1
	else
		echo "ok   $f: memcheck clean"
	fi
	rm -f "$log"
done
[ $ran = 1 ] || { echo "skip: no kernel corpus at $cache"; exit 77; }
exit $fail
