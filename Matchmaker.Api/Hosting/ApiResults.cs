using Matchmaker.Core.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matchmaker.Api.Hosting;

/// <summary>The problem+json answers the handlers share.</summary>
internal static class ApiResults
{
    public static ValidationProblem Invalid(Errors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "The request is invalid", detail: errors.Summary());

    /// <summary>A field error outside the body (a header, say): 400, or another 4xx that names the field too.</summary>
    public static IResult Invalid(string field, string reason, int status = StatusCodes.Status400BadRequest)
    {
        var errors = new Errors();
        errors.Add(field, reason);
        if (status == StatusCodes.Status400BadRequest) return Invalid(errors);
        return TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary())
        {
            Status = status, Title = "The request cannot be processed", Detail = errors.Summary(),
        });
    }

    public static ProblemHttpResult NotFound(string what, string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"{what} '{id}' does not exist.");

    public static Errors IdMismatch(string routeId, string bodyId)
    {
        var errors = new Errors();
        if (!string.Equals(routeId, bodyId, StringComparison.Ordinal)) errors.Add("id", $"must equal the id in the URL ('{routeId}')");
        return errors;
    }
}
