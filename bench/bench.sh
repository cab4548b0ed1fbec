#!/usr/bin/env bash
# istcheck side by side with objtool on the same inputs, A B A B: see bench/measure.py.
#   bench/bench.sh [--runs N] [--rows REGEX] [--list] [--builds N] [--markdown[=FILE]] [ISTCHECK]
#   RUNS=21 (pairs per row) by default; ISTCHECK defaults to build/istcheck; --builds N adds the
#   build-hook rows (whole kernel builds with and without scripts/istcheck-objtool, N pairs).
# Inputs come from the kernel corpus ($ISTCHECK_CACHE, tests/kernel/build-corpus.sh).
exec python3 "$(dirname "$0")/measure.py" "$@"
