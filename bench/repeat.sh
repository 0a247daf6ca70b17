#!/usr/bin/env bash
# repeat.sh COUNT CMD [ARG...]: runs CMD COUNT times in a row, output discarded; stops at the
# first failure. The baseline for sockscope's in-process `--count COUNT --interval 0`.
set -eu
n=$1; shift
for ((i = 0; i < n; i++)); do "$@" >/dev/null; done
