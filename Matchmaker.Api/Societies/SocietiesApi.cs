using Matchmaker.Api.Access;
using Matchmaker.Core.Societies;

namespace Matchmaker.Api.Societies;

public static class SocietiesApi
{
    public static void MapSocieties(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/societies", List).WithTags("Societies").WithName("ListSocieties").RequireAuthorization(Policies.Read)
            .WithSummary("List the academic societies (national, provincial, municipal) experts belong to.");

    private static IResult List(SocietyStore store) => TypedResults.Ok(store.All());
}
