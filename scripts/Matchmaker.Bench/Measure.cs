using System.Diagnostics;

namespace Matchmaker.Bench;

/// <summary>Timing and memory helpers shared by the engines' measurements.</summary>
internal static class Measure
{
    public const int WarmUpQueries = 200;

    /// <summary>Milliseconds of each of <paramref name="count"/> calls of <paramref name="query"/>, after a warm-up.</summary>
    public static double[] Latencies(int count, Action<int> query)
    {
        for (var i = 0; i < WarmUpQueries; i++) query(i);
        var times = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            query(i);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return times;
    }

    /// <summary>
    /// Milliseconds of two engines answering the same queries in turns, a block of <paramref name="block"/> queries
    /// each (the first engine first in even blocks, the second in odd ones): both meet the same load on a shared
    /// machine, and blocks keep each engine's data in the CPU caches as a run of its own would.
    /// </summary>
    public static (double[] First, double[] Second) Interleaved(int count, int block, Action<int> first, Action<int> second)
    {
        for (var i = 0; i < WarmUpQueries; i++)
        {
            first(i);
            second(i);
        }
        var (a, b) = (new double[count], new double[count]);
        for (var start = 0; start < count; start += block)
        {
            var end = Math.Min(count, start + block);
            void Run(Action<int> engine, double[] times)
            {
                for (var i = start; i < end; i++) times[i] = Milliseconds(() => engine(i));
            }
            if (start / block % 2 == 0)
            {
                Run(first, a);
                Run(second, b);
            }
            else
            {
                Run(second, b);
                Run(first, a);
            }
        }
        return (a, b);
    }

    public static double Milliseconds(Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    /// <summary>
    /// Working set and managed heap in MB after a full, compacting collection that also hands free memory back to the
    /// system (Aggressive), so that what an earlier engine left behind is not counted for the next.
    /// </summary>
    public static (double WorkingSetMb, double HeapMb) Memory()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        using var process = Process.GetCurrentProcess();
        return (process.WorkingSet64 / 1048576.0, heap / 1048576.0);
    }

    public static double Percentile(IReadOnlyList<double> values, double fraction)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary>The load averages over 1, 5 and 15 minutes: other work on the machine slows every figure.</summary>
    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
