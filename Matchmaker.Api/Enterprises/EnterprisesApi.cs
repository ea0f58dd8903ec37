using Matchmaker.Api.Access;
using Matchmaker.Api.Hosting;
using Matchmaker.Core.Enterprises;
using Matchmaker.Core.Imports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matchmaker.Api.Enterprises;

public static class EnterprisesApi
{
    public static void MapEnterprises(this IEndpointRouteBuilder routes)
    {
        var enterprises = routes.MapGroup("/enterprises").WithTags("Enterprises");
        enterprises.MapPost("/import", Import).WithName("ImportEnterprises").RequireAuthorization(Policies.Partner)
            .WithSummary("Upsert enterprises from JSON Lines (one per line, by id); bad lines are reported and skipped.")
            .Accepts<Enterprise>(JsonLinesBody.ContentType).WithRequestTimeout(Limits.ImportTimeout).WithRequestExample(Example + "\n" + """
                {"id":"C-YH-902","name":"杭州示例家纺有限公司","industry":"家纺","region":"杭州市余杭区","size":"medium"}
                """);
        enterprises.MapGet("/", List).WithName("ListEnterprises").RequireAuthorization(Policies.Read).WithSummary("List the caller's enterprises, a page at a time.");
        enterprises.MapGet("/{id}", Get).WithName("GetEnterprise").RequireAuthorization(Policies.Read).WithETag().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Get one enterprise.");
        enterprises.MapPut("/{id}", Put).WithName("PutEnterprise").RequireAuthorization(Policies.Partner).WithPreconditions()
            .WithSummary("Create or replace one enterprise.").WithRequestExample(Example);
        enterprises.MapDelete("/{id}", Delete).WithName("DeleteEnterprise").RequireAuthorization(Policies.Partner).WithPreconditions()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesConflict("The enterprise still has problems.")
            .WithSummary("Delete an enterprise that has no problems.");
    }

    private static Task<Results<Ok<ImportReport>, ProblemHttpResult>> Import(HttpContext context, Importer importer, CancellationToken cancellationToken) =>
        JsonLinesBody.ImportAsync(context.Request, body => importer.EnterprisesAsync(context.Tenant(), body), cancellationToken);

    private const string Example = """{"id":"C-DQ-901","name":"德清县示例蜜梨专业合作社","industry":"梨产业与生态农业","region":"湖州市德清县","size":"small"}""";

    private static async Task<Results<Ok<PageOf<Enterprise>>, ValidationProblem>> List(HttpContext context, EnterpriseStore store, int? page, int? pageSize)
    {
        var (number, size, errors) = Paging.Check(page, pageSize);
        if (errors.Any) return ApiResults.Invalid(errors);
        var (items, total) = await store.PageAsync(context.Tenant(), number, size);
        return Paging.Answer(context, items, number, size, total);
    }

    private static async Task<Results<Ok<Enterprise>, ProblemHttpResult>> Get(string id, HttpContext context, EnterpriseStore store) =>
        await store.FindAsync(context.Tenant(), id) is { } enterprise ? TypedResults.Ok(context.Tagged(enterprise)) : ApiResults.NotFound("Enterprise", id);

    private static async Task<Results<Ok<Enterprise>, Created<Enterprise>, ValidationProblem, ProblemHttpResult>> Put(string id, Enterprise enterprise, HttpContext context, EnterpriseStore store)
    {
        var errors = ApiResults.IdMismatch(id, enterprise.Id);
        if (!errors.Any) errors = enterprise.Validate();
        if (errors.Any) return ApiResults.Invalid(errors);
        var tenant = context.Tenant();
        var current = await store.FindAsync(tenant, id);
        if (ETags.Refused(context, current) is { } stale) return stale;
        await store.UpsertAsync(tenant, [enterprise]);
        var saved = context.Tagged((await store.FindAsync(tenant, id))!);
        var existed = current is not null;
        return existed ? TypedResults.Ok(saved) : TypedResults.Created($"/api/v1/enterprises/{Uri.EscapeDataString(id)}", saved);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, HttpContext context, EnterpriseStore store)
    {
        if (await ETags.RefusedAsync(context, () => store.FindAsync(context.Tenant(), id)) is { } stale) return stale;
        return await store.DeleteAsync(context.Tenant(), id) ? TypedResults.NoContent() : ApiResults.NotFound("Enterprise", id);
    }
}
