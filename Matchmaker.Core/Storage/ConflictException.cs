namespace Matchmaker.Core.Storage;

/// <summary>
/// A write that would break a rule of the data (e.g. deleting a problem that has matches, or a step a match may not
/// take). The API answers 409, with <see cref="Extensions"/> as members of the problem details.
/// </summary>
public sealed class ConflictException(string message, IReadOnlyDictionary<string, object?>? extensions = null) : Exception(message)
{
    public IReadOnlyDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();
}
