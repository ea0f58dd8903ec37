namespace Matchmaker.Core.Storage;

/// <summary>A write that would break a rule of the data (e.g. deleting a problem that has matches). The API answers 409.</summary>
public sealed class ConflictException(string message) : Exception(message);
