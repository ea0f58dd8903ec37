namespace Matchmaker.Core.Storage;

/// <summary>
/// Every partner-owned record (enterprise, problem, match) carries the id of the partner that owns it, and every
/// query on them filters by it. A partner key acts for its own partner; staff and analyst keys act for
/// <see cref="Default"/> (the association's own records, where the demo data lives) unless they name a partner.
/// </summary>
public static class Tenants
{
    public const string Default = "default";
}
