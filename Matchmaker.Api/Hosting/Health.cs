using Matchmaker.Core.Experts;
using Matchmaker.Core.Ranking;

namespace Matchmaker.Api.Hosting;

public static class Health
{
    /// <summary>The state of the service; <see cref="CachedRankings"/> tells how often stored problems' rankings are reused.</summary>
    public sealed record HealthReport(string Status, int Experts, bool RankingReady, int IndexedExperts, int Terms, CacheFigures CachedRankings);

    /// <summary>Rankings of stored problems kept now, and the reuses (hits) and fresh rankings (misses) since start.</summary>
    public sealed record CacheFigures(int Entries, long Hits, long Misses);

    public static void MapHealth(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/health", Get).WithName("Health").WithTags("Health")
            .WithSummary("Liveness and readiness: 200 once the ranking index is built, 503 while it is being built. Needs no key.")
            .Produces<HealthReport>().Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable)
            .AllowAnonymous().DisableRateLimiting(); // load balancers poll it without a key

    private static async Task<IResult> Get(ExpertStore experts, RankingIndex index, RecommendationCache cache)
    {
        var cached = new CacheFigures(cache.Count, cache.Hits, cache.Misses);
        if (!index.IsReady)
            return TypedResults.Json(new HealthReport("starting", experts.Count(), false, 0, 0, cached), statusCode: StatusCodes.Status503ServiceUnavailable);
        var current = await index.CurrentAsync();
        return TypedResults.Ok(new HealthReport("ok", experts.Count(), true, current.Count, current.Featurizer.VocabularySize, cached));
    }
}
