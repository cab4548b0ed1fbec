#!/usr/bin/env bash
# The folders include only what lies below them in the pipeline:
#   base <- elf <- source, decode <- cfg <- model <- analysis <- checks <- report <- the driver (src/*.c)
# (source/, regions recovered from the source and DWARF, sits beside decode/.)
# Each public header in include/istcheck/ belongs to one layer (below); a file may include the
# headers of its own layer and of the layers under it, and nothing above.  diag.h, the store
# that every checking layer records findings in, sits with cfg (its implementation is the report
# layer's); error.h is the small error interface under everything, the ELF reader included.
# The check runs on the tree, then on a copy with one upward include added, which must fail.
set -u
root=${SRCROOT:-$(cd "$(dirname "$0")/.." && pwd)}

layer_of_header() {
	case $1 in
	error.h|features.h|util.h)		echo 0 ;;
	elf.h|special.h)			echo 1 ;;
	source.h)				echo 2 ;;
	decode.h)				echo 2 ;;
	cfg.h|istcheck.h|diag.h|rules.def)	echo 3 ;;
	model.h)				echo 4 ;;
	analysis.h)				echo 5 ;;
	checks.h)				echo 6 ;;
	output.h)				echo 7 ;;
	*)					echo unknown ;;
	esac
}

layer_of_path() {
	case $1 in
	*/src/base/*)		echo 0 ;;
	*/src/elf/*)		echo 1 ;;
	*/src/source/*)		echo 2 ;;
	*/src/decode/*)		echo 2 ;;
	*/src/cfg/*)		echo 3 ;;
	*/src/model/*)		echo 4 ;;
	*/src/analysis/*)	echo 5 ;;
	*/src/checks/*)		echo 6 ;;
	*/src/report/*)		echo 7 ;;
	*/src/*)		echo 8 ;;
	*/include/istcheck/*)	layer_of_header "$(basename "$1")" ;;
	*)			echo unknown ;;
	esac
}

# check_tree ROOT: prints each violation, returns how many there are.
check_tree() {
	local bad=0 f own h hl
	while IFS= read -r f; do
		own=$(layer_of_path "$f")
		if [ "$own" = unknown ]; then
			echo "layering: $f: in no layer"
			bad=$((bad + 1))
			continue
		fi
		while IFS= read -r h; do
			hl=$(layer_of_header "$h")
			if [ "$hl" = unknown ]; then
				echo "layering: ${f#"$1"/}: includes <istcheck/$h>, which is in no layer"
				bad=$((bad + 1))
			elif [ "$hl" -gt "$own" ]; then
				echo "layering: ${f#"$1"/}: includes <istcheck/$h> (layer $hl) from layer $own"
				bad=$((bad + 1))
			fi
		done < <(sed -n 's/^#include <istcheck\/\([^>]*\)>.*/\1/p' "$f")
		# A private header of another folder is reached by a relative path: never allowed.
		if grep -q '^#include "\.\./' "$f"; then
			echo "layering: ${f#"$1"/}: includes another folder's private header"
			bad=$((bad + 1))
		fi
	done < <(find "$1/src" "$1/include/istcheck" -name '*.[ch]' -o -name '*.def' | sort)
	return $bad
}

fail=0 n=0
n=$((n + 1))
if check_tree "$root"; then
	echo "ok: every include points down the pipeline"
else
	echo "FAIL: upward includes (above)"
	fail=$((fail + 1))
fi

# The check must be able to fail: the ELF reader including the diagnostics store.
n=$((n + 1))
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
cp -r "$root/src" "$root/include" "$copy/"
sed -i '0,/^#include <istcheck\//s//#include <istcheck\/diag.h>\n#include <istcheck\//' "$copy/src/elf/elf.c"
if out=$(check_tree "$copy") || ! grep -q 'src/elf/elf.c: includes <istcheck/diag.h> (layer 3) from layer 1' <<<"$out"; then
	echo "FAIL: an upward include in src/elf/elf.c went unnoticed: $out"
	fail=$((fail + 1))
else
	echo "ok: an upward include is caught"
fi

echo "$((n - fail)) passed, $fail failed"
[ $fail = 0 ]
