#!/usr/bin/env bash
# istcheck's JSON reports validate against docs/schemas/istcheck-report.schema.json and its SARIF
# reports against the official SARIF 2.1.0 schema, for an object with DWARF, one without, and a
# final link (which adds addresses).  Uses Debian's python3-jsonschema.
set -u
: "${ISTCHECK:?}" "${FIXTURES:?}" "${SRCROOT:?}"
py=/usr/bin/python3
[ -x "$py" ] || py=python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0 n=0

validate() {	# validate SCHEMA FILE NAME
	n=$((n + 1))
	if "$py" - "$1" "$2" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
errors = sorted(cls(schema).iter_errors(doc), key=lambda e: list(e.path))
for e in errors[:5]:
    print("  %s: %s" % ("/".join(map(str, e.path)), e.message))
sys.exit(1 if errors else 0)
PY
	then echo "ok   $3"; else echo "FAIL $3"; fail=$((fail + 1)); fi
}

# check NAME ARGS...: the JSON and SARIF reports of istcheck ARGS validate.
check() {
	local name=$1
	shift
	"$ISTCHECK" --format=json --srcroot="$SRCROOT" -o "$work/r.json" "$@"
	validate "$SRCROOT/docs/schemas/istcheck-report.schema.json" "$work/r.json" "JSON report of $name"
	"$ISTCHECK" --format=sarif --srcroot="$SRCROOT" -o "$work/r.sarif" "$@"
	validate "$SRCROOT/docs/schemas/sarif-2.1.0-rtm.5.json" "$work/r.sarif" "SARIF report of $name"
}
for input in noinstr_bad_g.o noinstr_bad.o mini_vmlinux mini_entry.o user_prog.o; do
	check "$input" "$FIXTURES/$input"
done
# Findings with variants, some suppressed by a baseline; the atomic-IST contract; noinstr only.
mini=(--model="$SRCROOT/tests/golden/mini-model.json" "$FIXTURES/mini_entry.o")
check "mini_entry.o (variants)" "${mini[@]}"
check "mini_entry.o (baseline)" --baseline="$SRCROOT/tests/golden/mini-report-v1.json" "${mini[@]}"
check "the reference entry (aist)" --contract=aist
check "noinstr_bad.o (noinstr)" --contract=noinstr "$FIXTURES/noinstr_bad.o"
# The same input twice gives byte-identical reports.
n=$((n + 1))
"$ISTCHECK" --format=sarif -o "$work/a" "$FIXTURES/noinstr_bad_g.o"
"$ISTCHECK" --format=sarif -o "$work/b" "$FIXTURES/noinstr_bad_g.o"
if cmp -s "$work/a" "$work/b"; then echo "ok   deterministic"; else echo "FAIL deterministic"; fail=$((fail + 1)); fi

echo "$((n - fail)) passed, $fail failed"
[ $fail = 0 ]
