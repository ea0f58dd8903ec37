#!/usr/bin/env bash
# The match export (issue 14) through the real endpoint: fills a temporary SQLite file with MATCHES matches (default
# 100,000) and their events (scripts/Matchmaker.Bench --export-db), starts a Release server on it, then downloads
# GET /api/v1/reports/matches as CSV and as XLSX with curl. For each: rows, bytes, seconds (and to the first byte),
# and the server's peak resident set (VmHWM of /proc/PID/status, reset before each export with clear_refs; the
# resident set after start-up, with the ranking index of 5,000 experts built, is printed first as the baseline).
# Each format twice: the first export of a server also loads and compiles the export's code. Then the same export
# from the command line (report matches), a process of its own, with its peak resident set when /usr/bin/time is
# there. Targets: under 20 s and under 300 MB each. Between the two, the KPI report of a year of those matches through
# its endpoint, timed (target: under 1 s).
#   scripts/export-matches.sh
#   MATCHES=20000 scripts/export-matches.sh
set -euo pipefail
cd "$(dirname "$0")/.."
matches=${MATCHES:-100000}
port=${PORT:-5398}
base="http://127.0.0.1:$port"
key=export-staff-key-$RANDOM$RANDOM$RANDOM
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for project in Matchmaker.Api scripts/Matchmaker.Bench; do
  dotnet build "$project" -c Release -v quiet -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
done
dotnet scripts/Matchmaker.Bench/bin/Release/net10.0/Matchmaker.Bench.dll --export-db "$work/export.db" --matches "$matches"

dotnet Matchmaker.Api/bin/Release/net10.0/Matchmaker.Api.dll --urls "$base" \
  --ConnectionStrings:Matchmaker="Data Source=$work/export.db" --Matchmaker:SeedDemoData=false \
  --Auth:BootstrapKey="$key" --Limits:RequestsPerMinute=100000000 >"$work/api.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 240); do
  curl -sf "$base/health" >/dev/null && break
  sleep 0.5
done
curl -sf "$base/health" >/dev/null || { echo "the server did not start:" >&2; cat "$work/api.log" >&2; exit 1; }

status_mb() { awk -v field="$1:" '$1 == field { printf "%.0f", $2 / 1024 }' "/proc/$server/status"; }
echo "server (pid $server, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)): resident set after start-up $(status_mb VmRSS) MB, peak so far $(status_mb VmHWM) MB"

for round in first again; do
for format in csv xlsx; do
  file="$work/matches.$format"
  echo 5 >"/proc/$server/clear_refs" # the peak starts again from the resident set of now
  read -r code bytes first total < <(curl -s -o "$file" -w '%{http_code} %{size_download} %{time_starttransfer} %{time_total}\n' \
    -H "X-Api-Key: $key" "$base/api/v1/reports/matches?format=$format")
  [ "$code" = 200 ] || { echo "$format: HTTP $code" >&2; head -c 500 "$file" >&2; exit 1; }
  if [ "$format" = csv ]; then
    rows=$(($(wc -l <"$file") - 1)) # no cell of these rows holds a line break
  else
    rows=$(($(unzip -p "$file" xl/worksheets/sheet1.xml | grep -o '<x:row ' | wc -l) - 1))
  fi
  printf '%-5s %-4s %d rows, %d bytes, %.1f s (first byte after %.2f s), server peak resident set %s MB (now %s MB)\n' \
    "$round" "$format" "$rows" "$bytes" "$total" "$first" "$(status_mb VmHWM)" "$(status_mb VmRSS)"
done
done

# The KPI report over the same matches through the endpoint (issue 14's target: under 1 s), three times as JSON.
for round in 1 2 3; do
  read -r code total < <(curl -s -o "$work/kpi.json" -w '%{http_code} %{time_total}\n' -H "X-Api-Key: $key" \
    "$base/api/v1/reports/kpi?from=2025-07-01&to=2026-06-30")
  [ "$code" = 200 ] || { echo "kpi: HTTP $code" >&2; head -c 500 "$work/kpi.json" >&2; exit 1; }
  printf 'KPI report, 2025-07-01 to 2026-06-30, every partner (JSON): %.2f s\n' "$total"
done

for format in csv xlsx; do
  start=$(date +%s.%N)
  if [ -x /usr/bin/time ]; then
    peak=$( { /usr/bin/time -f '%M' dotnet Matchmaker.Api/bin/Release/net10.0/Matchmaker.Api.dll report matches --format "$format" \
      --out "$work/cli.$format" --ConnectionStrings:Matchmaker="Data Source=$work/export.db" 2>&1 >/dev/null; } | tail -1)
    peak="$((peak / 1024)) MB"
  else
    dotnet Matchmaker.Api/bin/Release/net10.0/Matchmaker.Api.dll report matches --format "$format" --out "$work/cli.$format" \
      --ConnectionStrings:Matchmaker="Data Source=$work/export.db" 2>/dev/null
    peak="not measured (no /usr/bin/time)"
  fi
  printf 'command line %-4s %d bytes, %.1f s with the process start, peak resident set %s\n' \
    "$format" "$(stat -c %s "$work/cli.$format")" "$(awk -v from="$start" -v to="$(date +%s.%N)" 'BEGIN { print to - from }')" "$peak"
done
