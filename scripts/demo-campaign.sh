#!/usr/bin/env bash
# The demo campaign as issue 13 sets it: every open demo problem, every available expert, 2 experts a problem, at most
# 2 problems an expert. Runs the staff command line on a fresh database with the demo data and prints the plan's total
# affinity against greedy top-k's, and the most problems any expert got (never above the load). Extra arguments go to
# the campaign, e.g. `scripts/demo-campaign.sh --mode fairness`.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build Matchmaker.Api -c Release -v quiet -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
api=(dotnet Matchmaker.Api/bin/Release/net10.0/Matchmaker.Api.dll)
db=(--ConnectionStrings:Matchmaker="Data Source=$work/campaign.db" --Matchmaker:SeedDemoData=true)

"${api[@]}" campaign --min 2 --max 2 --max-load 2 "$@" "${db[@]}" >"$work/summary.txt" 2>"$work/progress.txt" \
  || { cat "$work/summary.txt" "$work/progress.txt" >&2; exit 1; }
cat "$work/summary.txt"
job=$(sed -n 's/^│ job *│ \(J-[0-9a-f]*\) *│$/\1/p' "$work/summary.txt")
"${api[@]}" jobs results "$job" --format csv --out "$work/plan.csv" "${db[@]}" 2>/dev/null
# Column 2 is the expert (empty on a problem left unassigned).
awk -F, 'NR > 1 && $2 != "" { n[$2]++; rows++ } END {
  max = 0; for (e in n) if (n[e] > max) max = n[e]
  printf "assignments %d to %d experts; most problems for one expert: %d\n", rows, length(n), max }' "$work/plan.csv"
