#!/usr/bin/env bash
# istcheck side by side with objtool on the same inputs: median wall time and peak RSS over
# several runs, and the ratio istcheck/objtool.  Prints a Markdown table.
#   bench/bench.sh [ISTCHECK]      (default: build/istcheck)
# Inputs come from the kernel corpus ($ISTCHECK_CACHE, tests/kernel/build-corpus.sh).
set -euo pipefail
ist=${1:-build/istcheck}
cache=${ISTCHECK_CACHE:-/var/cache/istcheck}
runs=${RUNS:-5}
tiny=$cache/entry-tiny

# measure CMD...: prints "median_seconds peak_kb" over $runs runs (bench/measure.py).
[ -x /usr/bin/time ] || { echo "bench: needs GNU time for peak RSS (apt-get install time)" >&2; exit 2; }
measure() {
	python3 "$(dirname "$0")/measure.py" "$runs" "$@"
}

row() {
	local name=$1 a b
	shift
	if [ -n "${CMD_ROW:-}" ]; then a=$(measure "$@"); else a=$(measure "$ist" "$@"); fi
	if [ -n "${OBJTOOL_ARGS_ROW:-}" ]; then
		# shellcheck disable=SC2086
		b=$(measure "${OBJTOOL_ROW:-$tiny/objtool}" $OBJTOOL_ARGS_ROW)
		awk -v n="$name" -v a="$a" -v b="$b" 'BEGIN {
			split(a, x, " "); split(b, y, " ");
			printf "| %s | %.4f s | %.0f MB | %.4f s | %.0f MB | %.3f | %.3f |\n", n, x[1], x[2]/1024,
			       y[1], y[2]/1024, (y[1] > 0 ? x[1]/y[1] : 0), x[2]/y[2] }'
	else
		awk -v n="$name" -v a="$a" 'BEGIN { split(a, x, " ");
			printf "| %s | %.3f s | %.0f MB | - | - | - | - |\n", n, x[1], x[2]/1024 }'
	fi
}

echo "Date: $(date -u +%F), machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m); $runs runs, median"
echo
echo "| input | istcheck | RSS | objtool | RSS | time ratio | RSS ratio |"
echo "|---|---|---|---|---|---|---|"
if [ -f "$tiny/vmlinux.o" ]; then
	OBJTOOL_ARGS_ROW="--noinstr --link --dry-run $tiny/vmlinux.o" \
		row "entry-tiny vmlinux.o, all linux rules (objtool --noinstr --link)" "$tiny/vmlinux.o"
	OBJTOOL_ARGS_ROW="--noinstr --link --dry-run $tiny/vmlinux.o" \
		row "entry-tiny vmlinux.o, noinstr rules only (objtool --noinstr --link)" \
		--contract=noinstr "$tiny/vmlinux.o"
	OBJTOOL_ARGS_ROW="--noinstr --link --dry-run $tiny/vmlinux.o" \
		row "entry-tiny vmlinux.o, load + all noinstr/entry CFGs (rules off)" --contract=noinstr \
		-Wno-noinstr-call -Wno-noinstr-indirect -Wno-noinstr-balance "$tiny/vmlinux.o"
	kbuild=$(sed -n 's/^savedcmd_vmlinux.o := .*objtool \(.*\) vmlinux.o$/\1/p' "$tiny/linux/.vmlinux.o.cmd")
	if [ -n "$kbuild" ]; then
		OBJTOOL_ARGS_ROW="$kbuild --dry-run $tiny/vmlinux.o" \
			row "entry-tiny vmlinux.o, all linux rules (objtool with the Kbuild arguments)" "$tiny/vmlinux.o"
	fi
	# The floor: what reading alone costs, with the file in the page cache.
	row "entry-tiny vmlinux.o, floor: read + index only (--dump=sections)" --dump=sections "$tiny/vmlinux.o"
	CMD_ROW=1 row "entry-tiny vmlinux.o, floor: cat the whole file" cat "$tiny/vmlinux.o"
	OBJTOOL_ARGS_ROW="--noinstr --link --dry-run $tiny/linux/arch/x86/entry/entry_64.o" \
		row "entry_64.o, all linux rules" "$tiny/linux/arch/x86/entry/entry_64.o"
fi
# The large case, when built (tests/kernel/build-corpus.sh defconfig), with its own objtool.
def=$cache/defconfig
if [ -f "$def/vmlinux.o" ] && [ -x "$def/objtool" ]; then
	OBJTOOL_ROW=$def/objtool OBJTOOL_ARGS_ROW="--noinstr --link --dry-run $def/vmlinux.o" \
		row "defconfig vmlinux.o, all linux rules (objtool --noinstr --link)" "$def/vmlinux.o"
	kbuild=$(sed -n 's/^savedcmd_vmlinux.o := .*objtool \(.*\) vmlinux.o$/\1/p' "$def/linux/.vmlinux.o.cmd")
	if [ -n "$kbuild" ]; then
		OBJTOOL_ROW=$def/objtool OBJTOOL_ARGS_ROW="$kbuild --dry-run $def/vmlinux.o" \
			row "defconfig vmlinux.o, all linux rules (objtool with the Kbuild arguments)" "$def/vmlinux.o"
	fi
	row "defconfig vmlinux.o, floor: read + index only (--dump=sections)" --dump=sections "$def/vmlinux.o"
fi
if [ -f "$cache/debian/vmlinux-6.12" ]; then
	row "Debian 6.12 vmlinux (355 MB, all linux rules, istcheck only)" "$cache/debian/vmlinux-6.12"
fi
if [ -f "$cache/debian/vmlinux-6.1" ]; then
	row "Debian 6.1 vmlinux (633 MB, all linux rules, istcheck only)" "$cache/debian/vmlinux-6.1"
fi
