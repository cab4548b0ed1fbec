#!/usr/bin/env bash
# Reports never lose a file.  An output (-o, --write-baseline) that names an input, through a
# link or not, is a usage error that touches nothing; a failed write (a full disk, /dev/full,
# a full stdout) gives exit 2 and one line naming the file and errno's text, and leaves neither
# a partial report nor a temporary file, and an older report stays as it was.
set -u
: "${ISTCHECK:?}" "${FIXTURE:?}" "${MODEL:?}"
work=$(mktemp -d)
full=$work/full
trap 'mountpoint -q "$full" && umount "$full"; rm -rf "$work"' EXIT
fail=0 n=0

. "$(dirname "$0")/lib.sh"

# expect_err NAME NAMED PATTERN: the command just run (exit status in $rc, stderr in
# $work/err) must have exited 2 with exactly one stderr line naming NAMED and matching PATTERN.
expect_err() {
	local err
	err=$(cat "$work/err")
	n=$((n + 1))
	if [ "$rc" -ne 2 ] || [ "$(printf '%s\n' "$err" | wc -l)" -ne 1 ] ||
	   [[ "$err" != *"$2"* ]] || ! grep -qE -- "$3" <<<"$err"; then
		echo "FAIL $1: exit $rc, stderr '${err:0:300}' (want /$3/)"
		fail=$((fail + 1))
		return 1
	fi
	echo "ok   $1: $err"
}

# expect NAME CONDITION...: a further check on the same case.
expect() {
	local name=$1
	shift
	n=$((n + 1))
	if ! "$@"; then
		echo "FAIL $name: $*"
		fail=$((fail + 1))
	fi
}

# files_in DIR: what DIR holds, hidden files (a temporary) included.
files_in() { (cd "$1" && ls -A | tr '\n' ' '); }
empty_full() { find "$full" -mindepth 1 -delete; }

# Every case starts from an intact object: a failed case must not hide the ones after it.
v=$work/v.o
fresh() { cp "$FIXTURE" "$v"; }
m=(--model="$MODEL")	# mini_entry.o has findings under its golden model

# The case the issue began with: the object was truncated while mapped (SIGBUS, exit 135).
fresh
expect_bad "-o the input" "$v" "-o names an input file; refusing" "${m[@]}" -o "$v" "$v"
expect "-o the input: object unchanged" cmp -s "$FIXTURE" "$v"

fresh
ln -s v.o "$work/sym.o"
expect_bad "-o a symlink to the input" "$work/sym.o" "-o names an input file \($v\)" \
	"${m[@]}" -o "$work/sym.o" "$v"
expect "-o a symlink: still a link" test -L "$work/sym.o"
fresh
ln "$v" "$work/hard.o"
expect_bad "-o a hard link to the input" "$work/hard.o" "-o names an input file \($v\)" \
	"${m[@]}" -o "$work/hard.o" "$v"
expect "-o a link: object unchanged" cmp -s "$FIXTURE" "$v"

fresh
expect_bad "--write-baseline the input" "$v" "--write-baseline names an input file" \
	"${m[@]}" --write-baseline="$v" "$v"
expect "--write-baseline the input: object unchanged" cmp -s "$FIXTURE" "$v"

fresh
cp "$MODEL" "$work/model.json"
expect_bad "-o the --model file" "$work/model.json" "-o names an input file" \
	--model="$work/model.json" -o "$work/model.json" "$v"
expect "-o the --model file: unchanged" cmp -s "$MODEL" "$work/model.json"

fresh
"$ISTCHECK" "${m[@]}" --write-baseline="$work/base.json" "$v" >/dev/null
cp "$work/base.json" "$work/base.orig"
expect_bad "--write-baseline the --baseline file" "$work/base.json" "--write-baseline names an in" \
	"${m[@]}" --baseline="$work/base.json" --write-baseline="$work/base.json" "$v"
expect_bad "-o the --baseline file" "$work/base.json" "-o names an input" \
	"${m[@]}" --baseline="$work/base.json" -o "$work/base.json" "$v"
expect "the --baseline file: unchanged" cmp -s "$work/base.orig" "$work/base.json"

fresh
mkdir "$work/two"
expect_bad "-o and --write-baseline the same new file" "$work/two/r.json" \
	"-o and --write-baseline name the same file" \
	"${m[@]}" -o "$work/two/r.json" --write-baseline="$work/two/./r.json" "$v"
expect "-o and --write-baseline the same: nothing created" test -z "$(files_in "$work/two")"

