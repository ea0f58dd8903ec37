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

    /// <summary>
    /// The partner a report covers, null for every partner: a partner key's own, always (naming another partner in
    /// <paramref name="partner"/>, the <c>partner</c> query parameter, checked as an id by the caller, is forbidden,
    /// as in the header); for staff and analysts the partner named in <c>partner</c> or in the header, or every
    /// partner when neither names one. The answer that refuses the request instead (400, 403), if any.
    /// </summary>
    public static IResult? ReportTenant(this HttpContext context, string? partner, out string? tenant)
    {
        tenant = null;
        var header = context.Request.Headers[Header] is [{ } named] ? named : null; // checked by UseTenants
        if (partner is not null && header is not null && partner != header) return ApiResults.Invalid("partner", $"differs from {Header} ('{header}')");
        var own = context.User.FindFirstValue(ApiKeyAuthentication.PartnerClaim);
        if (own is not null && partner is not null && partner != own)
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: $"This key acts for partner '{own}' only; leave out partner or give '{own}'.");
        tenant = own ?? partner ?? header;
        return null;
    }

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
