#!/usr/bin/env bash
# fuzz/coverage.sh: line coverage of src/ reached by the corpora fuzz/run.sh has grown, per
# harness and together (llvm-cov), from a coverage build of the harnesses in build-fuzz-cov.
#   FUZZ_BUILD=dir      where fuzz/run.sh keeps corpus/ and seeds/ (default build-fuzz)
#   FUZZ_COV_BUILD=dir  the coverage build (default build-fuzz-cov)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${FUZZ_BUILD:-$root/build-fuzz}
cov=${FUZZ_COV_BUILD:-$root/build-fuzz-cov}
harnesses=(${FUZZ_ONLY:-fuzz_elf fuzz_dwarf fuzz_check fuzz_decode})
declare -A seed_dir=([fuzz_elf]=elf [fuzz_dwarf]=elf [fuzz_check]=elf [fuzz_decode]=decode)

CC=${FUZZ_CC:-clang-14} cmake -S fuzz -B "$cov" -DFUZZ_COVERAGE=ON >/dev/null
cmake --build "$cov" --target fuzzers -j"$(nproc)" >"$cov/build.log" 2>&1 || { cat "$cov/build.log"; exit 1; }
rm -rf "$cov/profiles"
mkdir -p "$cov/profiles"
objects=()
for h in "${harnesses[@]}"; do
	dirs=()
	for d in "$build/corpus/$h" "$build/seeds/${seed_dir[$h]}"; do [ -d "$d" ] && dirs+=("$d"); done
	LLVM_PROFILE_FILE="$cov/profiles/$h.profraw" "$cov/$h" -runs=0 -close_fd_mask=3 "${dirs[@]}" \
		>"$cov/profiles/$h.log" 2>&1
	llvm-profdata-14 merge -o "$cov/profiles/$h.profdata" "$cov/profiles/$h.profraw"
	echo "== $h: $(llvm-cov-14 report "$cov/$h" -instr-profile="$cov/profiles/$h.profdata" \
		-ignore-filename-regex='fuzz/' | tail -1 | awk '{print "lines " $(NF-3) " of " $(NF-5) ", regions " $4}')"
	objects+=(-object "$cov/$h")
done
llvm-profdata-14 merge -o "$cov/profiles/all.profdata" "$cov"/profiles/*.profraw
echo "== all harnesses, per file:"
llvm-cov-14 report "${objects[@]:1}" -instr-profile="$cov/profiles/all.profdata" -ignore-filename-regex='fuzz/' |
	awk 'NR > 2 && NF >= 10 && !/^-/ {printf "%-40s lines %7s of %5s\n", $1, $(NF-3), $(NF-5)}' | sed 's|^[^ ]*/src/|src/|'