fresh
rc=0; "$ISTCHECK" "${m[@]}" "$v" >>"$v" 2>"$work/err" || rc=$?
expect_err "stdout appended to the input" stdout "is the input .*refusing"
expect "stdout the input: object unchanged" cmp -s "$FIXTURE" "$v"

# Write errors.  /dev/full cannot be renamed over: it is written directly, errors checked.
fresh
rc=0; "$ISTCHECK" "${m[@]}" -o /dev/full "$v" >/dev/null 2>"$work/err" || rc=$?
expect_err "-o /dev/full" /dev/full "No space left on device"
rc=0; "$ISTCHECK" "${m[@]}" "$v" >/dev/full 2>"$work/err" || rc=$?
expect_err "stdout /dev/full, findings" stdout "No space left on device"
rc=0; "$ISTCHECK" --format=json "$v" >/dev/full 2>"$work/err" || rc=$?
expect_err "stdout /dev/full, clean" stdout "No space left on device"
rc=0; "$ISTCHECK" >/dev/full 2>"$work/err" || rc=$?
expect_err "stdout /dev/full, the built-in reference" stdout "No space left on device"
mkdir "$work/bl"
rc=0
"$ISTCHECK" "${m[@]}" --write-baseline=/dev/full -o "$work/bl/r.txt" "$v" 2>"$work/err" || rc=$?
expect_err "--write-baseline /dev/full" /dev/full "No space left on device"
expect "--write-baseline /dev/full: no report either" test -z "$(files_in "$work/bl")"

# A report that is written is the same as on stdout, keeps an old report's mode, and through a
# symlink replaces the file it names.
fresh
"$ISTCHECK" "${m[@]}" "$v" >"$work/stdout.txt"
: >"$work/r.txt"; chmod 640 "$work/r.txt"
"$ISTCHECK" "${m[@]}" -o "$work/r.txt" "$v"
expect "-o: the report" cmp -s "$work/stdout.txt" "$work/r.txt"
expect "-o: the old mode kept" test "$(stat -c %a "$work/r.txt")" = 640
ln -s r.txt "$work/r-link.txt"
"$ISTCHECK" "${m[@]}" --format=json -o "$work/r-link.txt" "$v"
expect "-o a symlink to a report: still a link" test -L "$work/r-link.txt"
expect "-o a symlink to a report: its file written" grep -q '"results"' "$work/r.txt"
rm -f "$work/new.txt"
(umask 027 && "$ISTCHECK" "${m[@]}" -o "$work/new.txt" "$v")
expect "-o: a new file's mode from the umask" test "$(stat -c %a "$work/new.txt")" = 640

# A full disk: a 4 KiB tmpfs holds the text report (under 4 KiB) but not the SARIF one.
fresh
mkdir "$full"
if ! mount -t tmpfs -o size=4k istcheck-full "$full" 2>"$work/err"; then
	echo "skip full disk: cannot mount a tmpfs ($(head -1 "$work/err"))"
else
	rc=0; "$ISTCHECK" "${m[@]}" --format=sarif -o "$full/r.sarif" "$v" 2>"$work/err" || rc=$?
	expect_err "full disk" "$full/r.sarif" "No space left on device"
	expect "full disk: no file left" test -z "$(files_in "$full")"

	empty_full
	"$ISTCHECK" "${m[@]}" -o "$full/r.txt" "$v"
	expect "full disk: the text report fits" test -s "$full/r.txt"
	cp "$full/r.txt" "$work/r.orig"
	rc=0; "$ISTCHECK" "${m[@]}" --format=sarif -o "$full/r.txt" "$v" 2>"$work/err" || rc=$?
	expect_err "full disk, over an old report" "$full/r.txt" "No space left on device"
	expect "full disk: the old report unchanged" cmp -s "$work/r.orig" "$full/r.txt"
	expect "full disk: no temporary left" test "$(files_in "$full")" = "r.txt "

	# The baseline would fit in 4 KiB: one byte in another file takes the one page.
	empty_full
	echo >"$full/filler"
	rc=0
	"$ISTCHECK" "${m[@]}" --write-baseline="$full/b.json" "$v" >/dev/null 2>"$work/err" || rc=$?
	expect_err "full disk, baseline" "$full/b.json" "No space left on device"
	expect "full disk, baseline: nothing left" test "$(files_in "$full")" = "filler "
fi

echo "$((n - fail)) passed, $fail failed"
[ $fail = 0 ]
