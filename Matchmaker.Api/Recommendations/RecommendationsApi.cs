using Matchmaker.Api.Access;
using Matchmaker.Api.Hosting;
using Matchmaker.Core.Access;
using Matchmaker.Core.Conflicts;
using Matchmaker.Core.Enterprises;
using Matchmaker.Core.Problems;
using Matchmaker.Core.Ranking;
using Matchmaker.Core.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matchmaker.Api.Recommendations;

/// <summary>The body of <c>POST /api/v1/recommendations</c>: ad-hoc problem text, optionally restricted to some experts.</summary>
public sealed record RecommendationRequest
{
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? Industry { get; init; }
    public string? Region { get; init; }
    public IReadOnlyList<string> Keywords { get; init; } = [];
    public int Top { get; init; } = RecommendationsApi.DefaultTop;
    public IReadOnlyList<string>? ExpertIds { get; init; }

    /// <summary>The caller's enterprise the text is for: its conflicts of interest apply (none without it).</summary>
    public string? EnterpriseId { get; init; }

    public Errors Validate()
    {
        var probe = new Problem { Id = "adhoc", Title = Title, Description = Description, Industry = Industry, Region = Region, Keywords = Keywords };
        var errors = probe.Validate();
        errors.Range("top", Top, 1, RecommendationsApi.MaxTop);
        errors.List("expertIds", ExpertIds, 1000, 100);
        if (EnterpriseId is not null) errors.Id("enterpriseId", EnterpriseId);
        return errors;
    }
}

public static class RecommendationsApi
{
    public const int DefaultTop = 10;
    public const int MaxTop = 100;

    public static void MapRecommendations(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/problems/{id}/recommendations", ForProblem).WithTags("Recommendations").WithName("RecommendForProblem")
            .RequireAuthorization(Policies.Partner).RequireRateLimiting(Limits.RankingPolicy).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Rank available experts for a stored problem, with the terms that matched.")
            .WithDescription("Answers are kept until the problem's text, the experts, their conflicts of interest or the serving learned model (or the outcomes it reads) change, so asking again is cheap. " +
                ExplainDescription + ModelDescription + ExcludedDescription)
            .WithQueryValues("explain", Levels, "full");
        routes.MapPost("/recommendations", ForText).WithTags("Recommendations").WithName("RecommendForText")
            .RequireAuthorization(Policies.Partner).RequireRateLimiting(Limits.RankingPolicy)
            .WithSummary("Rank available experts for ad-hoc problem text; expertIds restricts the candidates.")
            .WithDescription("Never kept: each call ranks afresh. With `enterpriseId` (one of the caller's enterprises) its conflicts of interest apply: its own organization's experts and those who declared a conflict with it are left out. " +
                ExplainDescription + ModelDescription).WithQueryValues("explain", Levels, "full")
            .WithRequestExample("""
                {"title":"注塑件翘曲变形","description":"汽车内饰件注塑后翘曲超差，想优化模具冷却水路和注塑工艺参数。","industry":"智能制造","region":"杭州市余杭区","keywords":["注塑模具","翘曲"],"top":5}
                """);
    }

    private const string ExplainDescription =
        "`explain` sets how much of the reasons each expert carries: `none` (ids, names, kinds, organizations, scores, ranks; " +
        "about a fifth of the size of `full`), `terms` (adds `reasons.matchedTerms`) or `full` (the default: also each matched " +
        "term's share of the text similarity, up to three supporting works, the features, and once for the answer the " +
        "`weights` of the features (a feature not listed weighs 0): an expert's score is the sum of weight × feature, each " +
        "product that feature's contribution). Figures have 4 decimals; `score` is an affinity in [0, 1].";

    private static async Task<Results<Utf8Json<Recommendation>, Ok<Recommendation>, ValidationProblem, ProblemHttpResult>> ForProblem(
        string id, int? top, string? explain, bool? includeExcluded, HttpContext context, ProblemStore problems, ConflictStore conflicts,
        Ranker ranker, CancellationToken cancellationToken)
    {
        var errors = new Errors();
        errors.Range("top", top, 1, MaxTop);
        var level = Level(errors, explain);
        if (errors.Any) return ApiResults.Invalid(errors);
        if (includeExcluded == true && !context.User.IsInRole(RoleNames.Staff))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: "includeExcluded: only staff may see which experts a ranking leaves out, and why.");
        var tenant = context.Tenant();
        if (await problems.FindAsync(tenant, id) is not { } problem) return ApiResults.NotFound("Problem", id);
        var excluded = await conflicts.ExclusionsAsync(tenant, problem.EnterpriseId, problem.Id);
        if (includeExcluded == true)
        {
            // Not kept: staff asking for the audit get it fresh.
            var ranked = await ranker.RecommendAsync(problem.Id, ProblemQuery.From(problem), top ?? DefaultTop, null, level, excluded, cancellationToken);
            return TypedResults.Ok(ranked with { Excluded = await ranker.ExcludedAsync(excluded, cancellationToken) });
        }
        return new Utf8Json<Recommendation>(await ranker.RecommendStoredAsync(tenant, problem, top ?? DefaultTop, level, excluded, cancellationToken));
    }

    private static async Task<Results<Ok<Recommendation>, ValidationProblem>> ForText(
        RecommendationRequest request, string? explain, HttpContext context, EnterpriseStore enterprises, ConflictStore conflicts, Ranker ranker,
        CancellationToken cancellationToken)
    {
        var errors = request.Validate();
        var level = Level(errors, explain);
        if (errors.Any) return ApiResults.Invalid(errors);
        var tenant = context.Tenant();
        if (request.EnterpriseId is { } enterpriseId && await enterprises.FindAsync(tenant, enterpriseId) is null)
        {
            errors.Add("enterpriseId", $"enterprise '{enterpriseId}' does not exist");
            return ApiResults.Invalid(errors);
        }
        var excluded = await conflicts.ExclusionsAsync(tenant, request.EnterpriseId, null);
        var query = new ProblemQuery(request.Title, request.Description, request.Industry, request.Region, request.Keywords);
        return TypedResults.Ok(await ranker.RecommendAsync(null, query, request.Top, request.ExpertIds, level, excluded, cancellationToken));
    }

    private const string ExcludedDescription =
        " Experts of the enterprise's own organization, experts who declared a conflict of interest with it, and experts who " +
        "declined the problem before are never ranked; `includeExcluded=true` (staff only, 403 for others) adds `excluded`, " +
        "each of them with the `reason` (`ownOrganization`, `declaredConflict`, `declinedBefore`), ranked afresh.";

    private const string ModelDescription =
        " `modelVersion` names the learned model that ordered the list (`base` when none serves); while one serves, it " +
        "reorders the best 20 by affinity (or 2 × top if more) and each expert carries its `learnedScore`, which orders the " +
        "experts of this answer and means nothing across problems.";

    private static readonly string[] Levels = ["none", "terms", "full"];

    // Read by hand: the query binder would take any number as an enum value, and no lower-case name.
    private static Explanation Level(Errors errors, string? explain)
    {
        if (explain is null) return Explanation.Full;
        var index = Array.FindIndex(Levels, l => string.Equals(l, explain, StringComparison.OrdinalIgnoreCase));
        if (index < 0) errors.Add("explain", "must be none, terms or full");
        return index switch { 0 => Explanation.None, 1 => Explanation.Terms, _ => Explanation.Full };
    }
}
