using System.Data.Common;
using System.Text.Json;
using System.Text.RegularExpressions;
using Matchmaker.Core.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace Matchmaker.Api.Hosting;

/// <summary>
/// Answers requests the framework could not bind (bad JSON, wrong types, unknown fields, bad query values) and
/// conflicts raised by the stores with RFC 9457 problem details naming the field and the reason, and a passing
/// condition of the database (a lock held too long, a deadlock, a failover) with 503 and <c>Retry-After</c>.
/// Anything else is left to the default handler (500).
/// </summary>
internal sealed partial class BadRequestHandler(IProblemDetailsService problemDetails, Database database) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, errors, detail) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => Json(json),
            BadHttpRequestException bad => Binding(bad),
            ConflictException conflict => (StatusCodes.Status409Conflict, "Conflict", null, conflict.Message),
            DbException db when database.Dialect.IsTransient(db) => (StatusCodes.Status503ServiceUnavailable, "The database is busy", null,
                "The database could not take the request just now (a lock held too long, a deadlock or a failover). Retry after a second; a POST is safe to retry with the same Idempotency-Key."),
            _ => (0, "", null, null),
        };
        if (status == 0) return false;

        context.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable) context.Response.Headers.RetryAfter = "1";
        var problem = errors is null
            ? new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail }
            : new HttpValidationProblemDetails(errors) { Status = status, Title = title, Detail = detail };
        if (exception is ConflictException { Extensions: var extensions })
            foreach (var (name, value) in extensions) problem.Extensions[name] = value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static (int, string, Dictionary<string, string[]>?, string?) Json(JsonException exception)
    {
        var (field, reason) = MatchmakerJson.Describe(exception);
        var key = field.Length == 0 ? "body" : field;
        return (StatusCodes.Status400BadRequest, "The request body is invalid", new() { [key] = [reason] }, $"{key}: {reason}");
    }

    private static (int, string, Dictionary<string, string[]>?, string?) Binding(BadHttpRequestException exception)
    {
        if (exception.StatusCode != StatusCodes.Status400BadRequest)
            return (exception.StatusCode, ReasonPhrase(exception.StatusCode), null, exception.Message);
        var parameter = ParameterName().Match(exception.Message);
        var field = parameter.Success ? parameter.Groups["name"].Value : "request";
        var reason = exception.Message.Contains("was not provided", StringComparison.Ordinal) ? "is required" : "has an invalid value";
        return (StatusCodes.Status400BadRequest, "The request is invalid", new() { [field] = [reason] }, $"{field}: {reason}");
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);

    // Messages look like: Failed to bind parameter "int top" from "abc".  /  Required parameter "Expert expert" was not provided from body.
    [GeneratedRegex("parameter \"[^\" ]+ (?<name>[^\"]+)\"")]
    private static partial Regex ParameterName();
}
