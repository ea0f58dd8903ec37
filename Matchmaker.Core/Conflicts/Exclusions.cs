using System.Security.Cryptography;
using System.Text;

namespace Matchmaker.Core.Conflicts;

/// <summary>
/// The experts a ranking of one problem must leave out, with why: those of the enterprise's own organization (by
/// <see cref="OrganizationKey"/>), those who declared a conflict with it, and those who declined the problem before.
/// </summary>
public sealed class Exclusions
{
    public static Exclusions None { get; } = new(null, new Dictionary<string, ExclusionReason>());

    private readonly IReadOnlyDictionary<string, ExclusionReason> _experts;

    public Exclusions(string? organizationKey, IReadOnlyDictionary<string, ExclusionReason> experts)
    {
        OrganizationKey = organizationKey;
        _experts = experts;
        var text = new StringBuilder(organizationKey);
        foreach (var (id, reason) in experts.OrderBy(p => p.Key, StringComparer.Ordinal)) text.Append('\n').Append(id).Append('=').Append((int)reason);
        Fingerprint = experts.Count == 0 && organizationKey is null ? "" : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    /// <summary>The enterprise's organization as <see cref="OrganizationNames.Key"/> makes it (null: no enterprise, or no name).</summary>
    public string? OrganizationKey { get; }

    /// <summary>The experts left out by id, with why (not those of the own organization).</summary>
    public IReadOnlyDictionary<string, ExclusionReason> Named => _experts;

    /// <summary>How many experts are left out by id (not counting those of the own organization).</summary>
    public int Count => _experts.Count;

    /// <summary>Equal for equal exclusions: what a kept ranking depends on.</summary>
    public string Fingerprint { get; }

    /// <summary>Why the expert is left out, or null.</summary>
    public ExclusionReason? Of(string expertId, string? organizationKey)
    {
        if (_experts.TryGetValue(expertId, out var reason)) return reason;
        return OrganizationKey is not null && organizationKey == OrganizationKey ? ExclusionReason.OwnOrganization : null;
    }
}
