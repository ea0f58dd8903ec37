namespace Matchmaker.Bench;

/// <summary>What one engine measured on the corpus.</summary>
internal sealed record EngineFigures(string Engine)
{
    public double BuildSeconds { get; init; }
    public double WorkingSetMb { get; init; }
    public double HeapMb { get; init; }
    /// <summary>The process's peak working set until the end of the build (Matchmaker only: it runs first).</summary>
    public double? PeakMb { get; init; }
    public double[] QueryMs { get; init; } = [];
    /// <summary>Query times with the other engine answering the same problems in turns.</summary>
    public double[] InTurnsMs { get; init; } = [];
    /// <summary>Time of the index change alone.</summary>
    public double[] UpsertMs { get; init; } = [];
    /// <summary>Time of the change plus the first query on the new snapshot.</summary>
    public double[] UpsertVisibleMs { get; init; } = [];
    public int UpsertsSeen { get; init; }
    /// <summary>Upserts the query after them did not return, with what the engine can say about why.</summary>
    public IReadOnlyList<string> Misses { get; init; } = [];
    public int? Terms { get; init; }
    /// <summary>Share of the top 10 in common with exhaustive searches (Matchmaker only).</summary>
    public double? Overlap { get; init; }
    /// <summary>Share of problems whose top 10 equals the exhaustive one, in order (Matchmaker only).</summary>
    public double? IdenticalLists { get; init; }
}
