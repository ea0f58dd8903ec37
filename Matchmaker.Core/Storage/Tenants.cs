namespace Matchmaker.Core.Storage;

/// <summary>
/// Every partner-owned record (enterprise, problem, match) carries the id of the partner that owns it, and every
/// query on them filters by it. Until API keys bind callers to partners, all callers act for <see cref="Default"/>.
/// </summary>
public static class Tenants
{
    public const string Default = "default";
}
