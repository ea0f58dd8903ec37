using Matchmaker.Api.Access;
using Matchmaker.Api.Hosting;
using Matchmaker.Core.Conflicts;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Matching;
using Matchmaker.Core.Problems;
using Matchmaker.Core.Ranking;
using Matchmaker.Core.Storage;
using Matchmaker.Core.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matchmaker.Api.Matches;

/// <summary>The body of <c>POST /api/v1/matches</c>.</summary>
public sealed record NewMatch(string ProblemId, string ExpertId);

public static class MatchesApi
{
    public static void MapMatches(this IEndpointRouteBuilder routes)
    {
        var matches = routes.MapGroup("/matches").WithTags("Matches");
        matches.MapPost("/", Create).WithName("CreateMatch").RequireAuthorization(Policies.Partner).RequireRateLimiting(Limits.RankingPolicy)
            .ProducesConflict("The expert may not be proposed for the problem: `exclusion` says why (ownOrganization, declaredConflict, declinedBefore).")
            .WithSummary("Propose an expert for a problem (201), or get the existing match of the pair (200).")
            .WithRequestExample("""{"problemId":"P-DQ-9001","expertId":"E-9001"}""").WithIdempotency();
        matches.MapGet("/{id}", Get).WithName("GetMatch").RequireAuthorization(Policies.Read).WithETag().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Get a match with its events and current status.");
        routes.MapGet("/experts/{id}/matches", ForExpert).WithTags("Matches").WithName("ListExpertMatches").RequireAuthorization(Policies.Read)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("List the matches of one expert within the caller's partner (staff and analysts: the association's own, or the partner they name), a page at a time.");
        matches.MapGet("/", ForProblem).WithName("ListMatches").RequireAuthorization(Policies.Read).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("List the matches of one problem (problemId is required), a page at a time.");
        matches.MapPost("/{id}/events", AddEvent).WithName("AddMatchEvent").RequireAuthorization(Policies.Partner)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesConflict("The step is not allowed from the match's status: `currentStatus` and `allowed` say where it is and where it may go.")
            .WithSummary("Record the next step (proposed → contacted → accepted | declined; accepted → visited → solved | unsolved; withdrawn from any open status) with outcome figures.")
            .WithRequestExample("""
                {"status":"contacted","occurredAt":"2026-05-06T10:00:00+08:00","note":"电话联系沈研究员，约定下周到梨园取土样"}
                """).WithIdempotency();
    }

    private static async Task<Results<Created<Match>, Ok<Match>, ValidationProblem>> Create(
        NewMatch request, HttpContext context, ProblemStore problems, ExpertStore experts, MatchStore matches, ConflictStore conflicts,
        Ranker ranker, CancellationToken cancellationToken)
    {
        var tenant = context.Tenant();
        var errors = new Errors();
        errors.Id("problemId", request.ProblemId);
        errors.Id("expertId", request.ExpertId);
        var problem = errors.Any ? null : await problems.FindAsync(tenant, request.ProblemId);
        if (!errors.Any && problem is null) errors.Add("problemId", $"problem '{request.ProblemId}' does not exist");
        var expert = errors.Any ? null : await experts.FindAsync(request.ExpertId);
        if (!errors.Any && expert is null) errors.Add("expertId", $"expert '{request.ExpertId}' does not exist");
        if (errors.Any) return ApiResults.Invalid(errors);

        // A conflict of interest is never proposed, not even by hand.
        var excluded = await conflicts.ExclusionsAsync(tenant, problem!.EnterpriseId, problem.Id);
        if (excluded.Of(expert!.Id, OrganizationNames.Key(expert.Organization)) is { } reason)
            throw new ConflictException($"expert '{expert.Id}' may not be proposed for problem '{problem.Id}': {Describe(reason)}",
                new Dictionary<string, object?> { ["expertId"] = expert.Id, ["exclusion"] = reason });

        // The affinity and the features at the time of the proposal are kept with the match: outcomes are later
        // learned against what the ranker saw then.
        var scored = await ranker.RecommendAsync(problem.Id, ProblemQuery.From(problem), 1, [request.ExpertId], Explanation.Full, cancellationToken: cancellationToken);
        var item = scored.Items.FirstOrDefault();
        var (match, created) = await matches.CreateAsync(tenant, request.ProblemId, request.ExpertId, item?.Score, item?.Reasons?.Features,
            context.IdempotentTransaction());
        return created ? TypedResults.Created($"/api/v1/matches/{match.Id}", match) : TypedResults.Ok(match);
    }

    private static string Describe(ExclusionReason reason) => reason switch
    {
        ExclusionReason.OwnOrganization => "the expert works for the enterprise that posted it",
        ExclusionReason.DeclaredConflict => "the expert declared a conflict of interest with its enterprise",
        _ => "the expert declined it before",
    };

    private static async Task<Results<Ok<Match>, ProblemHttpResult>> Get(string id, HttpContext context, MatchStore matches) =>
        await matches.FindAsync(context.Tenant(), id) is { } match ? TypedResults.Ok(context.Tagged(match)) : ApiResults.NotFound("Match", id);

    private static async Task<Results<Ok<PageOf<Match>>, ValidationProblem, ProblemHttpResult>> ForProblem(
        string? problemId, int? page, int? pageSize, HttpContext context, ProblemStore problems, MatchStore matches)
    {
        var (number, size, errors) = Paging.Check(page, pageSize);
        errors.Id("problemId", problemId);
        if (errors.Any) return ApiResults.Invalid(errors);
        var tenant = context.Tenant();
        if (await problems.FindAsync(tenant, problemId!) is null) return ApiResults.NotFound("Problem", problemId!);
        return Paging.Answer(context, await matches.ForProblemAsync(tenant, problemId!), number, size);
    }

    private static async Task<Results<Created<MatchEvent>, ValidationProblem, ProblemHttpResult>> AddEvent(
        string id, NewMatchEvent request, HttpContext context, MatchStore matches, TimeProvider clock)
    {
        var errors = request.Validate(clock.GetUtcNow());
        if (errors.Any) return ApiResults.Invalid(errors);
        var tenant = context.Tenant();
        if (await matches.FindAsync(tenant, id) is not { } match) return ApiResults.NotFound("Match", id);
        errors = MatchLifecycle.Check(match, request); // a forbidden step throws: 409
        if (errors.Any) return ApiResults.Invalid(errors);
        var recordedBy = context.KeyId();
        return await matches.AddEventAsync(tenant, id, match.Status, request, recordedBy, context.IdempotentTransaction()) is { } added
            ? TypedResults.Created($"/api/v1/matches/{id}", added)
            : ApiResults.NotFound("Match", id);
    }

    private static async Task<Results<Ok<PageOf<Match>>, ValidationProblem, ProblemHttpResult>> ForExpert(
        string id, int? page, int? pageSize, HttpContext context, ExpertStore experts, MatchStore matches)
    {
        var (number, size, errors) = Paging.Check(page, pageSize);
        if (errors.Any) return ApiResults.Invalid(errors);
        if (await experts.FindAsync(id) is null) return ApiResults.NotFound("Expert", id);
        return Paging.Answer(context, await matches.ForExpertAsync(context.Tenant(), id), number, size);
    }
}
