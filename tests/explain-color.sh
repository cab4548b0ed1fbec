#!/usr/bin/env bash
# What a kernel developer expects of a command-line checker, from the rule table:
#   --explain=RULE for every rule: summary, severity and profiles, the help, an example (code,
#   then the finding as istcheck prints it: its [RULE] tag) and the fix; an unknown rule is
#   refused (exit 2) and so are --format or --write-baseline with it;
#   --color: GCC's colours on a terminal (auto), never in a file or pipe, never with NO_COLOR or
#   TERM=dumb, always with --color=always; refused values are named;
#   the man page: every rule with its fix, no placeholder left, in the generated page and in
#   man/istcheck.1.in read as it is;
#   bash completion: the installed script completes options, rules and contracts.
set -u
: "${ISTCHECK:?}" "${FIXTURES:?}" "${SRCROOT:?}" "${MANPAGE:?}"
. "$(dirname "$0")/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0 n=0
rules=$("$ISTCHECK" --list-rules | awk 'NR > 1 { print $1 }')

for r in $rules; do
	"$ISTCHECK" --explain="$r" >"$work/x" 2>&1
	rc=$?
	ok=1
	[ $rc -eq 0 ] || ok=0
	head -1 "$work/x" | grep -q "^$r: " || ok=0
	sed -n 2p "$work/x" | grep -qE '^severity (error|warning|note); profiles ' || ok=0
	# code lines under Example:, then the finding with this rule's tag (aist-ibrs: spec-untrain)
	awk '/^Example:/ { e = 1; next } /^which istcheck reports as/ { exit } e && NF { c++ } END { exit !(c > 0) }' "$work/x" || ok=0
	grep -A1 '^which istcheck reports as' "$work/x" | tail -1 | grep -qE '^    [^ ].*: .* \[[a-z0-9-]+\]$' || ok=0
	grep -A1 '^Fix:' "$work/x" | tail -1 | grep -q '^    [A-Z]' || ok=0
	expect "--explain=$r: summary, severity, help, example with its finding, fix" [ $ok = 1 ]
done
expect "--explain=gs-fence: the example's finding is tagged [gs-fence]" \
	eval '"$ISTCHECK" --explain=gs-fence | grep -q "\[gs-fence\]$"'

refused() {	# refused NAME PATTERN ARGS...: exit 2, one line on stderr matching PATTERN
	local name=$1 pat=$2
	shift 2
	"$ISTCHECK" "$@" >"$work/out" 2>"$work/err"
	rc=$?
	expect "$name" eval '[ $rc = 2 ] && [ ! -s "$work/out" ] && [ "$(wc -l <"$work/err")" = 1 ] && grep -qE -- "$pat" "$work/err"'
}
refused "--explain of no rule" "--explain=no-such-rule: no such rule \(istcheck --list-rules lists them\)" --explain=no-such-rule
refused "--explain --format=json" "--format=json does not apply to --explain=gs-fence" --explain=gs-fence --format=json
refused "--color bogus" "unknown --color 'sometimes' \(auto, always or never\)" --color=sometimes "$FIXTURES/noinstr_bad.o"

# Colour: a terminal is a pty (script(1) from bsdutils); a file and a pipe get none.
esc=$(printf '\033')
on_tty() { script -qec "$1" /dev/null | tr -d '\r'; }
bad=$FIXTURES/noinstr_bad.o
unset NO_COLOR
export TERM=xterm
on_tty "'$ISTCHECK' '$bad'" >"$work/tty"
expect "auto on a terminal: warning: in bold magenta, as GCC" grep -q "${esc}\[01;35mwarning:${esc}\[m" "$work/tty"
expect "auto on a terminal: the place in bold" grep -q "^${esc}\[01m[^ ]*noinstr_bad.o:${esc}\[m" "$work/tty"
expect "auto on a terminal: the verdict coloured" grep -q "${esc}\[01;31mfailed${esc}\[m" "$work/tty"
on_tty "NO_COLOR=1 '$ISTCHECK' '$bad'" >"$work/nocolor"
expect "NO_COLOR on a terminal: none" eval '! grep -q "$esc" "$work/nocolor"'
on_tty "TERM=dumb '$ISTCHECK' '$bad'" >"$work/dumb"
expect "TERM=dumb on a terminal: none" eval '! grep -q "$esc" "$work/dumb"'
on_tty "'$ISTCHECK' --color=never '$bad'" >"$work/never"
expect "--color=never on a terminal: none" eval '! grep -q "$esc" "$work/never"'
on_tty "'$ISTCHECK' -o '$work/file.txt' '$bad'" >/dev/null
expect "auto, -o FILE from a terminal: none in the file" eval '! grep -q "$esc" "$work/file.txt"'
"$ISTCHECK" "$bad" | cat >"$work/pipe"
expect "auto into a pipe: none" eval '! grep -q "$esc" "$work/pipe"'
"$ISTCHECK" --color=always "$bad" | cat >"$work/always"
expect "--color=always into a pipe: coloured" grep -q "${esc}\[01;35mwarning:" "$work/always"
expect "--color=always: the same text once the colours are stripped" \
	eval 'sed "s/${esc}\[[0-9;]*m//g" "$work/always" | cmp -s - "$work/pipe"'
on_tty "'$ISTCHECK' --format=json '$bad'" >"$work/json"
expect "JSON on a terminal: never coloured" eval '! grep -q "$esc" "$work/json"'

# The man page: every rule with its fix; no placeholder, generated or read raw.
# groff (groff-base, which the README installs) renders it as man would.
render() { groff -man -Tutf8 -P-cbou -rLL=200n "$1" 2>/dev/null; }
page=$(render "$MANPAGE")
for r in $rules; do
	echo "$page" | grep -A30 "^       $r\$" | grep -q "Fix: " || { echo "FAIL man page: $r has no fix"; fail=$((fail + 1)); }
done
n=$((n + 1))
expect "man page: no @PLACEHOLDER@" eval '! echo "$page" | grep -q "@[A-Z]*@"'
raw=$(render "$SRCROOT/man/istcheck.1.in")
expect "man/istcheck.1.in read raw: no @RULES@, and it points at --list-rules and --explain" \
	eval '! echo "$raw" | grep -q "@RULES@" && echo "$raw" | grep -q "explain=RULE"'

# bash completion, as installed: options, rule IDs after -W and --explain=, contracts.
comp=$SRCROOT/scripts/istcheck.bash-completion
complete_words() {	# complete_words WORD...: what bash completes the last word to
	PATH=$(dirname "$ISTCHECK"):$PATH bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		_istcheck; printf "%s\n" "${COMPREPLY[@]}"' _ "$comp" "$@"
}
expect "completion: --expl completes to --explain=" eval 'complete_words istcheck --expl | grep -qx -- "--explain="'
expect "completion: --explain=gs- lists the gs rules" \
	eval '[ "$(complete_words istcheck --explain=gs- | sort | tr "\n" " ")" = "gs-balance gs-fence gs-user-access " ]'
expect "completion: -Wno-stack lists the stack rules" \
	eval '[ "$(complete_words istcheck -Wno-stack | sort | tr "\n" " ")" = "-Wno-stack-gap -Wno-stack-ist " ]'
expect "completion: --contract= lists the contracts" \
	eval '[ "$(complete_words istcheck --contract= | sort | tr "\n" " ")" = "aist linux noinstr " ]'
expect "completion: --color= lists its values" \
	eval '[ "$(complete_words istcheck --color= | sort | tr "\n" " ")" = "always auto never " ]'

echo "$((n - fail)) passed, $fail failed"
[ $fail = 0 ]
