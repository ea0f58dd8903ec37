#!/usr/bin/env bash
# Throughput and latency of recommendations (top 10, explain=full) on 10,000 experts (the demo data plus synthetic
# experts from scripts/Matchmaker.Bench), driven by wrk from another process over loopback for a bounded time, against
# a Release build started on a fresh database. Prints requests/s and the latency percentiles. Two modes:
#   stored: GET /api/v1/problems/{id}/recommendations over the demo problems (answers are kept until the problem or
#           the experts change, so after the warm-up this measures the cache and the API around it);
#   adhoc:  POST /api/v1/recommendations with the texts of the demo and evaluation problems, each ranked afresh.
# Usage: scripts/load-recommend.sh [experts=10000] [seconds=20] [connections=16] [mode=stored|adhoc]
set -euo pipefail
cd "$(dirname "$0")/.."
experts=${1:-10000}
seconds=${2:-20}
connections=${3:-16}
mode=${4:-stored}
case "$mode" in stored|adhoc) ;; *) echo "mode is stored or adhoc" >&2; exit 2 ;; esac
port=${PORT:-5398}
work=$(mktemp -d)
key=load-staff-key-$RANDOM$RANDOM$RANDOM

if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y wrk >/dev/null 2>&1; } || true
  fi
  command -v wrk >/dev/null 2>&1 || { echo "wrk is required: apt-get install wrk" >&2; exit 1; }
fi

dotnet build Matchmaker.sln -c Release -v quiet -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
synthetic=$((experts - $(grep -c . data/experts.jsonl)))
dotnet scripts/Matchmaker.Bench/bin/Release/net10.0/Matchmaker.Bench.dll --experts "$synthetic" --dump "$synthetic" >"$work/experts.jsonl"

dotnet Matchmaker.Api/bin/Release/net10.0/Matchmaker.Api.dll --urls "http://127.0.0.1:$port" \
  --ConnectionStrings:Matchmaker="Data Source=$work/load.db" --Matchmaker:SeedDemoData=true \
  --Auth:BootstrapKey="$key" --Limits:RequestsPerMinute=100000000 >"$work/api.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 240); do
  curl -sf "$base/health" >/dev/null && break
  sleep 0.5
done

# More than a tenth of the index at once: a refit starts at once, in the background; the run waits for it.
curl -sf -X POST "$base/api/v1/experts/import" -H "X-Api-Key: $key" -H 'Content-Type: application/x-ndjson' --data-binary @"$work/experts.jsonl" \
  | grep -oE '"(created|failed)":[0-9]+' | tr '\n' ' '
echo "(synthetic experts imported)"
for _ in $(seq 1 1200); do
  curl -sf "$base/health" | grep -q '"rankingSettled":true' && break
  sleep 0.5
done
indexed=$(curl -sf "$base/health" | grep -oE '"indexedExperts":[0-9]+' | cut -d: -f2)

if [ "$mode" = stored ]; then
  ids=$(curl -sf -H "X-Api-Key: $key" "$base/api/v1/problems?pageSize=500" | grep -oE '"id":"P-[^"]+"' | cut -d'"' -f4 | sed 's/.*/"&"/' | paste -sd, -)
  cat >"$work/requests.lua" <<EOF_LUA
local ids = { $ids }
local i = 0
request = function()
  i = i % #ids + 1
  return wrk.format("GET", "/api/v1/problems/" .. ids[i] .. "/recommendations?top=10&explain=full", { ["X-Api-Key"] = "$key" })
end
EOF_LUA
  what="GET /api/v1/problems/{id}/recommendations"
else
  # One body per demo and evaluation problem (348 texts), as a portal would send them.
  python3 scripts/problem-bodies.py "$key" data/problems.jsonl data/eval/problems.jsonl >"$work/requests.lua"
  what="POST /api/v1/recommendations ($(grep -c '^\[==\[' "$work/requests.lua") texts)"
fi

# Warm-up: under full load the tiered JIT takes 10-15 s to bring the ranking to its optimised code (measured: about
# 200, 330, 690 and 960 requests/s in the first four 5-second slices), so 15 s go before the measured run.
wrk -t1 -c"$connections" -d15s -s "$work/requests.lua" "$base" >/dev/null
result=$(wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$work/requests.lua" "$base")
echo "$result" | sed -n '/Latency Distribution/,/requests in/p'
errors=$(echo "$result" | grep -E 'Non-2xx|Socket errors' || true)
[ -n "$errors" ] && echo "$errors"
rps=$(echo "$result" | awk '/Requests\/sec/ {print $2}')
p50=$(echo "$result" | awk '$1 == "50%" {print $2}')
p99=$(echo "$result" | awk '$1 == "99%" {print $2}')
echo "$what on $indexed experts, explain=full, $connections connections, ${seconds} s, $(nproc) cores shared with wrk: $rps requests/s, p50 $p50, p99 $p99"
