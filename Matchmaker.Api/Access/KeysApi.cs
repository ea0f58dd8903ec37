using System.Security.Claims;
using Matchmaker.Api.Hosting;
using Matchmaker.Core.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matchmaker.Api.Access;

/// <summary>The caller's own key, as <c>GET /api/v1/keys/current</c> answers it.</summary>
public sealed record CurrentKey(string Id, Role Role, string? PartnerId, string ActsFor);

public static class KeysApi
{
    public static void MapKeys(this IEndpointRouteBuilder routes)
    {
        var keys = routes.MapGroup("/keys").WithTags("Keys");
        keys.MapPost("/", Create).WithName("CreateKey").RequireAuthorization(Policies.Staff).WithoutCompression()
            .WithSummary("Create an API key (staff); the key is in the answer once and is stored only as a hash.")
            .WithRequestExample("""{"role":"partner","partnerId":"yuhang-portal","name":"余杭区科协门户"}""")
            .WithIdempotency(WithoutSecret);
        keys.MapGet("/", List).WithName("ListKeys").RequireAuthorization(Policies.Staff)
            .WithSummary("List the API keys (staff), revoked ones included, a page at a time; never the keys themselves.");
        keys.MapDelete("/{id}", Revoke).WithName("RevokeKey").RequireAuthorization(Policies.Staff).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Revoke an API key (staff); it is refused from the next request on.");
        keys.MapGet("/current", Current).WithName("CurrentKey").RequireAuthorization(Policies.Read)
            .WithSummary("The caller's key: its id, role, partner and the partner it acts for now.");
    }

    private static async Task<Results<Created<CreatedApiKey>, ValidationProblem>> Create(NewApiKey request, HttpContext context, ApiKeyStore keys)
    {
        var errors = request.Validate();
        if (errors.Any) return ApiResults.Invalid(errors);
        var created = await keys.CreateAsync(request, context.IdempotentTransaction());
        return TypedResults.Created($"/api/v1/keys/{created.Id}", created);
    }

    private static async Task<Results<Ok<PageOf<ApiKey>>, ValidationProblem>> List(HttpContext context, ApiKeyStore keys, int? page, int? pageSize)
    {
        var (number, size, errors) = Paging.Check(page, pageSize);
        if (errors.Any) return ApiResults.Invalid(errors);
        return Paging.Answer(context, await keys.ListAsync(), number, size);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(string id, ApiKeyStore keys) =>
        await keys.RevokeAsync(id) ? TypedResults.NoContent() : ApiResults.NotFound("Key", id);

    private static Ok<CurrentKey> Current(HttpContext context)
    {
        var user = context.User;
        var role = Enum.Parse<Role>(user.FindFirstValue(ClaimTypes.Role)!, ignoreCase: true);
        return TypedResults.Ok(new CurrentKey(user.FindFirstValue(ApiKeyAuthentication.KeyIdClaim)!, role,
            user.FindFirstValue(ApiKeyAuthentication.PartnerClaim), context.Tenant()));
    }

    // A retried creation gets the first answer without the key: only its hash is kept, so the answer kept for the
    // retry may not hold it either. A client that lost the first answer revokes the key and creates another.
    private static byte[] WithoutSecret(byte[] body)
    {
        if (System.Text.Json.Nodes.JsonNode.Parse(body) is not System.Text.Json.Nodes.JsonObject answer || !answer.ContainsKey("key")) return body;
        answer["key"] = null;
        return System.Text.Encoding.UTF8.GetBytes(answer.ToJsonString());
    }
}
