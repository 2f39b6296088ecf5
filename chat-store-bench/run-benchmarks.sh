#!/usr/bin/env bash
# Runs the chat-store benchmarks and writes, under chat-store-bench/target/bench-results/RUN/:
# machine.txt (nproc, memory, java -version, load before/after), load.txt (uptime every 30 s during
# the run), jmh.json + jmh.log (JMH), streams.jsonl (durable writes and lag of the streaming
# benchmarks) and report.md (tables and targets, by dev.chatstore.bench.Report).
#
#   chat-store-bench/run-benchmarks.sh full    # every benchmark, the recorded configuration (~30 min)
#   chat-store-bench/run-benchmarks.sh smoke   # everything once, fixtures 100x smaller (~5 min)
#   chat-store-bench/run-benchmarks.sh full 'JdbcAppend|FileAppend'   # a subset (JMH regex)
#
# Build first: mvn -B -q -DskipTests -pl chat-store-bench -am package
# WAIT_FOR_LOAD=2.5 makes it wait (up to 40 min, checking every 2.5 min) for the 1-minute load
# average to drop below that before starting.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-full}"
filter="${2:-}"
jar=chat-store-bench/target/benchmarks.jar
[ -f "$jar" ] || { echo "build first: mvn -B -q -DskipTests -pl chat-store-bench -am package" >&2; exit 1; }

case "$mode" in
  full)
    # JdbcAppend, FileAppend and Encryption carry the ratio targets: two forks each; the rest one fork
    runs=("-f 2 JdbcAppendBenchmark|FileAppendBenchmark|EncryptionBenchmark"
          "-f 1 JdbcReadBenchmark|JdbcListBenchmark|FileListBenchmark|FileLoadBenchmark|StreamBenchmark|NaiveStreamBenchmark")
    extra=()
    ;;
  smoke)
    runs=("-f 1 -wi 0 -i 1 -r 1 .")
    extra=(-e 'NaiveStreamBenchmark.hundredStreams' -jvmArgsAppend -Dchatstore.bench.scale=small)
    ;;
  *) echo "usage: $0 full|smoke [regex]" >&2; exit 2 ;;
esac

one_minute_load() { cut -d' ' -f1 /proc/loadavg; }
if [ -n "${WAIT_FOR_LOAD:-}" ]; then
  for _ in $(seq 1 16); do
    awk -v l="$(one_minute_load)" -v t="$WAIT_FOR_LOAD" 'BEGIN { exit !(l < t) }' && break
    echo "load $(one_minute_load) >= $WAIT_FOR_LOAD; waiting 150 s"; sleep 150
  done
fi

run="$(date -u +%Y%m%dT%H%M%SZ)-$mode"
out="chat-store-bench/target/bench-results/$run"
mkdir -p "$out"
{
  echo "date: $(date -u)"; echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "nproc: $(nproc)"; free -m; java -version 2>&1; echo "uptime before: $(uptime)"
} > "$out/machine.txt"
(while true; do echo "$(date -u +%T) $(cat /proc/loadavg)"; sleep 30; done) > "$out/load.txt" &
sampler=$!
trap 'kill $sampler 2>/dev/null || true' EXIT

streams=chat-store-bench/target/bench-results/streams.jsonl
[ -f "$streams" ] && mv "$streams" "$streams.$run.previous"
i=0
for r in "${runs[@]}"; do
  i=$((i + 1))
  read -r -a args <<< "$r"
  regex="${args[-1]}"; unset 'args[-1]'
  [ -n "$filter" ] && regex="$filter"
  echo "== run $i: java -jar $jar $regex ${args[*]} ${extra[*]:-}" | tee -a "$out/jmh.log"
  java -jar "$jar" "$regex" "${args[@]}" "${extra[@]}" -rf json -rff "$out/jmh-$i.json" 2>&1 | tee -a "$out/jmh.log"
  [ -n "$filter" ] && break
done
echo "uptime after: $(uptime)" >> "$out/machine.txt"
[ -f "$streams" ] && mv "$streams" "$out/streams.jsonl"

# one JSON array of every part's results for the report
python3 - "$out" <<'PY' || jq -s 'add' "$out"/jmh-*.json > "$out/jmh.json"
import json, glob, sys
out = sys.argv[1]
merged = []
for f in sorted(glob.glob(out + "/jmh-*.json")):
    merged += json.load(open(f))
json.dump(merged, open(out + "/jmh.json", "w"), indent=1)
PY
java -cp "$jar" dev.chatstore.bench.Report "$out/jmh.json" "$out/streams.jsonl" > "$out/report.md"
echo "results: $out"
cat "$out/report.md"
