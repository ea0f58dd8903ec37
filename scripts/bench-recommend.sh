#!/usr/bin/env bash
# Median and p95 latency of GET /api/v1/problems/{id}/recommendations?top=10 on the demo data, measured with curl
# over one keep-alive connection against a Release build started on a fresh database (loopback only). The first 200
# demo problems in turn: after the first round, answers come from the cache of kept rankings.
# Usage: scripts/bench-recommend.sh [requests=500]
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-500}
port=${PORT:-5399}
db=$(mktemp -d)/bench.db
key=bench-staff-key-$RANDOM$RANDOM$RANDOM

dotnet build Matchmaker.Api -c Release -v quiet -nologo >/dev/null
dotnet Matchmaker.Api/bin/Release/net10.0/Matchmaker.Api.dll --urls "http://127.0.0.1:$port" \
  --ConnectionStrings:Matchmaker="Data Source=$db" --Matchmaker:SeedDemoData=true \
  --Auth:BootstrapKey="$key" --Limits:RequestsPerMinute=100000000 >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$(dirname "$db")"' EXIT

for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  sleep 0.5
done
curl -sf -o /dev/null "http://127.0.0.1:$port/health" || { echo "server did not become ready" >&2; exit 1; }

mapfile -t ids < <(grep -o '"id": *"[^"]*"' data/problems.jsonl | head -n 200 | sed -E 's/.*"([^"]*)"$/\1/')
# curl applies -o to one URL only: give each URL its own "-o /dev/null".
urls=()
for i in $(seq 0 $((requests - 1))); do
  urls+=(-o /dev/null "http://127.0.0.1:$port/api/v1/problems/${ids[$((i % ${#ids[@]}))]}/recommendations?top=10")
done

# Warm-up (JIT, pools), then the measured run: one curl process, one connection, time_total per request.
curl -s -H "X-Api-Key: $key" "${urls[@]:0:150}"
curl -s -H "X-Api-Key: $key" -w '%{http_code} %{time_total}\n' "${urls[@]}" > "$(dirname "$db")/times"
awk '$1 != 200 { bad++ } { print $2 * 1000 }  END { if (bad) print "non-200 answers: " bad > "/dev/stderr" }' "$(dirname "$db")/times" \
  | sort -n | awk -v n="$requests" '{ t[NR] = $1 } END {
      printf "recommendation latency over %d requests on the demo data: median %.2f ms, p95 %.2f ms, max %.2f ms\n",
        n, t[int(n * 0.5 + 0.5)], t[int(n * 0.95 + 0.5)], t[n] }'
