using System.ComponentModel.DataAnnotations;
using Matchmaker.Core.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Matchmaker.Api.Access;

/// <summary>The <c>Auth</c> configuration section.</summary>
public sealed class AuthOptions
{
    /// <summary>
    /// A staff key accepted without being stored, so that scripts and a fresh install can create the real keys.
    /// Give it in an environment variable (<c>Auth__BootstrapKey</c>) or a secret store, never in a committed file
    /// outside development.
    /// </summary>
    [MinLength(16)]
    public string? BootstrapKey { get; set; }

    /// <summary>
    /// Seconds a verified key is trusted without reading it again: a key revoked through another instance is
    /// refused by this one within this time (through the same instance, at once).
    /// </summary>
    [Range(0, 3600)]
    public double KeyCacheSeconds { get; set; } = 10;
}

/// <summary>The configured bootstrap key, compared by hash in constant time like every stored key.</summary>
internal sealed class BootstrapKey(IOptions<AuthOptions> options)
{
    public const string Id = "bootstrap";

    private readonly byte[]? _hash = string.IsNullOrEmpty(options.Value.BootstrapKey) ? null : ApiKeyFormat.Hash(options.Value.BootstrapKey);

    public static ApiKey AsApiKey { get; } = new(Id, Role.Staff, null, "Auth:BootstrapKey", DateTimeOffset.UnixEpoch, null);

    public bool IsConfigured => _hash is not null;

    public bool Matches(string presented) => _hash is not null && ApiKeyFormat.SameHash(ApiKeyFormat.Hash(presented), _hash);
}

/// <summary>
/// The four policies every endpoint picks from. An endpoint that names none still needs a valid key of any role
/// (the fallback policy); only <c>/health</c> and the OpenAPI documents are open.
/// </summary>
public static class Policies
{
    /// <summary>Any key: reading experts, societies, and the caller's own partner records.</summary>
    public const string Read = "read";

    /// <summary>Partner and staff keys: changing partner records and asking for rankings.</summary>
    public const string Partner = "partner";

    /// <summary>Staff keys only: experts, keys, and later jobs, campaigns and models.</summary>
    public const string Staff = "staff";

    /// <summary>Staff and analyst keys: the association's figures (learned models, later reports).</summary>
    public const string Insight = "insight";

    public static void AddMatchmakerAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration("Auth").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(services => new ApiKeyStore(services.GetRequiredService<Matchmaker.Core.Storage.Database>(),
            services.GetRequiredService<TimeProvider>(),
            TimeSpan.FromSeconds(services.GetRequiredService<IOptions<AuthOptions>>().Value.KeyCacheSeconds)));
        builder.Services.AddSingleton<BootstrapKey>();
        builder.Services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Read, policy => policy.RequireRole(RoleNames.Partner, RoleNames.Staff, RoleNames.Analyst))
            .AddPolicy(Partner, policy => policy.RequireRole(RoleNames.Partner, RoleNames.Staff))
            .AddPolicy(Staff, policy => policy.RequireRole(RoleNames.Staff))
            .AddPolicy(Insight, policy => policy.RequireRole(RoleNames.Staff, RoleNames.Analyst));
    }
}
