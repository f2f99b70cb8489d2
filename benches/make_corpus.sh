#!/usr/bin/env bash
# Writes ~10 MB of Arabic paragraphs to $1: the seeds' paragraphs (non-empty
# lines, trimmed, files in byte order) repeated whole until 10,000,000 bytes
# are reached. benches/layout.rs builds the same text in memory.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$1
paras=$(mktemp)
LC_ALL=C; export LC_ALL
for f in seeds/*.txt; do
  sed -e 's/\r$//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' "$f" | grep -v '^$' || true
done > "$paras"
: > "$out"
while [ "$(stat -c %s "$out")" -lt 10000000 ]; do cat "$paras" >> "$out"; done
rm -f "$paras"
