#!/usr/bin/env bash
# The folders include only what lies below them in the pipeline:
#   base <- elf <- source, decode <- cfg <- model <- analysis <- checks <- report <- the driver (src/*.c)
# (source/, regions recovered from the source and DWARF, sits beside decode/.)
# Each public header in include/istcheck/ belongs to one layer (below); a file may include the
# headers of its own layer and of the layers under it, and nothing above.  diag.h, the findings
# store every checking layer records in, sits with cfg, and so does its implementation
# (src/cfg/findings.c, rules.c); error.h is the small error interface under everything, the ELF
# reader included.  The check runs on the tree, then on a copy with one upward include added,
# which must fail; then on the calls the built objects make, the same way.
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

# The source file an object was built from, as a path layer_of_path knows ("" if none).
src_of() {
	local p=${1%.o}
	[[ $p == */src/* ]] && echo "/src/${p#*/src/}" || echo ""
}

# check_calls ROOT OBJDIR...: every function or data symbol an object uses that another folder
# defines must be defined at or below the user's layer (nm: U in the user, T/D/B/R in the
# definer).  Objects whose source is no longer in ROOT (a build dir that saw files move) are
# left out.  Prints each violation, returns how many there are.
check_calls() {
	local root=$1 bad=0 obj own sym def dl
	shift
	declare -A defined_in
	while IFS=' ' read -r sym obj; do
		defined_in[$sym]=$obj
	done < <(objects "$root" "$@" | while read -r o; do
		nm --defined-only -g "$o" 2>/dev/null | awk -v o="$o" '$2 ~ /[TDBRC]/ { print $3, o }'
	done)
	while IFS= read -r obj; do
		own=$(layer_of_path "$(src_of "$obj")")
		[ "$own" = unknown ] && continue
		while IFS= read -r sym; do
			def=${defined_in[$sym]:-}
			[ -n "$def" ] || continue
			dl=$(layer_of_path "$(src_of "$def")")
			[ "$dl" = unknown ] && continue
			if [ "$dl" -gt "$own" ]; then
				echo "layering: $(src_of "$obj"): uses $sym from $(src_of "$def") (layer $dl) in layer $own"
				bad=$((bad + 1))
			fi
		done < <(nm -u "$obj" 2>/dev/null | awk '{ print $2 }')
	done < <(objects "$root" "$@")
	return $bad
}

# objects ROOT OBJDIR...: the objects under OBJDIR built from a source that is in ROOT.
objects() {
	local root=$1 o s
	shift
	for o in "$@"; do find "$o" -name '*.o'; done | sort | while read -r o; do
		s=$(src_of "$o")
		[ -n "$s" ] && [ -f "$root$s" ] && echo "$o"
	done
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

# Calls and data too, in the objects the build made ($OBJDIRS: the core library's and the
# driver's): nothing reaches up into report/ or the driver, not even through a declaration a
# lower header makes.  Then the same on a copy with one upward call added, which must fail.
if [ -n "${OBJDIRS:-}" ]; then
	read -ra objdirs <<<"$OBJDIRS"
	n=$((n + 1))
	if check_calls "$root" "${objdirs[@]}"; then
		echo "ok: every call and data reference points down the pipeline"
	else
		echo "FAIL: upward calls (above)"
		fail=$((fail + 1))
	fi
	n=$((n + 1))
	mkdir -p "$copy/objs/src/elf" "$copy/objs/src/report"
	printf 'int report_layer_thing(void) { return 1; }\n' >"$copy/src/report/thing.c"
	printf 'int report_layer_thing(void);\nint elf_user(void) { return report_layer_thing(); }\n' \
		>"$copy/src/elf/user.c"
	cc -c "$copy/src/report/thing.c" -o "$copy/objs/src/report/thing.c.o"
	cc -c "$copy/src/elf/user.c" -o "$copy/objs/src/elf/user.c.o"
	if out=$(check_calls "$copy" "$copy/objs") ||
	   ! grep -q 'src/elf/user.c: uses report_layer_thing from /src/report/thing.c (layer 7) in layer 1' <<<"$out"; then
		echo "FAIL: an upward call went unnoticed: $out"
		fail=$((fail + 1))
	else
		echo "ok: an upward call is caught"
	fi
fi

echo "$((n - fail)) passed, $fail failed"
[ $fail = 0 ]
