#!/usr/bin/env bash
# A contract is a row in a table: istcheck_toy is istcheck plus one file that adds a fourth row,
# "gs" (the three GSBASE rules, walked over the entry model, failing only on errors), and
# nothing else.  It is selected, listed, named in the summary, runs exactly its rules, takes its
# own default --fail-on, and the built-in istcheck does not know it.
set -u
: "${ISTCHECK:?}" "${ISTCHECK_TOY:?}" "${FIXTURES:?}" "${SRCROOT:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0 n=0
. "$(dirname "$0")/lib.sh"
model=(--model="$SRCROOT/tests/golden/knobs-plain-model.json")
in=$FIXTURES/model_knobs.o

"$ISTCHECK_TOY" "${model[@]}" --contract=gs "$in" >"$work/gs" 2>&1
rc=$?
cat "$work/gs"
rules=$(grep -o '\[[a-z0-9-]*\]$' "$work/gs" | sort -u | tr '\n' ' ')
expect "--contract=gs: exactly its rules fire (gs-user-access, gs-fence here)" [ "$rules" = "[gs-fence] [gs-user-access] " ]
expect "--contract=gs: the summary names it, with the model it walked" \
	grep -q "^istcheck: .*model_knobs.o: gs contract, model knobs-plain, 1 variant, 3 entry points" "$work/gs"
expect "--contract=gs: errors fail it (exit 1)" [ $rc = 1 ]
"$ISTCHECK_TOY" "${model[@]}" --contract=gs -Wno-gs-user-access "$in" >"$work/warn" 2>&1
rc=$?
expect "--contract=gs: its default --fail-on=error: warnings alone pass (exit 0)" \
	eval '[ $rc = 0 ] && grep -q "\[gs-fence\]" "$work/warn" && grep -q ": passed, 0 errors, 2 warnings" "$work/warn"'
"$ISTCHECK_TOY" --list-rules >"$work/rules"
expect "--list-rules: the gs rules list the gs contract" \
	eval '[ "$(grep -c "^gs-[a-z-]* .* linux gs " "$work/rules")" = 3 ] && ! grep -q "^stack-gap .* gs " "$work/rules"'
"$ISTCHECK_TOY" --contract=nope "$in" 2>"$work/err"
expect "an unknown contract lists the four" grep -q "unknown contract 'nope' (linux, aist, noinstr or gs)" "$work/err"
"$ISTCHECK_TOY" "${model[@]}" --contract=gs --format=sarif "$in" >"$work/sarif"
expect "SARIF: the rules' profiles include gs" \
	python3 -c 'import json,sys; r={x["id"]: x["properties"]["profiles"] for x in json.load(open(sys.argv[1]))["runs"][0]["tool"]["driver"]["rules"]}; sys.exit(not (r["gs-fence"] == ["linux", "gs"] and r["stack-gap"] == ["linux"]))' "$work/sarif"
"$ISTCHECK" "${model[@]}" --contract=gs "$in" 2>"$work/err2"
expect "the built-in istcheck has three contracts" grep -q "unknown contract 'gs' (linux, aist or noinstr)" "$work/err2"
echo "$((n - fail)) passed, $fail failed"
[ $fail = 0 ]
