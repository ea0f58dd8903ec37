#!/usr/bin/env bash
# Bytes of a 10-expert recommendation for every demo problem at each level of explain (none, terms, full), plain and
# compressed for a client that accepts Brotli: mean, median and largest. Builds Release and starts the API on a fresh database with the demo data, or measures a server
# that is already running when BASE (and KEY) are given, e.g. an older build:
#   scripts/answer-sizes.sh
#   BASE=http://127.0.0.1:5080 KEY=dev-staff-key-not-for-production scripts/answer-sizes.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -z "${BASE:-}" ]; then
  port=${PORT:-5397}
  KEY=sizes-staff-key-$RANDOM$RANDOM$RANDOM
  BASE="http://127.0.0.1:$port"
  dotnet build Matchmaker.Api -c Release -v quiet -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
  dotnet Matchmaker.Api/bin/Release/net10.0/Matchmaker.Api.dll --urls "$BASE" \
    --ConnectionStrings:Matchmaker="Data Source=$work/sizes.db" --Matchmaker:SeedDemoData=true \
    --Auth:BootstrapKey="$KEY" --Limits:RequestsPerMinute=100000000 >"$work/api.log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
  for _ in $(seq 1 240); do
    curl -sf "$BASE/health" >/dev/null && break
    sleep 0.5
  done
fi

ids=$(curl -sf -H "X-Api-Key: $KEY" "$BASE/api/v1/problems?pageSize=500" | grep -oE '"id":"P-[^"]+"' | cut -d'"' -f4)
count=$(echo "$ids" | wc -l)
# Plain, then as sent to a client that accepts Brotli (curl does not decode it, so the bytes on the wire are counted).
for encoding in identity br; do
  for level in none terms full; do
    for id in $ids; do
      curl -sf -o /dev/null -w '%{size_download}\n' -H "Accept-Encoding: $encoding" -H "X-Api-Key: $KEY" \
        "$BASE/api/v1/problems/$id/recommendations?top=10&explain=$level"
    done | sort -n | awk -v level="$level" -v count="$count" -v encoding="$encoding" '
      { size[NR] = $1; sum += $1 }
      END { printf "explain=%-5s Accept-Encoding: %-8s %d problems: mean %.0f bytes, median %d, largest %d\n", level, encoding, count, sum / NR, size[int((NR + 1) / 2)], size[NR] }'
  done
done
