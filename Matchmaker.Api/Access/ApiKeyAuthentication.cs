using System.Security.Claims;
using System.Text.Encodings.Web;
using Matchmaker.Core.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Matchmaker.Api.Access;

/// <summary>
/// Authenticates the <c>X-Api-Key</c> header against the stored key hashes and the configured bootstrap key, and
/// answers 401 (no or bad key) and 403 (the key's role may not) with problem details.
/// </summary>
internal sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiKeyStore keys, BootstrapKey bootstrap, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string KeyIdClaim = "matchmaker:key";
    public const string PartnerClaim = "matchmaker:partner";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values)) return AuthenticateResult.NoResult();
        if (values.Count != 1 || string.IsNullOrEmpty(values[0]))
            return AuthenticateResult.Fail($"Send exactly one {Header} header.");
        var presented = values[0]!;
        var key = bootstrap.Matches(presented) ? BootstrapKey.AsApiKey : await keys.AuthenticateAsync(presented);
        if (key is null) return AuthenticateResult.Fail($"The key in {Header} is unknown or revoked.");

        var claims = new List<Claim> { new(KeyIdClaim, key.Id), new(ClaimTypes.Role, RoleNames.Of(key.Role)) };
        if (key.PartnerId is not null) claims.Add(new Claim(PartnerClaim, key.PartnerId));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{Header}\"";
        await WriteAsync("Unauthorized", result.Failure?.Message ?? $"Send an API key in the {Header} header.");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var role = Context.User.FindFirstValue(ClaimTypes.Role);
        await WriteAsync("Forbidden", $"A key with the role '{role}' may not {Request.Method} {Request.Path}.");
    }

    private Task WriteAsync(string title, string detail) => problems.WriteAsync(new ProblemDetailsContext
    {
        HttpContext = Context,
        ProblemDetails = { Status = Response.StatusCode, Title = title, Detail = detail },
    }).AsTask();
}

/// <summary>The caller's API key, as the records it writes name it.</summary>
internal static class CallerKey
{
    /// <summary>The id of the caller's API key (null without one).</summary>
    public static string? KeyId(this HttpContext context) => context.User.FindFirst(ApiKeyAuthentication.KeyIdClaim)?.Value;
}
