using Matchmaker.Api.Access;
using Matchmaker.Api.Hosting;
using Matchmaker.Core.Societies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matchmaker.Api.Societies;

public static class SocietiesApi
{
    public static void MapSocieties(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/societies", List).WithTags("Societies").WithName("ListSocieties").RequireAuthorization(Policies.Read)
            .WithSummary("List the academic societies (national, provincial, municipal) experts belong to, a page at a time.");

    private static async Task<Results<Ok<PageOf<Society>>, ValidationProblem>> List(HttpContext context, SocietyStore store, int? page, int? pageSize)
    {
        var (number, size, errors) = Paging.Check(page, pageSize);
        if (errors.Any) return ApiResults.Invalid(errors);
        return Paging.Answer(context, await store.AllAsync(), number, size);
    }
}
