namespace Matchmaker.Api.Hosting;

/// <summary>The <c>Matchmaker</c> configuration section.</summary>
public sealed class MatchmakerOptions
{
    /// <summary>Fill an empty database with the demo data set at start.</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>Folder of the demo data set; by default the <c>data</c> folder copied next to the binaries.</summary>
    public string? DataPath { get; set; }

    /// <summary>Seconds to wait after a change of experts before the ranking index is refitted in the background.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 3600)]
    public double RefitDelaySeconds { get; set; } = 2;
}
