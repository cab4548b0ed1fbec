#!/usr/bin/env bash
# One object is judged as its link judges it, and says what it cannot judge (issue 14, 4-6):
# - kernel/sched/build_policy.o: default_idle_call() calls the weak .text arch_cpu_idle() of
#   sched/idle.c, which x86's __cpuidle one overrides at link time: a note, not noinstr-call;
# - arch/x86/entry/entry_64.o --contract=aist: the calls to C in other objects (exc_machine_check,
#   exc_debug, sync_regs, vc_switch_off_ist, handle_interrupted_saferet) are unverifiable notes as
#   under the linux contract, not aist-reenable; with that, the object gives exactly the aist
#   findings vmlinux.o gives for its code (rule, symbol+offset, message);
# - every result and witness step there has a symbol and an offset (replacement code is named by
#   the site it is patched into), or says why it has none.
source "$(dirname "$0")/lib.sh"
tree=$cache/entry-tiny/linux
vmlinux_o=$cache/entry-tiny/vmlinux.o
entry=$tree/arch/x86/entry/entry_64.o
policy=$tree/kernel/sched/build_policy.o
for f in "$vmlinux_o" "$entry" "$policy"; do
	[ -f "$f" ] || { echo "skip: $f missing (no kernel corpus at $cache)"; exit 77; }
done
fail=0

# run NAME ARGS...: istcheck to $work/NAME.json; findings are fine, anything on stderr is not
run() {
	local name=$1 rc
	shift
	"$ISTCHECK" --format=json -o "$work/$name.json" "$@" 2>"$work/err"
	rc=$?
	if [ $rc -gt 1 ] || [ -s "$work/err" ]; then
		echo "FAIL $name: exit $rc: $(cat "$work/err")"
		exit 1
	fi
}

run policy "$policy"
run policy-link "$vmlinux_o"
python3 - "$work/policy.json" "$work/policy-link.json" <<'EOF' || fail=1
import json, sys
obj, link = (json.load(open(p)) for p in sys.argv[1:3])
bad = [r["message"] for r in obj["results"] if r["callee"] == "arch_cpu_idle"]
notes = [n for n in obj["notes"] if n["message"].startswith("call to arch_cpu_idle() is unverifiable "
                                                              "in this object: its definition here is weak")]
ok = True
if bad:
    print("FAIL build_policy.o: the weak arch_cpu_idle() is a finding: %s" % bad); ok = False
if not notes or notes[0]["symbol"] != "default_idle_call":
    print("FAIL build_policy.o: no note on default_idle_call's call to the weak arch_cpu_idle()"); ok = False
if any(r["callee"] == "arch_cpu_idle" for r in link["results"]):
    print("FAIL vmlinux.o: the call to x86's __cpuidle arch_cpu_idle() is a finding"); ok = False
if ok:
    print("ok   build_policy.o: the weak arch_cpu_idle() is a note; in vmlinux.o the __cpuidle one is clean")
sys.exit(0 if ok else 1)
EOF

run entry-aist --contract=aist "$entry"
run link-aist --contract=aist "$vmlinux_o"
nm --defined-only "$entry" | awk '{ print $3 }' >"$work/entry-syms"
python3 - "$work/entry-aist.json" "$work/link-aist.json" "$work/entry-syms" <<'EOF' || fail=1
import json, sys
obj, link = (json.load(open(p)) for p in sys.argv[1:3])
mine = set(open(sys.argv[3]).read().split())
elsewhere = ["exc_machine_check", "exc_debug", "sync_regs", "vc_switch_off_ist", "handle_interrupted_saferet"]
ok = True

def where(p):
    return "%s+%s" % (p["symbol"], p["offset"])

for name in elsewhere:
    if any(r["rule"] == "aist-reenable" and r["message"].startswith("call to %s " % name)
           for r in obj["results"]):
        print("FAIL entry_64.o: the call to %s (noinstr in its own object) is aist-reenable" % name); ok = False
    if not any(n["message"] == "call to %s() is unverifiable in this object" % name for n in obj["notes"]):
        print("FAIL entry_64.o: no note that the call to %s is unverifiable here" % name); ok = False

# A result names its symbol; a witness step may lack one only if it says why.
unnamed = set()
for r in obj["results"]:
    for p in [r] + r["path"]:
        if (p["symbol"] is None or p["offset"] is None) and (p is r or not p.get("no_symbol")):
            unnamed.add("%s+%s (%s)" % (p["section"], p["section_offset"], p.get("no_symbol", "no reason")))
if unnamed:
    print("FAIL entry_64.o: places without a symbol: %s" % ", ".join(sorted(unnamed))); ok = False

got = {(r["rule"], where(r), r["message"]) for r in obj["results"]}
want = {(r["rule"], where(r), r["message"]) for r in link["results"] if r["symbol"] in mine}
if got != want:
    ok = False
    print("FAIL entry_64.o --contract=aist differs from vmlinux.o on entry_64.o's code:")
    for t in sorted(want - got):
        print("  only in vmlinux.o:  %s\t%s\t%s" % t)
    for t in sorted(got - want):
        print("  only in entry_64.o: %s\t%s\t%s" % t)
if ok:
    print("ok   entry_64.o --contract=aist: the %d aist findings vmlinux.o has there, every one with "
          "a symbol; calls to other objects are notes" % len(got))
sys.exit(0 if ok else 1)
EOF

# A kernel object without entry code says that nothing was checked (not a clean pass); an entry
# object never does.
out=$("$ISTCHECK" "$tree/lib/sort.o" 2>&1)
if grep -q ': nothing checked (no entry point of the model, no noinstr code)' <<<"$out"; then
	echo "ok   lib/sort.o: nothing checked, and the summary says so"
else
	echo "FAIL lib/sort.o: no \"nothing checked\" summary: $out"; fail=1
fi
out=$("$ISTCHECK" "$tree/arch/x86/entry/entry_64.o" 2>&1)
if grep -q 'nothing checked' <<<"$out" || ! grep -q ' entry points, .*: passed, ' <<<"$out"; then
	echo "FAIL entry_64.o: expected entry points checked and passed: $(tail -1 <<<"$out")"; fail=1
else
	echo "ok   entry_64.o: entry points checked, passed"
fi
exit $fail
