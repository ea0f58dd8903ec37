namespace Matchmaker.Api.Hosting;

/// <summary>
/// <c>X-Request-Id</c>: a client's own id is echoed (so that a portal can quote its own id when it reports a
/// problem), otherwise one is made. It becomes the request's trace identifier, which every problem answer carries as
/// <c>traceId</c>, and it is on every answer, errors included.
/// </summary>
internal static class RequestIds
{
    public const string Header = "X-Request-Id";
    public const int MaxLength = 128;

    public static void UseRequestIds(this WebApplication app) => app.Use((context, next) =>
    {
        var given = context.Request.Headers[Header];
        var id = given.Count == 1 && IsAcceptable(given[0]) ? given[0]! : Guid.CreateVersion7().ToString("N");
        context.TraceIdentifier = id;
        // On starting, because the exception handler clears the headers before it writes a problem answer.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = id;
            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>The id shown in problem answers as <c>traceId</c>.</summary>
    public static void AddTraceId(ProblemDetailsContext problem) =>
        problem.ProblemDetails.Extensions["traceId"] = problem.HttpContext.TraceIdentifier;

    // Visible ASCII without separators that would need quoting in logs or headers: what UUIDs, ULIDs and the
    // usual gateway ids are made of. Anything else is replaced rather than refused: the id is a courtesy.
    private static bool IsAcceptable(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength) return false;
        foreach (var c in id)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')) return false;
        return true;
    }
}
