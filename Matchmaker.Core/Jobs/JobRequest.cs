using Matchmaker.Core.Campaigns;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Problems;
using System.Text.Json.Serialization;
using Matchmaker.Core.Validation;

namespace Matchmaker.Core.Jobs;

/// <summary>Which of a tenant's problems a job works on; every filter given must hold (none: every open problem).</summary>
public sealed record ProblemFilter
{
    /// <summary>Part of the problem's region, e.g. <c>湖州市德清县</c> or <c>浙江省</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Region { get; init; }

    /// <summary>The problem's industry, exactly, e.g. <c>智能制造</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Industry { get; init; }

    /// <summary>The problem's status (default <c>open</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ProblemStatus? Status { get; init; }

    /// <summary>These problems only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Ids { get; init; }

    public void Validate(Errors errors)
    {
        errors.MaxLength("problems.region", Region, 200);
        errors.MaxLength("problems.industry", Industry, 200);
        errors.List("problems.ids", Ids, JobRequest.MaxProblems, 100);
        foreach (var id in Ids ?? []) if (id is not null) errors.Id("problems.ids", id);
    }

    private HashSet<string>? _ids;

    public bool Includes(Problem problem) =>
        problem.Status == (Status ?? ProblemStatus.Open)
        && (Region is null || (problem.Region?.Contains(Region, StringComparison.Ordinal) ?? false))
        && (Industry is null || string.Equals(problem.Industry, Industry, StringComparison.Ordinal))
        && (Ids is null || (_ids ??= new HashSet<string>(Ids, StringComparer.Ordinal)).Contains(problem.Id));
}

/// <summary>Which experts a job may propose; every filter given must hold (none: every expert).</summary>
public sealed record ExpertFilter
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ExpertKind? Kind { get; init; }

    /// <summary>A society the expert belongs to, by its name, exactly.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Society { get; init; }

    /// <summary>Part of the expert's region.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Region { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Ids { get; init; }

    public void Validate(Errors errors)
    {
        errors.MaxLength("experts.society", Society, 200);
        errors.MaxLength("experts.region", Region, 200);
        errors.List("experts.ids", Ids, 100_000, 100);
        foreach (var id in Ids ?? []) if (id is not null) errors.Id("experts.ids", id);
    }

    private HashSet<string>? _ids;

    [JsonIgnore]
    public bool IsEveryone => Kind is null && Society is null && Region is null && Ids is null;

    public bool Includes(Expert expert) =>
        (Kind is null || expert.Kind == Kind)
        && (Society is null || expert.Societies.Contains(Society, StringComparer.Ordinal))
        && (Region is null || (expert.Region?.Contains(Region, StringComparison.Ordinal) ?? false))
        && (Ids is null || (_ids ??= new HashSet<string>(Ids, StringComparer.Ordinal)).Contains(expert.Id));
}

/// <summary>Experts per problem in a campaign: a problem served gets at least <c>min</c> and at most <c>max</c>.</summary>
public sealed record PerProblem(int Min = 1, int Max = 2);

/// <summary>
/// The body of <c>POST /api/v1/jobs</c>: <c>rank-all</c> ranks the <c>top</c> experts of every problem the filter
/// takes; <c>campaign</c> assigns experts to those problems globally (see <see cref="AssignmentSolver"/>).
/// </summary>
public sealed record JobRequest
{
    public const int MaxProblems = 20_000;
    public const int DefaultCandidates = 50;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Kind { get; init; }
    public ProblemFilter Problems { get; init; } = new();
    public ExpertFilter Experts { get; init; } = new();

    /// <summary>rank-all: experts per problem (1–100, default 10).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Top { get; init; }

    /// <summary>campaign: experts per problem (default 1–2).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PerProblem? PerProblem { get; init; }

    /// <summary>campaign: the most problems one expert takes in this campaign (1–50, default 2); also bounded by the expert's room this quarter.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaxLoad { get; init; }

    /// <summary>campaign: the least affinity an assignment may have (0–1, default 0).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? MinScore { get; init; }

    /// <summary>campaign: <c>total</c> (default) or <c>fairness</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Mode { get; init; }

    /// <summary>campaign: each problem's best N candidates the solver chooses from (50–200, default 50).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Candidates { get; init; }

    [JsonIgnore]
    public JobKind ParsedKind => Kind == "campaign" ? JobKind.Campaign : JobKind.RankAll;

    [JsonIgnore]
    public AssignmentRules Rules => new(PerProblem?.Min ?? 1, PerProblem?.Max ?? 2, MinScore ?? 0,
        Mode == "fairness" ? AssignmentMode.Fairness : AssignmentMode.Total);

    /// <summary>The request with every default written out, as the job keeps and shows it.</summary>
    public JobRequest Normalized() => Kind == "campaign"
        ? this with
        {
            Problems = Problems with { Status = Problems.Status ?? ProblemStatus.Open }, PerProblem = PerProblem ?? new PerProblem(),
            MaxLoad = MaxLoad ?? 2, MinScore = MinScore ?? 0, Mode = Mode ?? "total", Candidates = Candidates ?? DefaultCandidates,
        }
        : this with { Problems = Problems with { Status = Problems.Status ?? ProblemStatus.Open }, Top = Top ?? 10 };

    public Errors Validate()
    {
        var errors = new Errors();
        if (Kind is not ("rank-all" or "campaign")) errors.Add("kind", "must be rank-all or campaign");
        if (Problems is null) errors.Add("problems", "may not be null");
        else Problems.Validate(errors);
        if (Experts is null) errors.Add("experts", "may not be null");
        else Experts.Validate(errors);
        if (Kind == "rank-all")
        {
            errors.Range("top", Top, 1, 100);
            foreach (var (field, given) in new[] { ("perProblem", PerProblem is not null), ("maxLoad", MaxLoad is not null),
                ("minScore", MinScore is not null), ("mode", Mode is not null), ("candidates", Candidates is not null) })
                if (given) errors.Add(field, "applies to campaign jobs only");
        }
        else if (Kind == "campaign")
        {
            if (Top is not null) errors.Add("top", "applies to rank-all jobs only (a campaign takes perProblem)");
            if (PerProblem is { } per)
            {
                errors.Range("perProblem.min", per.Min, 0, 20);
                errors.Range("perProblem.max", per.Max, 1, 20);
                if (per.Max < per.Min) errors.Add("perProblem.max", "is below perProblem.min");
            }
            errors.Range("maxLoad", MaxLoad, 1, 50);
            errors.Range("minScore", MinScore, 0, 1);
            if (Mode is not (null or "total" or "fairness")) errors.Add("mode", "must be total or fairness");
            errors.Range("candidates", Candidates, DefaultCandidates, 200);
        }
        return errors;
    }
}
