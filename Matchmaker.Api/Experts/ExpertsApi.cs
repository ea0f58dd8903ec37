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
            .Accepts<Expert>(JsonLinesBody.ContentType).WithRequestTimeout(Limits.ImportTimeout).WithRequestExample(ImportExample);
        experts.MapGet("/", List).WithName("ListExperts").RequireAuthorization(Policies.Read).WithSummary("List experts, a page at a time, ordered by id.");
        experts.MapGet("/{id}", Get).WithName("GetExpert").RequireAuthorization(Policies.Read).WithETag().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Get one expert with works.");
        experts.MapPut("/{id}", Put).WithName("PutExpert").RequireAuthorization(Policies.Staff).WithPreconditions()
            .WithSummary("Create or replace one expert; rankings follow at once.").WithRequestExample(Example);
        experts.MapDelete("/{id}", Delete).WithName("DeleteExpert").RequireAuthorization(Policies.Staff).WithPreconditions()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesConflict("The expert has matches: set available=false instead.")
            .WithSummary("Delete an expert who has no matches.");
    }

    private static Task<Results<Ok<ImportReport>, ProblemHttpResult>> Import(HttpRequest request, Importer importer, CancellationToken cancellationToken) =>
        JsonLinesBody.ImportAsync(request, body => importer.ExpertsAsync(body, tenant: request.HttpContext.Tenant(),
            recordedBy: request.HttpContext.KeyId()), cancellationToken);

    private const string Example = """
        {"id":"E-9001","name":"沈知遥","kind":"societyExpert","title":"研究员","organization":"浙江省农业科学院","societies":["浙江省园艺学会"],"region":"浙江省杭州市","fields":["梨树栽培","果园土壤改良"],"profile":"长期从事蜜梨优质高效栽培与梨园土壤培肥研究。","works":[{"kind":"project","title":"蜜梨园有机质提升与测土配方施肥示范","abstract":"在德清等地建立示范园，土壤有机质提高0.4个百分点，单产提高12%。","keywords":["测土配方施肥","梨园土壤"],"year":2023}],"languages":["zh"],"capacity":3,"available":true}
        """;

    private const string ImportExample = Example + "\n" + """
        {"id":"E-9003","name":"Lukas Baumann","kind":"overseasTalent","organization":"Fraunhofer IKTS","region":"Dresden, Germany","fields":["injection moulding"],"works":[{"kind":"paper","title":"Conformal cooling channels against warpage of automotive interior parts","year":2024}],"languages":["en","de"],"capacity":2}
        """;

    private static async Task<Results<Ok<PageOf<Expert>>, ValidationProblem>> List(HttpContext context, ExpertStore store, int? page, int? pageSize)
    {
        var (number, size, errors) = Paging.Check(page, pageSize);
        if (errors.Any) return ApiResults.Invalid(errors);
        var (items, total) = await store.PageAsync(number, size);
        return Paging.Answer(context, items, number, size, total);
    }

    private static async Task<Results<Ok<Expert>, ProblemHttpResult>> Get(string id, HttpContext context, ExpertStore store) =>
        await store.FindAsync(id) is { } expert ? TypedResults.Ok(context.Tagged(expert)) : ApiResults.NotFound("Expert", id);

    private static async Task<Results<Ok<Expert>, Created<Expert>, ValidationProblem, ProblemHttpResult>> Put(
        string id, Expert expert, HttpContext context, ExpertStore store)
    {
        var errors = ApiResults.IdMismatch(id, expert.Id);
        if (!errors.Any) errors = expert.Validate();
        if (expert.Conflicts is not null) errors.Add("conflicts", "is read in an import only; declare one with POST /api/v1/experts/{id}/conflicts");
        if (errors.Any) return ApiResults.Invalid(errors);
        var current = await store.FindAsync(id);
        if (ETags.Refused(context, current) is { } stale) return stale;
        await store.UpsertAsync([expert]);
        var saved = context.Tagged((await store.FindAsync(id))!);
        var existed = current is not null;
        return existed ? TypedResults.Ok(saved) : TypedResults.Created($"/api/v1/experts/{Uri.EscapeDataString(id)}", saved);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, HttpContext context, ExpertStore store)
    {
        if (await ETags.RefusedAsync(context, () => store.FindAsync(id)) is { } stale) return stale;
        return await store.DeleteAsync(id) ? TypedResults.NoContent() : ApiResults.NotFound("Expert", id);
    }
}
