using Matchmaker.Core.Storage;

namespace Matchmaker.Api.Hosting;

internal static class TenantContext
{
    /// <summary>
    /// The partner the caller acts for. Every handler of partner-owned data asks here, so binding API keys to
    /// partners changes this one method rather than the handlers.
    /// </summary>
    public static string Tenant(this HttpContext context) => Tenants.Default;
}
