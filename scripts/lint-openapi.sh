#!/usr/bin/env bash
# Lints the OpenAPI document with Redocly CLI's "recommended" rules: builds Release, starts the API on an empty
# database, fetches /swagger/v1/swagger.json and runs the linter on it (fetched with npx on first use; needs Node.js).
# Prints Redocly's report; exits non-zero when it finds an error or a warning.
# Usage: scripts/lint-openapi.sh [file to keep the document in]
set -euo pipefail
cd "$(dirname "$0")/.."
redocly="@redocly/cli@2.77.0"
port=${PORT:-5396}
work=$(mktemp -d)
document=${1:-$work/openapi.json}

dotnet build Matchmaker.Api -c Release -v quiet -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
dotnet Matchmaker.Api/bin/Release/net10.0/Matchmaker.Api.dll --urls "http://127.0.0.1:$port" \
  --ConnectionStrings:Matchmaker="Data Source=$work/lint.db" --Matchmaker:SeedDemoData=false >"$work/api.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/swagger/v1/swagger.json" >"$document"
# --max-problems: list every finding rather than the first hundred; warnings count as failures here.
npx --yes "$redocly" lint "$document" --extends recommended --format stylish --max-problems 1000 2>&1 | grep -v '[║╔╚]' | tee "$work/lint.log"
! grep -qE '^ *[0-9]+:[0-9]+ +(error|warning) ' "$work/lint.log"
