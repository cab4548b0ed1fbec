#!/usr/bin/env bash
# Run one golden test.  A .t file is:
#   # comment lines explaining what the test shows
#   command: istcheck ARGS...      ($FIXTURES, $SRCROOT and $ISTCHECK are set by CTest)
#   exit: N
#   --- expected output (stdout, then stderr) follows to the end of the file
# With GOLDEN_UPDATE=1 the expected part is rewritten from the actual output: review the diff
# before committing it.
set -u
t=$1
: "${ISTCHECK:?}" "${FIXTURES:?}"

cmd=$(sed -n 's/^command: //p' "$t")
want_exit=$(sed -n 's/^exit: //p' "$t")
expected=$(sed -n '/^---$/,$p' "$t" | tail -n +2)

actual=$(cd "$FIXTURES" && eval "${cmd/#istcheck/\"\$ISTCHECK\"}" 2>&1)
got_exit=$?

if [ "${GOLDEN_UPDATE:-0}" = 1 ]; then
	{ sed '/^---$/,$d' "$t"; echo '---'; printf '%s\n' "$actual"; } > "$t.new" && mv "$t.new" "$t"
	sed -i "s/^exit: .*/exit: $got_exit/" "$t"
	exit 0
fi
status=0
if [ "$got_exit" != "$want_exit" ]; then
	echo "FAIL: exit status $got_exit, expected $want_exit"
	status=1
fi
if [ "$actual" != "$expected" ]; then
	echo "FAIL: output differs from $t"
	diff -u <(printf '%s\n' "$expected") <(printf '%s\n' "$actual")
	status=1
fi
[ $status = 0 ] && echo "ok: $t"
exit $status
