using System.Security.Claims;
using Matchmaker.Api.Access;
using Matchmaker.Core.Storage;
using Matchmaker.Core.Validation;

namespace Matchmaker.Api.Hosting;

/// <summary>
/// The partner (tenant) a request acts for: a partner key's own partner; for staff and analyst keys the partner named
/// in <c>X-Partner-Id</c>, or the association's own records (<see cref="Tenants.Default"/>) without it.
/// Every handler of partner-owned data asks <see cref="Tenant"/>, so no handler decides this on its own.
/// </summary>
internal static class TenantContext
{
    public const string Header = "X-Partner-Id";
    private static readonly object ItemKey = new();

    public static string Tenant(this HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var tenant) && tenant is string id
            ? id
            : throw new InvalidOperationException("No tenant was resolved for this request; is the endpoint behind UseTenants?");

    /// <summary>Resolves the tenant of every authorized request; 400 for a malformed header, 403 for a partner naming another.</summary>
    public static void UseTenants(this WebApplication app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }
        var named = context.Request.Headers[Header];
        var own = context.User.FindFirstValue(ApiKeyAuthentication.PartnerClaim);
        var errors = new Errors();
        if (named.Count > 1) errors.Add(Header, "may be given once");
        else if (named.Count == 1) errors.Id(Header, named[0]);
        if (errors.Any)
        {
            await Results.ValidationProblem(errors.ToDictionary(), title: "The request is invalid", detail: errors.Summary()).ExecuteAsync(context);
            return;
        }
        if (own is not null && named.Count == 1 && !string.Equals(named[0], own, StringComparison.Ordinal))
        {
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: $"This key acts for partner '{own}' only; leave out {Header} or give '{own}'.").ExecuteAsync(context);
            return;
        }
        context.Items[ItemKey] = own ?? (named.Count == 1 ? named[0]! : Tenants.Default);
        await next(context);
    });
}
