# shellcheck shell=bash
# Sourced by every tests/kernel/test-*.sh: the binary under test ($ISTCHECK, from CTest), the
# script's directory, the kernel corpus, and a scratch directory $work removed on exit (kept with
# KEEP=1, for looking at what a test built).  A test skips with exit 77 (CTest's
# SKIP_RETURN_CODE) when the corpus lacks what it needs.
set -u
: "${ISTCHECK:?}"
here=$(cd "$(dirname "$0")" && pwd)
cache=${ISTCHECK_CACHE:-/var/cache/istcheck}
work=$(mktemp -d "${TMPDIR:-/tmp}/$(basename "$0" .sh).XXXXXX") || exit 1
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT

# need FILE...: skip (exit 77) unless the corpus has every FILE.
need() {
	local f
	for f in "$@"; do
		[ -e "$f" ] || { echo "skip: no built kernel corpus at $cache (missing $f; tests/kernel/build-corpus.sh)"; exit 77; }
	done
}
