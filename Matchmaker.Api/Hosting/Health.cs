using Matchmaker.Core.Experts;
using Matchmaker.Core.Ranking;

namespace Matchmaker.Api.Hosting;

public static class Health
{
    /// <summary>The state of the service.</summary>
    /// <param name="Status"><c>ok</c>, or <c>starting</c> while the first ranking index is built.</param>
    /// <param name="Experts">Experts in the database.</param>
    /// <param name="RankingReady">The ranking index is built.</param>
    /// <param name="RankingSettled">Every change of experts is in a refitted index: no refit waits or runs.</param>
    /// <param name="IndexedExperts">Experts in this instance's ranking index.</param>
    /// <param name="Terms">Terms in the index's vocabulary.</param>
    /// <param name="CachedRankings">How often stored problems' rankings are reused.</param>
    public sealed record HealthReport(
        string Status, int Experts, bool RankingReady, bool RankingSettled, int IndexedExperts, int Terms, CacheFigures CachedRankings);

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
            return TypedResults.Json(new HealthReport("starting", await experts.CountAsync(), false, false, 0, 0, cached), statusCode: StatusCodes.Status503ServiceUnavailable);
        var current = await index.CurrentAsync();
        return TypedResults.Ok(new HealthReport("ok", await experts.CountAsync(), true, index.IsSettled, current.Count, current.Featurizer.VocabularySize, cached));
    }
}
