using System.ComponentModel.DataAnnotations;

namespace Matchmaker.Core.Storage;

/// <summary>Where Matchmaker keeps its data. Bound from <c>ConnectionStrings:Matchmaker</c>.</summary>
public sealed class StorageOptions
{
    /// <summary>A SQLite connection string; the default is a file next to the working directory.</summary>
    [Required]
    public string ConnectionString { get; set; } = "Data Source=matchmaker.db";
}
