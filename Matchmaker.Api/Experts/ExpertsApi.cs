using Matchmaker.Api.Access;
using Matchmaker.Api.Hosting;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Imports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matchmaker.Api.Experts;

public static class ExpertsApi
{
    public static void MapExperts(this IEndpointRouteBuilder routes)
    {
        var experts = routes.MapGroup("/experts").WithTags("Experts");
        experts.MapPost("/import", Import).WithName("ImportExperts").RequireAuthorization(Policies.Staff)
            .WithSummary("Upsert experts from JSON Lines (one expert per line, by id); bad lines are reported and skipped.")
            .Accepts<Expert>(JsonLinesBody.ContentType).WithRequestTimeout(Limits.ImportTimeout);
        experts.MapGet("/", List).WithName("ListExperts").RequireAuthorization(Policies.Read).WithSummary("List experts, a page at a time, ordered by id.");
        experts.MapGet("/{id}", Get).WithName("GetExpert").RequireAuthorization(Policies.Read).WithSummary("Get one expert with works.");
        experts.MapPut("/{id}", Put).WithName("PutExpert").RequireAuthorization(Policies.Staff).WithSummary("Create or replace one expert; rankings follow at once.");
        experts.MapDelete("/{id}", Delete).WithName("DeleteExpert").RequireAuthorization(Policies.Staff).WithSummary("Delete an expert who has no matches.");
    }

    private static Task<Results<Ok<ImportReport>, ProblemHttpResult>> Import(HttpRequest request, Importer importer, CancellationToken cancellationToken) =>
        JsonLinesBody.ImportAsync(request, body => importer.Experts(body), cancellationToken);

    private static Results<Ok<PageOf<Expert>>, ValidationProblem> List(ExpertStore store, int? page, int? pageSize)
    {
        var (number, size, errors) = Paging.Check(page, pageSize);
        if (errors.Any) return ApiResults.Invalid(errors);
        var (items, total) = store.Page(number, size);
        return TypedResults.Ok(new PageOf<Expert>(items, number, size, total));
    }

    private static Results<Ok<Expert>, ProblemHttpResult> Get(string id, ExpertStore store) =>
        store.Find(id) is { } expert ? TypedResults.Ok(expert) : ApiResults.NotFound("Expert", id);

    private static Results<Ok<Expert>, Created<Expert>, ValidationProblem> Put(string id, Expert expert, ExpertStore store)
    {
        var errors = ApiResults.IdMismatch(id, expert.Id);
        if (!errors.Any) errors = expert.Validate();
        if (errors.Any) return ApiResults.Invalid(errors);
        var existed = store.Find(id) is not null;
        store.Upsert([expert]);
        var saved = store.Find(id)!;
        return existed ? TypedResults.Ok(saved) : TypedResults.Created($"/api/v1/experts/{Uri.EscapeDataString(id)}", saved);
    }

    private static Results<NoContent, ProblemHttpResult> Delete(string id, ExpertStore store) =>
        store.Delete(id) ? TypedResults.NoContent() : ApiResults.NotFound("Expert", id);
}
