using System.Text.Json.Serialization;
using Matchmaker.Core.Conflicts;
using Matchmaker.Core.Validation;

namespace Matchmaker.Core.Experts;

[JsonConverter(typeof(JsonStringEnumConverter<ExpertKind>))]
public enum ExpertKind
{
    [JsonStringEnumMemberName("academician")] Academician,
    [JsonStringEnumMemberName("societyExpert")] SocietyExpert,
    [JsonStringEnumMemberName("overseasTalent")] OverseasTalent,
    [JsonStringEnumMemberName("engineer")] Engineer,
}

/// <summary>Expert kinds by the names the API gives them (query parameters and command-line options, where no JSON converter reads them).</summary>
public static class ExpertKinds
{
    public const string Names = "academician, societyExpert, overseasTalent or engineer";

    /// <summary>The API's name of <paramref name="kind"/>, e.g. <c>societyExpert</c>.</summary>
    public static string Name(ExpertKind kind) => Storage.EnumColumn.Write(kind);

    /// <summary>The kind named <paramref name="name"/> (case aside), or null for none or an unknown name.</summary>
    public static ExpertKind? Parse(string? name) => name is null ? null : Enum.GetValues<ExpertKind>().Cast<ExpertKind?>()
        .FirstOrDefault(k => string.Equals(Name(k!.Value), name, StringComparison.OrdinalIgnoreCase));
}

[JsonConverter(typeof(JsonStringEnumConverter<WorkKind>))]
public enum WorkKind
{
    [JsonStringEnumMemberName("paper")] Paper,
    [JsonStringEnumMemberName("patent")] Patent,
    [JsonStringEnumMemberName("standard")] Standard,
    [JsonStringEnumMemberName("project")] Project,
}

/// <summary>A paper, patent, standard or project of an expert: the evidence the ranker reads.</summary>
public sealed record Work
{
    public WorkKind Kind { get; init; } = WorkKind.Paper;
    public required string Title { get; init; }
    public string? Abstract { get; init; }
    public IReadOnlyList<string> Keywords { get; init; } = [];
    public int? Year { get; init; }
}

/// <summary>
/// An academician, society expert, overseas talent or engineer. Experts are shared by all partners (read-only to them).
/// The same shape is one line of an import and the body of GET/PUT.
/// </summary>
public sealed record Expert
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public ExpertKind Kind { get; init; } = ExpertKind.SocietyExpert;
    public string? Title { get; init; }
    public string? Organization { get; init; }
    public IReadOnlyList<string> Societies { get; init; } = [];
    public string? Region { get; init; }
    public IReadOnlyList<string> Fields { get; init; } = [];
    public string? Profile { get; init; }
    public IReadOnlyList<Work> Works { get; init; } = [];
    public IReadOnlyList<string> Languages { get; init; } = [];
    /// <summary>
    /// How many matches the expert takes on per calendar quarter (China time). The load counts the expert's open matches
    /// and those created this quarter that came to a visit (solved, unsolved); a campaign assigns no expert without room.
    /// </summary>
    public int Capacity { get; init; } = 3;
    public bool Available { get; init; } = true;

    /// <summary>The first day the expert can be proposed (China time; none: no limit).</summary>
    public DateOnly? AvailableFrom { get; init; }

    /// <summary>The last day the expert can be proposed (China time; none: no limit).</summary>
    public DateOnly? AvailableTo { get; init; }

    /// <summary>
    /// In an import line only: conflicts of interest with enterprises of the partner the import acts for (declared as
    /// with <c>POST /api/v1/experts/{id}/conflicts</c>). Never part of the expert's record: conflicts belong to a partner.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<NewConflict>? Conflicts { get; init; }

    public Errors Validate()
    {
        var errors = new Errors();
        if (Conflicts is not null)
        {
            if (Conflicts.Count > 100) errors.Add("conflicts", "has more than 100 items");
            for (var i = 0; i < Conflicts.Count && i < 100; i++)
                if (Conflicts[i] is not { } conflict) errors.Add($"conflicts[{i}]", "may not be null");
                else conflict.Validate(errors, $"conflicts[{i}].");
        }
        errors.Id("id", Id);
        errors.Required("name", Name);
        errors.MaxLength("name", Name, 200);
        errors.MaxLength("title", Title, 200);
        errors.MaxLength("organization", Organization, 300);
        errors.MaxLength("region", Region, 200);
        errors.MaxLength("profile", Profile, 20_000);
        errors.List("societies", Societies, 50, 200);
        errors.List("fields", Fields, 50, 200);
        errors.List("languages", Languages, 20, 20);
        errors.Range("capacity", Capacity, 0, 1000);
        if (AvailableFrom is { } from && AvailableTo is { } to && to < from) errors.Add("availableTo", "is before availableFrom");
        if (Works is null) return errors;
        if (Works.Count > 500) errors.Add("works", "has more than 500 items");
        for (var i = 0; i < Works.Count; i++)
        {
            var work = Works[i];
            if (work is null) { errors.Add($"works[{i}]", "may not be null"); continue; }
            errors.Required($"works[{i}].title", work.Title);
            errors.MaxLength($"works[{i}].title", work.Title, 1000);
            errors.MaxLength($"works[{i}].abstract", work.Abstract, 20_000);
            errors.List($"works[{i}].keywords", work.Keywords, 50, 200);
            errors.Range($"works[{i}].year", work.Year, 1900, 2100);
        }
        return errors;
    }
}
