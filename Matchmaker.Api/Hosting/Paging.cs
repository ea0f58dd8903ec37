using Matchmaker.Core.Validation;

namespace Matchmaker.Api.Hosting;

/// <summary>One page of a list, with the total across pages.</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

internal static class Paging
{
    public const int MaxPageSize = 500;

    /// <summary>Checks <c>page</c> (≥ 1) and <c>pageSize</c> (1–500); defaults 1 and 50.</summary>
    public static (int Page, int PageSize, Errors Errors) Check(int? page, int? pageSize)
    {
        var errors = new Errors();
        errors.Range("page", page, 1, 1_000_000);
        errors.Range("pageSize", pageSize, 1, MaxPageSize);
        return (page ?? 1, pageSize ?? 50, errors);
    }
}
