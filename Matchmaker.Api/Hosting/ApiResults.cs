using Matchmaker.Core.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matchmaker.Api.Hosting;

/// <summary>The problem+json answers the handlers share.</summary>
internal static class ApiResults
{
    public static ValidationProblem Invalid(Errors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "The request is invalid", detail: errors.Summary());

    public static ProblemHttpResult NotFound(string what, string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"{what} '{id}' does not exist.");

    public static Errors IdMismatch(string routeId, string bodyId)
    {
        var errors = new Errors();
        if (!string.Equals(routeId, bodyId, StringComparison.Ordinal)) errors.Add("id", $"must equal the id in the URL ('{routeId}')");
        return errors;
    }
}
