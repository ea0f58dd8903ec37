using Matchmaker.Api.Access;
using Matchmaker.Api.Hosting;
using Matchmaker.Core.Conflicts;
using Matchmaker.Core.Enterprises;
using Matchmaker.Core.Experts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matchmaker.Api.Conflicts;

/// <summary>
/// Conflicts of interest an expert declared with the caller's partner's enterprises. An expert is never proposed for
/// an enterprise they declared, nor for one of their own organization, nor for a problem they declined before: every
/// ranking leaves them out and match creation refuses them (409).
/// </summary>
public static class ConflictsApi
{
    public static void MapConflicts(this IEndpointRouteBuilder routes)
    {
        var conflicts = routes.MapGroup("/experts/{id}/conflicts").WithTags("Conflicts");
        conflicts.MapPost("/", Declare).WithName("DeclareConflict").RequireAuthorization(Policies.Partner).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Declare an expert's conflict of interest with one of the caller's enterprises (201; declaring it again restates it).")
            .WithRequestExample("""{"enterpriseId":"C-DQ-901","reason":"曾任该合作社技术顾问（2019–2022）"}""").WithIdempotency();
        conflicts.MapGet("/", List).WithName("ListConflicts").RequireAuthorization(Policies.Read).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("List an expert's declared conflicts with the caller's partner's enterprises.");
        conflicts.MapDelete("/{enterpriseId}", Withdraw).WithName("WithdrawConflict").RequireAuthorization(Policies.Partner)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Withdraw a declared conflict: the expert may be proposed for the enterprise again.");
    }

    private static async Task<Results<Created<ConflictOfInterest>, ValidationProblem, ProblemHttpResult>> Declare(
        string id, NewConflict request, HttpContext context, ExpertStore experts, EnterpriseStore enterprises, ConflictStore conflicts)
    {
        var errors = request.Validate();
        if (errors.Any) return ApiResults.Invalid(errors);
        if (await experts.FindAsync(id) is null) return ApiResults.NotFound("Expert", id);
        var tenant = context.Tenant();
        if (await enterprises.FindAsync(tenant, request.EnterpriseId) is null)
        {
            errors.Add("enterpriseId", $"enterprise '{request.EnterpriseId}' does not exist");
            return ApiResults.Invalid(errors);
        }
        var conflict = await conflicts.AddAsync(tenant, id, request, context.KeyId(),
            context.IdempotentTransaction());
        return TypedResults.Created($"/api/v1/experts/{Uri.EscapeDataString(id)}/conflicts", conflict);
    }

    private static async Task<Results<Ok<PageOf<ConflictOfInterest>>, ValidationProblem, ProblemHttpResult>> List(
        string id, int? page, int? pageSize, HttpContext context, ExpertStore experts, ConflictStore conflicts)
    {
        var (number, size, errors) = Paging.Check(page, pageSize);
        if (errors.Any) return ApiResults.Invalid(errors);
        if (await experts.FindAsync(id) is null) return ApiResults.NotFound("Expert", id);
        return Paging.Answer(context, await conflicts.ForExpertAsync(context.Tenant(), id), number, size);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Withdraw(string id, string enterpriseId, HttpContext context, ConflictStore conflicts) =>
        await conflicts.DeleteAsync(context.Tenant(), id, enterpriseId) ? TypedResults.NoContent() : ApiResults.NotFound("Conflict", $"{id}/{enterpriseId}");
}
