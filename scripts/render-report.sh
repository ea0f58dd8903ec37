#!/usr/bin/env bash
# Renders the KPI report of the demo data (the last 12 months) with headless Chromium to PNG and PDF, so that anyone
# can look at what analysts get. Installs Debian's chromium and a Chinese font (fonts-noto-cjk) when they are missing
# (needs apt-get, as root or with sudo). Builds Release and starts the API on a fresh database with the demo data.
#   scripts/render-report.sh [OUT_DIR]        (default: artifacts/report; LANG_REPORT=en for English labels)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-artifacts/report}
lang=${LANG_REPORT:-zh}
mkdir -p "$out"
out=$(cd "$out" && pwd)

missing=()
command -v chromium >/dev/null || missing+=(chromium)
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=$([ "$(id -u)" -eq 0 ] && echo "" || echo sudo)
  echo "installing ${missing[*]} …" >&2
  $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q "${missing[@]}" >/dev/null
fi

work=$(mktemp -d)
port=${PORT:-5398}
key=report-staff-key-$RANDOM$RANDOM$RANDOM
dotnet build Matchmaker.Api -c Release -v quiet -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
dotnet Matchmaker.Api/bin/Release/net10.0/Matchmaker.Api.dll --urls "http://127.0.0.1:$port" \
  --ConnectionStrings:Matchmaker="Data Source=$work/report.db" --Matchmaker:SeedDemoData=true --Auth:BootstrapKey="$key" >"$work/api.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done

curl -sf -H "X-Api-Key: $key" "http://127.0.0.1:$port/api/v1/reports/kpi?format=html&lang=$lang" -o "$out/kpi.html"
curl -sf -H "X-Api-Key: $key" "http://127.0.0.1:$port/api/v1/reports/kpi?format=xlsx&lang=$lang" -o "$out/kpi.xlsx"
chromium=(chromium --headless --no-sandbox --disable-gpu --hide-scrollbars)
"${chromium[@]}" --screenshot="$out/kpi.png" --window-size=1280,2600 "file://$out/kpi.html" 2>/dev/null
"${chromium[@]}" --print-to-pdf="$out/kpi.pdf" --no-pdf-header-footer "file://$out/kpi.html" 2>/dev/null
ls -l "$out"/kpi.*
