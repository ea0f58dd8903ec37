using Matchmaker.Api.Access;
using Matchmaker.Api.Hosting;
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

    public Errors Validate()
    {
        var probe = new Problem { Id = "adhoc", Title = Title, Description = Description, Industry = Industry, Region = Region, Keywords = Keywords };
        var errors = probe.Validate();
        errors.Range("top", Top, 1, RecommendationsApi.MaxTop);
        errors.List("expertIds", ExpertIds, 1000, 100);
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
            .RequireAuthorization(Policies.Partner).RequireRateLimiting(Limits.RankingPolicy)
            .WithSummary("Rank available experts for a stored problem, with the terms that matched.");
        routes.MapPost("/recommendations", ForText).WithTags("Recommendations").WithName("RecommendForText")
            .RequireAuthorization(Policies.Partner).RequireRateLimiting(Limits.RankingPolicy)
            .WithSummary("Rank available experts for ad-hoc problem text; expertIds restricts the candidates.");
    }

    private static async Task<Results<Ok<Recommendation>, ValidationProblem, ProblemHttpResult>> ForProblem(
        string id, int? top, HttpContext context, ProblemStore problems, Ranker ranker, CancellationToken cancellationToken)
    {
        var errors = new Errors();
        errors.Range("top", top, 1, MaxTop);
        if (errors.Any) return ApiResults.Invalid(errors);
        if (problems.Find(context.Tenant(), id) is not { } problem) return ApiResults.NotFound("Problem", id);
        return TypedResults.Ok(await ranker.RecommendAsync(problem.Id, ProblemQuery.From(problem), top ?? DefaultTop, cancellationToken: cancellationToken));
    }

    private static async Task<Results<Ok<Recommendation>, ValidationProblem>> ForText(RecommendationRequest request, Ranker ranker, CancellationToken cancellationToken)
    {
        var errors = request.Validate();
        if (errors.Any) return ApiResults.Invalid(errors);
        var query = new ProblemQuery(request.Title, request.Description, request.Industry, request.Region, request.Keywords);
        return TypedResults.Ok(await ranker.RecommendAsync(null, query, request.Top, request.ExpertIds, cancellationToken));
    }
}
