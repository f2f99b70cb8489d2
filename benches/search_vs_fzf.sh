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

echo "== fuzzy filter, 100k titles (fzf $(fzf --version | cut -d' ' -f1))"
printf '%-16s %10s %10s %8s\n' query "qari cpu" "fzf cpu" ratio
for q in باشينيان "روسيا ارمينيا" "قره باغ" CSTO; do
  a=$(cpu "$qari" search "$q" "$dir/titles100k.jsonl" --limit 0)
  b=$(cpu fzf --filter "$q" < "$dir/titles100k.txt")
  printf '%-16s %9.3fs %9.3fs %8.3f\n' "$q" "$a" "$b" "$(echo "$a / $b" | bc -l)"
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
