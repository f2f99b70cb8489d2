#!/usr/bin/env bash
# Side-by-side whole-process timings for issue 3, in one run:
#   1. `qari search` on a 100k-title JSONL vs `fzf --filter` (Debian fzf) on the
#      same titles (plain text, one a line), for the four benchmark queries;
#   2. `qari grep WORD` over the 100k-document folder (load + search) vs
#      `rg -c WORD` over the same folder;
#   3. the in-process per-keystroke benchmark at 100k and 1M titles;
#   4. the corpus search popup's background search over the 100k documents
#      (first hits, complete, CPU) next to `rg -c WORD` (benches/corpus_search.rs).
# Corpora go to $QARI_BENCH_DIR (default /tmp/qari-bench), never the repo.
# Both wall-clock (hyperfine) and CPU times are reported: on shared, busy
# machines the CPU times (user+sys) are the steadier comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${QARI_BENCH_DIR:-/tmp/qari-bench}
mkdir -p "$dir"
cargo build --release --bin qari --example gencorpus
qari=$PWD/target/release/qari
gen=$PWD/target/release/examples/gencorpus
[ -d "$dir/corpus100k" ] || "$gen" --docs 100000 "$dir/corpus100k" --titles-jsonl "$dir/titles100k.jsonl"
[ -f "$dir/titles1m.jsonl" ] || "$gen" --titles-only --count 1000000 --titles-jsonl "$dir/titles1m.jsonl"
for n in 100k 1m; do
  [ -f "$dir/titles$n.txt" ] || jq -r .title "$dir/titles$n.jsonl" > "$dir/titles$n.txt"
done

cpu() { # median user+sys seconds of 7 runs of "$@"
  for _ in 1 2 3 4 5 6 7; do
    /usr/bin/time -f "%U %S" "$@" 2>&1 >/dev/null | tail -1 | awk '{print $1 + $2}'
  done | sort -n | sed -n 4p
}

# paired NAME... : runs the shell commands in $cmd[NAME] in turn, 7 rounds after a
# warm-up, and prints each one's median wall and CPU (user+sys) seconds and their
# ratios to the last command's, so that every command sees the same machine load.
declare -A cmd
paired() {
  local out; out=$(mktemp)
  for round in 0 1 2 3 4 5 6 7; do
    for name in "$@"; do
      t=$( { /usr/bin/time -f "%e %U %S" sh -c "${cmd[$name]}" >/dev/null; } 2>&1 | tail -1)
      [ "$round" = 0 ] || echo "$name $t" >> "$out"
    done
  done
  local ref="${*: -1}" rw rc
  med() { awk -v n="$1" -v f="$2" '$1 == n {print (f == 2 ? $2 : $3 + $4)}' "$out" | sort -n | sed -n 4p; }
  rw=$(med "$ref" 2); rc=$(med "$ref" 3)
  for name in "$@"; do
    w=$(med "$name" 2); c=$(med "$name" 3)
    printf '  %-10s wall %6.3fs  cpu %6.3fs  ratio wall %5.2f cpu %5.2f\n' "$name" "$w" "$c" \
      "$(echo "$w / $rw" | bc -l)" "$(echo "$c / $rc" | bc -l)"
  done
  rm -f "$out"
}

echo "== fuzzy filter, 100k titles (fzf $(fzf --version | cut -d' ' -f1)), paired, medians of 7"
for q in باشينيان "روسيا ارمينيا" "قره باغ" CSTO; do
  echo "$q"
  cmd[all]="$qari search '$q' $dir/titles100k.jsonl --limit 0"
  cmd[top200]="$qari search '$q' $dir/titles100k.jsonl --limit 200"
  cmd[fzf]="fzf --filter '$q' < $dir/titles100k.txt"
  paired all top200 fzf
done
hyperfine -w 2 -r 10 \
  -n "qari search" "$qari search 'روسيا ارمينيا' $dir/titles100k.jsonl --limit 0" \
  -n "fzf --filter" "fzf --filter 'روسيا ارمينيا' < $dir/titles100k.txt" 2>&1 | grep -v '^ *$' || true

echo "== corpus: qari grep (load + search) vs rg -c, 100k documents"
a=$(cpu "$qari" grep zzzzqq "$dir/corpus100k")
b=$(cpu rg -c zzzzqq "$dir/corpus100k")
printf 'qari grep %.3fs cpu, rg -c %.3fs cpu, ratio %.2f\n' "$a" "$b" "$(echo "$a / $b" | bc -l)"
hyperfine -w 1 -r 5 -i \
  -n "qari grep" "$qari grep zzzzqq $dir/corpus100k" \
  -n "rg -c" "rg -c zzzzqq $dir/corpus100k" 2>&1 | grep -v '^ *$' || true

echo "== per keystroke, in process"
for n in 100k 1m; do
  QARI_TITLES="$dir/titles$n.jsonl" cargo bench --bench search_keystrokes 2>/dev/null
done

echo "== corpus search (Ctrl-F), in process, vs rg -c"
QARI_CORPUS="$dir/corpus100k" cargo bench --bench corpus_search 2>/dev/null
