# Shared by the shell tests: source it after setting ISTCHECK, work (a temp dir), n and fail.

# expect NAME CONDITION...: one check, by the exit status of CONDITION.
expect() {
	local name=$1
	shift
	n=$((n + 1))
	if "$@"; then
		echo "ok   $name"
	else
		echo "FAIL $name: $*"
		fail=$((fail + 1))
	fi
}

# expect_bad NAME NAMED PATTERN [ARGS...]: istcheck ARGS (default: NAMED) must exit 2 with
# exactly one line on stderr that names NAMED and matches PATTERN, and print nothing on stdout.
expect_bad() {
	local name=$1 named=$2 pattern=$3 out err rc
	shift 3
	[ $# -gt 0 ] || set -- "$named"
	n=$((n + 1))
	out=$("$ISTCHECK" "$@" 2>"$work/err")
	rc=$?
	err=$(cat "$work/err")
	if [ $rc -ne 2 ] || [ -n "$out" ] || [ "$(printf '%s\n' "$err" | wc -l)" -ne 1 ] ||
	   [[ "$err" != *"$named"* ]] || ! grep -qE -- "$pattern" <<<"$err"; then
		echo "FAIL $name: exit $rc, stdout '${out:0:80}', stderr '${err:0:300}' (want /$pattern/)"
		fail=$((fail + 1))
	else
		echo "ok   $name: $err"
	fi
}
