using Matchmaker.Core.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace Matchmaker.Api.Hosting;

/// <summary>One page of a list, with the total across pages.</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>
/// Every list answers a page: <c>page</c> (from 1), <c>pageSize</c> (1–500, default 50), <c>total</c>, and a
/// <c>Link</c> header (RFC 8288) to the next and the previous page, with the request's other query parameters kept.
/// </summary>
internal static class Paging
{
    public const int MaxPageSize = 500;
    public const int DefaultPageSize = 50;

    /// <summary>Checks <c>page</c> (≥ 1) and <c>pageSize</c> (1–500); defaults 1 and 50.</summary>
    public static (int Page, int PageSize, Errors Errors) Check(int? page, int? pageSize)
    {
        var errors = new Errors();
        errors.Range("page", page, 1, 1_000_000);
        errors.Range("pageSize", pageSize, 1, MaxPageSize);
        return (page ?? 1, pageSize ?? DefaultPageSize, errors);
    }

    /// <summary>The page as the answer, with its <c>Link</c> header.</summary>
    public static Ok<PageOf<T>> Answer<T>(HttpContext context, IReadOnlyList<T> items, int page, int pageSize, int total)
    {
        var links = new List<string>(2);
        if ((long)page * pageSize < total) links.Add(Link(context.Request, page + 1, pageSize, "next"));
        if (page > 1) links.Add(Link(context.Request, Math.Min(page - 1, LastPage(total, pageSize)), pageSize, "prev"));
        if (links.Count > 0) context.Response.Headers.Link = string.Join(", ", links);
        return TypedResults.Ok(new PageOf<T>(items, page, pageSize, total));
    }

    /// <summary>A page of a list that is read whole (a short one: societies, keys, a problem's matches).</summary>
    public static Ok<PageOf<T>> Answer<T>(HttpContext context, IReadOnlyList<T> all, int page, int pageSize) =>
        Answer(context, all.Skip((page - 1) * pageSize).Take(pageSize).ToList(), page, pageSize, all.Count);

    private static int LastPage(int total, int pageSize) => Math.Max(1, (total + pageSize - 1) / pageSize);

    // A path-absolute reference: right behind any proxy that keeps the path, whatever host name the client used.
    private static string Link(HttpRequest request, int page, int pageSize, string relation)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(p => p.Key is not ("page" or "pageSize"))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .Append(new("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append(new("pageSize", pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return $"<{QueryHelpers.AddQueryString(request.PathBase + request.Path, query)}>; rel=\"{relation}\"";
    }
}
