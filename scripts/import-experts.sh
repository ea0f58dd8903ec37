#!/usr/bin/env bash
# Grows the ranking index the way a staff script does: imports N synthetic experts (scripts/Matchmaker.Bench) over
# the API in chunks, into a Release build on a fresh SQLite database without demo data. Prints, as it goes, the
# experts imported, the time and the server's resident memory; then waits until the index has settled (its
# background refits done) and measures the resident memory and the latency of ad-hoc rankings (one connection,
# explain=full, top 10). For comparison it then starts a second server on the same database, which builds its
# index in one go at start, and measures the same figures. Usage: scripts/import-experts.sh [experts=100000] [chunk=500]
set -euo pipefail
cd "$(dirname "$0")/.."
experts=${1:-100000}
chunk=${2:-500}
seconds=${SECONDS_MEASURED:-20}
port=${PORT:-5399}
work=$(mktemp -d)
key=import-staff-key-$RANDOM$RANDOM$RANDOM
base="http://127.0.0.1:$port"

if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y wrk >/dev/null 2>&1; } || true
  fi
  command -v wrk >/dev/null 2>&1 || { echo "wrk is required: apt-get install wrk" >&2; exit 1; }
fi

dotnet build Matchmaker.sln -c Release -v quiet -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
dotnet scripts/Matchmaker.Bench/bin/Release/net10.0/Matchmaker.Bench.dll --experts "$experts" --dump "$experts" >"$work/experts.jsonl"
split -l "$chunk" -d -a 5 "$work/experts.jsonl" "$work/chunk-"

server=
start_server() {
  dotnet Matchmaker.Api/bin/Release/net10.0/Matchmaker.Api.dll --urls "$base" \
    --ConnectionStrings:Matchmaker="Data Source=$work/import.db" --Matchmaker:SeedDemoData=false \
    --Auth:BootstrapKey="$key" --Limits:RequestsPerMinute=100000000 >>"$work/api.log" 2>&1 &
  server=$!
  for _ in $(seq 1 600); do
    curl -sf "$base/health" >/dev/null && return
    sleep 0.5
  done
  echo "the server did not start" >&2; exit 1
}
stop_server() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
trap 'stop_server; rm -rf "$work"' EXIT
rss_mb() { awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$server/status"; }
hwm_mb() { awk '/VmHWM/ {printf "%d", $2 / 1024}' "/proc/$server/status"; }
wait_settled() {
  for _ in $(seq 1 3600); do
    curl -sf "$base/health" | grep -q '"rankingSettled":true' && return
    sleep 0.5
  done
  echo "the index did not settle" >&2; exit 1
}

# One body per demo and evaluation problem, as a portal would send them; p50 and p95 from wrk's own histogram.
python3 scripts/problem-bodies.py "$key" data/problems.jsonl data/eval/problems.jsonl >"$work/bodies.lua"
cat "$work/bodies.lua" - >"$work/requests.lua" <<'EOF_LUA'
done = function(summary, latency, requests)
  io.write(string.format("latency p50 %.2f ms, p95 %.2f ms, p99 %.2f ms over %d rankings\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.requests))
end
EOF_LUA
measure() {
  wrk -t1 -c1 -d10s -s "$work/requests.lua" "$base" >/dev/null # warm-up: the tiered JIT
  wrk -t1 -c1 -d"${seconds}s" -s "$work/requests.lua" "$base" | tail -1
}

start_server
started=$(date +%s.%N)
done_chunks=0
total_chunks=$(ls "$work"/chunk-* | wc -l)
for file in "$work"/chunk-*; do
  curl -sf -X POST "$base/api/v1/experts/import" -H "X-Api-Key: $key" -H 'Content-Type: application/x-ndjson' \
    --data-binary @"$file" >/dev/null
  done_chunks=$((done_chunks + 1))
  if [ $((done_chunks % 20)) = 0 ] || [ "$done_chunks" = "$total_chunks" ]; then
    printf '%6d experts imported in %5.1f s, resident %5d MB\n' "$((done_chunks * chunk < experts ? done_chunks * chunk : experts))" \
      "$(echo "$(date +%s.%N) - $started" | bc)" "$(rss_mb)"
  fi
done
imported=$(echo "$(date +%s.%N) - $started" | bc)
wait_settled
settled=$(echo "$(date +%s.%N) - $started" | bc)
sleep 5
chunked_rss=$(rss_mb)
chunked_peak=$(hwm_mb)
refits=$(grep -c 'Ranking index built' "$work/api.log" || true)
slowest=$(grep -oE 'terms in [0-9]+ ms' "$work/api.log" | grep -oE '[0-9]+' | sort -n | tail -1)
chunked_latency=$(measure)
echo "chunked: imported in ${imported} s, settled at ${settled} s after $refits index builds (the longest ${slowest} ms);"
echo "         resident ${chunked_rss} MB after settling (peak ${chunked_peak} MB); $chunked_latency"
stop_server

start_server
built=$(grep -oE 'terms in [0-9]+ ms' "$work/api.log" | tail -1 | grep -oE '[0-9]+')
sleep 5
oneshot_rss=$(rss_mb)
oneshot_peak=$(hwm_mb)
oneshot_latency=$(measure)
echo "one-shot: built at start in ${built} ms; resident ${oneshot_rss} MB (peak ${oneshot_peak} MB); $oneshot_latency"
p95() { echo "$1" | grep -oE 'p95 [0-9.]+' | cut -d' ' -f2; }
echo "chunked / one-shot: resident $(echo "scale=2; $chunked_rss / $oneshot_rss" | bc) x, p95 $(echo "scale=2; $(p95 "$chunked_latency") / $(p95 "$oneshot_latency")" | bc) x ($(nproc) cores, shared with wrk)"
