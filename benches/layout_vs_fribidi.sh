#!/usr/bin/env bash
# Layout throughput of qari next to GNU FriBidi on the same ~10 MB of Arabic
# paragraphs, in the same run (whole processes, timed with hyperfine):
#   render_plain  the layout pipeline alone (read, wrap, reorder, shape, write)
#   qari render   the same through the corpus loader (decode, sanitise, split)
#   fribidi       fribidi --nobreak --nopad (reorders and shapes every line)
# Usage: benches/layout_vs_fribidi.sh [RUNS]   (needs hyperfine and fribidi)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
cargo build --release --quiet --bin qari --example render_plain
file=$(mktemp --suffix=.txt)
json=$(mktemp --suffix=.json)
trap 'rm -f "$file" "$json"' EXIT
benches/make_corpus.sh "$file"
bytes=$(stat -c %s "$file")
hyperfine --warmup 2 --runs "$runs" --export-json "$json" \
  -n render_plain "target/release/examples/render_plain $file 80 > /dev/null" \
  -n "qari render" "target/release/qari render $file --width 80 > /dev/null" \
  -n fribidi "fribidi --nobreak --nopad < $file > /dev/null"
python3 - "$json" "$bytes" <<'PY'
import json, sys
res = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
size = int(sys.argv[2])
fb = res["fribidi"]["median"]
fb_cpu = res["fribidi"]["user"] + res["fribidi"]["system"]
print(f"\n{size:,} bytes of Arabic paragraphs; medians (wall) and CPU (user+sys, mean):")
for name, r in res.items():
    med = r["median"]
    cpu = r["user"] + r["system"]
    print(f"  {name:13} {med*1000:7.1f} ms  {size/med/1e6:6.1f} MB/s  cpu {cpu*1000:6.1f} ms"
          f"  speed vs fribidi: {fb/med:4.2f}x wall, {fb_cpu/cpu:4.2f}x cpu")
PY
echo "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
