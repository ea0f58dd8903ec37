using Matchmaker.Api.Access;
using Matchmaker.Api.Hosting;
using Matchmaker.Core.Enterprises;
using Matchmaker.Core.Imports;
using Matchmaker.Core.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matchmaker.Api.Problems;

public static class ProblemsApi
{
    public static void MapProblems(this IEndpointRouteBuilder routes)
    {
        var problems = routes.MapGroup("/problems").WithTags("Problems");
        problems.MapPost("/import", Import).WithName("ImportProblems").RequireAuthorization(Policies.Partner)
            .WithSummary("Upsert problems from JSON Lines (one per line, by id); bad lines are reported and skipped.")
            .Accepts<Problem>(JsonLinesBody.ContentType).WithRequestTimeout(Limits.ImportTimeout);
        problems.MapGet("/", List).WithName("ListProblems").RequireAuthorization(Policies.Read).WithSummary("List the caller's problems, a page at a time.");
        problems.MapGet("/{id}", Get).WithName("GetProblem").RequireAuthorization(Policies.Read).WithSummary("Get one problem.");
        problems.MapPut("/{id}", Put).WithName("PutProblem").RequireAuthorization(Policies.Partner).WithSummary("Create or replace one problem.");
        problems.MapDelete("/{id}", Delete).WithName("DeleteProblem").RequireAuthorization(Policies.Partner).WithSummary("Delete a problem that has no matches.");
    }

    private static Task<Results<Ok<ImportReport>, ProblemHttpResult>> Import(HttpContext context, Importer importer, CancellationToken cancellationToken) =>
        JsonLinesBody.ImportAsync(context.Request, body => importer.Problems(context.Tenant(), body), cancellationToken);

    private static Results<Ok<PageOf<Problem>>, ValidationProblem> List(HttpContext context, ProblemStore store, int? page, int? pageSize)
    {
        var (number, size, errors) = Paging.Check(page, pageSize);
        if (errors.Any) return ApiResults.Invalid(errors);
        var (items, total) = store.Page(context.Tenant(), number, size);
        return TypedResults.Ok(new PageOf<Problem>(items, number, size, total));
    }

    private static Results<Ok<Problem>, ProblemHttpResult> Get(string id, HttpContext context, ProblemStore store) =>
        store.Find(context.Tenant(), id) is { } problem ? TypedResults.Ok(problem) : ApiResults.NotFound("Problem", id);

    private static Results<Ok<Problem>, Created<Problem>, ValidationProblem> Put(
        string id, Problem problem, HttpContext context, ProblemStore store, EnterpriseStore enterprises)
    {
        var tenant = context.Tenant();
        var errors = ApiResults.IdMismatch(id, problem.Id);
        if (!errors.Any) errors = problem.Validate();
        if (!errors.Any && problem.EnterpriseId is { } enterpriseId && enterprises.Find(tenant, enterpriseId) is null)
            errors.Add("enterpriseId", $"enterprise '{enterpriseId}' does not exist");
        if (errors.Any) return ApiResults.Invalid(errors);
        var existed = store.Find(tenant, id) is not null;
        store.Upsert(tenant, [problem]);
        var saved = store.Find(tenant, id)!;
        return existed ? TypedResults.Ok(saved) : TypedResults.Created($"/api/v1/problems/{Uri.EscapeDataString(id)}", saved);
    }

    private static Results<NoContent, ProblemHttpResult> Delete(string id, HttpContext context, ProblemStore store) =>
        store.Delete(context.Tenant(), id) ? TypedResults.NoContent() : ApiResults.NotFound("Problem", id);
}
