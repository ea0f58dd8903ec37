using Matchmaker.Core.Experts;
using Matchmaker.Core.Ranking;

namespace Matchmaker.Api.Hosting;

public static class Health
{
    public sealed record HealthReport(string Status, int Experts, bool RankingReady, int IndexedExperts, int Terms);

    public static void MapHealth(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/health", Get).WithName("Health").WithTags("Health")
            .WithSummary("Liveness and readiness: 200 once the ranking index is built, 503 while it is being built.")
            .AllowAnonymous().DisableRateLimiting(); // load balancers poll it without a key

    private static async Task<IResult> Get(ExpertStore experts, RankingIndex index)
    {
        if (!index.IsReady)
            return TypedResults.Json(new HealthReport("starting", experts.Count(), false, 0, 0), statusCode: StatusCodes.Status503ServiceUnavailable);
        var current = await index.CurrentAsync();
        return TypedResults.Ok(new HealthReport("ok", experts.Count(), true, current.Count, current.Featurizer.VocabularySize));
    }
}
