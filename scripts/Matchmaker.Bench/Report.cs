using System.Globalization;

namespace Matchmaker.Bench;

/// <summary>The results table: one row per figure, one column per engine, the target and whether Matchmaker meets it.</summary>
internal static class Report
{
    private const double MedianTargetMs = 5;
    private const double P95TargetMs = 15;
    private const double BuildTargetSeconds = 60;
    private const double MemoryTargetMb = 2048;
    private const double UpsertTargetMs = 50;

    public static void Print(EngineFigures matchmaker, EngineFigures? lucene, int queries)
    {
        var rows = new List<string[]> { new[] { "figure", matchmaker.Engine, lucene?.Engine ?? "Lucene (skipped)", "target", "met" } };
        void Row(string name, Func<EngineFigures, double> figure, string unit, string format, double? target)
        {
            var mine = figure(matchmaker);
            rows.Add([name, Show(mine, unit, format), lucene is null ? "" : Show(figure(lucene), unit, format),
                target is null ? "" : $"≤ {target.Value.ToString(format, CultureInfo.InvariantCulture)} {unit}",
                target is null ? "" : mine <= target ? "yes" : "NO"]);
        }

        Row("index build", f => f.BuildSeconds, "s", "F1", BuildTargetSeconds);
        Row("working set after build (Lucene: added by it)", f => f.WorkingSetMb, "MB", "F0", MemoryTargetMb);
        Row("GC heap after build (Lucene: added by it)", f => f.HeapMb, "MB", "F0", null);
        rows.Add(["peak working set, start to end of build", Show(matchmaker.PeakMb ?? double.NaN, "MB", "F0"), "",
            $"≤ {MemoryTargetMb:F0} MB", matchmaker.PeakMb <= MemoryTargetMb ? "yes" : "NO"]);
        Row($"query median ({queries:N0} q, top {MatchmakerBench.Top})", f => Measure.Percentile(f.QueryMs, 0.5), "ms", "F2", MedianTargetMs);
        Row("query p95", f => Measure.Percentile(f.QueryMs, 0.95), "ms", "F2", P95TargetMs);
        Row("query max", f => f.QueryMs.Max(), "ms", "F2", null);
        Row("upsert: index change median", f => Measure.Percentile(f.UpsertMs, 0.5), "ms", "F2", null);
        Row("upsert → visible median", f => Measure.Percentile(f.UpsertVisibleMs, 0.5), "ms", "F2", UpsertTargetMs);
        Row("upsert → visible max", f => f.UpsertVisibleMs.Max(), "ms", "F2", UpsertTargetMs);
        rows.Add(["upserted expert returned (top 10)", Seen(matchmaker), lucene is null ? "" : Seen(lucene), "all", Seen(matchmaker).StartsWith("OK", StringComparison.Ordinal) ? "yes" : "NO"]);
        if (lucene is not null)
        {
            Row("query median, both in turns", f => Measure.Percentile(f.InTurnsMs, 0.5), "ms", "F2", MedianTargetMs);
            Row("query p95, both in turns", f => Measure.Percentile(f.InTurnsMs, 0.95), "ms", "F2", P95TargetMs);
            var ratio = Measure.Percentile(matchmaker.InTurnsMs, 0.5) / Measure.Percentile(lucene.InTurnsMs, 0.5);
            rows.Add(["median ratio Matchmaker / Lucene, in turns", ratio.ToString("F2", CultureInfo.InvariantCulture), "", "≤ 1.00", ratio <= 1 ? "yes" : "NO"]);
        }

        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
            Console.WriteLine(string.Join("  ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
    }

    private static string Seen(EngineFigures figures) =>
        $"{(figures.UpsertsSeen == figures.UpsertVisibleMs.Length ? "OK" : "FAILED")} {figures.UpsertsSeen}/{figures.UpsertVisibleMs.Length}";

    private static string Show(double value, string unit, string format) => $"{value.ToString(format, CultureInfo.InvariantCulture)} {unit}";
}
