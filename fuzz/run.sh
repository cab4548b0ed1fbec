#!/usr/bin/env bash
# fuzz/run.sh [SECONDS]: build the libFuzzer harnesses with clang-14 (ASan + UBSan), make the seed
# corpus from the test fixtures, and run every harness for SECONDS (default 60), at most nproc at
# a time.  Prints per harness its executions and final coverage; exits non-zero if any harness
# crashed, leaked, timed out or ran out of memory (the input is kept in $BUILD/crashes/).
#
#   FUZZ_BUILD=dir      build directory (default build-fuzz, ignored by git)
#   FUZZ_JOBS=n         harnesses run at once (default nproc)
#   FUZZ_ONLY="a b"     run only these harnesses (fuzz_elf fuzz_dwarf fuzz_check fuzz_decode)
#   FUZZ_ARGS="..."     extra libFuzzer arguments
#   ISTCHECK_CACHE      kernel corpus (default /var/cache/istcheck): entry_64.o joins the seeds
#
# The corpus grows in $BUILD/corpus/<harness> across runs; seeds are rebuilt every run and never
# committed.  Reproduce a crash with: $BUILD/<harness> $BUILD/crashes/<harness>-crash-...
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
secs=${1:-60}
build=${FUZZ_BUILD:-$root/build-fuzz}
jobs=${FUZZ_JOBS:-$(nproc)}
cc=${FUZZ_CC:-clang-14}
cache=${ISTCHECK_CACHE:-/var/cache/istcheck}
harnesses=(${FUZZ_ONLY:-fuzz_elf fuzz_dwarf fuzz_check fuzz_decode})

echo "== fuzz: building the harnesses with $cc in $build"
CC=$cc cmake -S fuzz -B "$build" >/dev/null
cmake --build "$build" --target fuzzers -j"$(nproc)" >"$build/build.log" 2>&1 || { cat "$build/build.log"; exit 1; }

echo "== fuzz: seed corpus from tests/fixtures"
seeds=$build/seeds
rm -rf "$seeds"
mkdir -p "$seeds/elf" "$seeds/decode" "$build/crashes" "$build/logs"
# The fixtures exactly as tests/fixtures/CMakeLists.txt assembles them (NAME_g.S with -g), and
# the final links: mini_vmlinux as the suite links it, and one with DWARF for line lookups.
for s in tests/fixtures/*.S; do
	name=$(basename "$s" .S)
	debug=; [[ $name == *_g ]] && debug=-g
	cc -c $debug "$s" -o "$seeds/elf/$name.o"
done
lds=tests/fixtures/vmlinux.lds
ld -T $lds --no-warn-rwx-segments -o "$seeds/elf/mini_vmlinux" "$seeds/elf/mini_entry.o"
ld -T $lds --no-warn-rwx-segments --unresolved-symbols=ignore-all -e 0 \
	-o "$seeds/elf/noinstr_bad_g_vmlinux" "$seeds/elf/noinstr_bad_g.o"
entry=$cache/entry-tiny/linux/arch/x86/entry/entry_64.o
[ -f "$entry" ] && cp "$entry" "$seeds/elf/entry_64.o"
# Decoder seeds: the code sections' bytes, in pieces of at most 4 KiB.
for f in "$seeds"/elf/*; do
	for sec in $(readelf -SW "$f" | sed -n 's/^ *\[ *[0-9]*\] \([^ ]*\) *PROGBITS .* [A-Z]*X[A-Z]* .*/\1/p'); do
		out=$seeds/decode/$(basename "$f")$sec
		objcopy -O binary --only-section="$sec" "$f" "$out" 2>/dev/null || continue
		[ -s "$out" ] || { rm -f "$out"; continue; }
		split -b 4096 -d "$out" "$out." && rm -f "$out"
	done
done
echo "   $(ls "$seeds/elf" | wc -l) ELF seeds, $(ls "$seeds/decode" | wc -l) decoder seeds"

# harness -> seeds and the largest input (entry_64.o is 55 KB).
declare -A seed_dir=([fuzz_elf]=elf [fuzz_dwarf]=elf [fuzz_check]=elf [fuzz_decode]=decode)
declare -A max_len=([fuzz_elf]=65536 [fuzz_dwarf]=65536 [fuzz_check]=65536 [fuzz_decode]=4096)

run_one() {
	local h=$1 corpus=$build/corpus/$1 rc=0
	mkdir -p "$corpus"
	# -close_fd_mask=3: istcheck's one-line input errors would flood the log; libFuzzer and the
	# sanitizers keep their own descriptor for reports.
	ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	"$build/$h" -max_total_time="$secs" -max_len="${max_len[$h]}" -timeout=10 -rss_limit_mb=2048 \
		-dict=fuzz/istcheck.dict -close_fd_mask=3 -print_final_stats=1 \
		-artifact_prefix="$build/crashes/$h-" ${FUZZ_ARGS:-} \
		"$corpus" "$seeds/${seed_dir[$h]}" >"$build/logs/$h.log" 2>&1 || rc=$?
	echo $rc >"$build/logs/$h.rc"
}

echo "== fuzz: ${harnesses[*]} for ${secs}s each, $jobs at a time (logs in $build/logs)"
running=0
for h in "${harnesses[@]}"; do
	[ -x "$build/$h" ] || { echo "no harness $h" >&2; exit 1; }
	run_one "$h" &
	running=$((running + 1))
	if [ $running -ge "$jobs" ]; then wait -n || true; running=$((running - 1)); fi
done
wait

fail=0
for h in "${harnesses[@]}"; do
	rc=$(cat "$build/logs/$h.rc")
	log=$build/logs/$h.log
	done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true)
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	printf '%-12s %s\n' "$h" "${done_line:-$(grep -E '^#[0-9]+' "$log" | tail -1 || true)}"
	printf '%-12s executions %s, corpus %s files\n' "" "${execs:-?}" "$(ls "$build/corpus/$h" | wc -l)"
	if [ "$rc" != 0 ]; then
		fail=1
		echo "FAIL $h: exit $rc" >&2
		grep -E 'ERROR: |runtime error|SUMMARY|Test unit written|^    #[0-9]+ ' "$log" | head -30 >&2
	fi
done
[ $fail = 0 ] && echo "== fuzz: no crash"
exit $fail
