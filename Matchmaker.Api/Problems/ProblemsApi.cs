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
            .Accepts<Problem>(JsonLinesBody.ContentType).WithRequestTimeout(Limits.ImportTimeout).WithRequestExample(Example + "\n" + """
                {"id":"P-YH-9002","title":"遮光窗帘涂层低温开裂","description":"出口欧洲的遮光窗帘在低温运输后涂层出现龟裂，想找高分子涂层方面的专家改进配方。","industry":"家纺","region":"杭州市余杭区","keywords":["遮光涂层","低温柔韧性"]}
                """);
        problems.MapGet("/", List).WithName("ListProblems").RequireAuthorization(Policies.Read).WithSummary("List the caller's problems, a page at a time.");
        problems.MapGet("/{id}", Get).WithName("GetProblem").RequireAuthorization(Policies.Read).WithETag().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Get one problem.");
        problems.MapPut("/{id}", Put).WithName("PutProblem").RequireAuthorization(Policies.Partner).WithPreconditions()
            .WithSummary("Create or replace one problem.").WithRequestExample(Example);
        problems.MapDelete("/{id}", Delete).WithName("DeleteProblem").RequireAuthorization(Policies.Partner).WithPreconditions()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesConflict("The problem has matches: close it (status=closed) instead.")
            .WithSummary("Delete a problem that has no matches.");
    }

    private static Task<Results<Ok<ImportReport>, ProblemHttpResult>> Import(HttpContext context, Importer importer, CancellationToken cancellationToken) =>
        JsonLinesBody.ImportAsync(context.Request, body => importer.ProblemsAsync(context.Tenant(), body), cancellationToken);

    private const string Example = """
        {"id":"P-DQ-9001","enterpriseId":"C-DQ-901","title":"梨园土壤板结、蜜梨糖度下降","description":"合作社300亩梨园近三年土壤板结，果实糖度从12度降到10度左右，想请专家做测土配方施肥方案。","industry":"梨产业与生态农业","region":"湖州市德清县","keywords":["测土配方施肥","土壤板结"],"urgency":"high"}
        """;

    private static async Task<Results<Ok<PageOf<Problem>>, ValidationProblem>> List(HttpContext context, ProblemStore store, int? page, int? pageSize)
    {
        var (number, size, errors) = Paging.Check(page, pageSize);
        if (errors.Any) return ApiResults.Invalid(errors);
        var (items, total) = await store.PageAsync(context.Tenant(), number, size);
        return Paging.Answer(context, items, number, size, total);
    }

    private static async Task<Results<Ok<Problem>, ProblemHttpResult>> Get(string id, HttpContext context, ProblemStore store) =>
        await store.FindAsync(context.Tenant(), id) is { } problem ? TypedResults.Ok(context.Tagged(problem)) : ApiResults.NotFound("Problem", id);

    private static async Task<Results<Ok<Problem>, Created<Problem>, ValidationProblem, ProblemHttpResult>> Put(
        string id, Problem problem, HttpContext context, ProblemStore store, EnterpriseStore enterprises)
    {
        var tenant = context.Tenant();
        var errors = ApiResults.IdMismatch(id, problem.Id);
        if (!errors.Any) errors = problem.Validate();
        if (!errors.Any && problem.EnterpriseId is { } enterpriseId && await enterprises.FindAsync(tenant, enterpriseId) is null)
            errors.Add("enterpriseId", $"enterprise '{enterpriseId}' does not exist");
        if (errors.Any) return ApiResults.Invalid(errors);
        var current = await store.FindAsync(tenant, id);
        if (ETags.Refused(context, current) is { } stale) return stale;
        await store.UpsertAsync(tenant, [problem]);
        var saved = context.Tagged((await store.FindAsync(tenant, id))!);
        var existed = current is not null;
        return existed ? TypedResults.Ok(saved) : TypedResults.Created($"/api/v1/problems/{Uri.EscapeDataString(id)}", saved);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, HttpContext context, ProblemStore store)
    {
        if (await ETags.RefusedAsync(context, () => store.FindAsync(context.Tenant(), id)) is { } stale) return stale;
        return await store.DeleteAsync(context.Tenant(), id) ? TypedResults.NoContent() : ApiResults.NotFound("Problem", id);
    }
}
