using System.Text.Json.Nodes;
using Matchmaker.Api.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Matchmaker.Api.Hosting;

/// <summary>An example request body for the OpenAPI document, written next to the route that takes it.</summary>
internal sealed record RequestExample(string Body);

/// <summary>The values a query parameter takes, which the handler checks itself, and its default.</summary>
internal sealed record QueryValues(string Name, IReadOnlyList<string> Values, string Default);

/// <summary>The operation's answers carry an <c>ETag</c>; <paramref name="Conditional"/>: it honours <c>If-Match</c>.</summary>
internal sealed record EntityTag(bool Conditional);

/// <summary>What a problem answer of one status means for one operation (a 409's cause, say).</summary>
internal sealed record ProblemMeaning(int Status, string Description);

internal static class OpenApiMetadata
{
    public static TBuilder WithRequestExample<TBuilder>(this TBuilder builder, string body) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestExample(body.Trim()));

    public static RouteHandlerBuilder WithQueryValues(this RouteHandlerBuilder builder, string name, IReadOnlyList<string> values, string defaultValue) =>
        builder.WithMetadata(new QueryValues(name, values, defaultValue));

    /// <summary>The record's answers carry its <c>ETag</c>.</summary>
    public static RouteHandlerBuilder WithETag(this RouteHandlerBuilder builder) => builder.WithMetadata(new EntityTag(Conditional: false));

    /// <summary>The write honours <c>If-Match</c>: 412 when the record changed since its ETag was read.</summary>
    public static RouteHandlerBuilder WithPreconditions(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new EntityTag(Conditional: true)).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithMetadata(new ProblemMeaning(StatusCodes.Status412PreconditionFailed,
                "If-Match was sent and the record changed since that ETag was read (or it does not exist): read it again."));

    /// <summary>The operation answers 409 (problem+json) when <paramref name="description"/>.</summary>
    public static RouteHandlerBuilder ProducesConflict(this RouteHandlerBuilder builder, string description) =>
        builder.ProducesProblem(StatusCodes.Status409Conflict).WithMetadata(new ProblemMeaning(StatusCodes.Status409Conflict, description));
}

/// <summary>
/// Writes into each operation every status it can answer, from what the endpoint's metadata says applies to it: the
/// key check (401, 403 and the 400 of a malformed <c>X-Partner-Id</c>) on every secured operation, the rate limit
/// (429), request timeouts (503), body limits (408, 413, 415) on operations that take a body, 404 and 409 where a
/// route declares them. Every error is <c>application/problem+json</c> with the shared schemas; every answer
/// carries <c>X-Request-Id</c> and, under the rate limit, the <c>RateLimit</c> fields.
/// </summary>
internal sealed class OpenApiAnswers : IOperationFilter
{
    public const string ProblemSchema = "ProblemDetails";
    public const string ValidationProblemSchema = "ValidationProblemDetails";
    public const string ProblemMediaType = "application/problem+json";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var document = context.Document;
        var open = metadata.OfType<IAllowAnonymous>().Any();
        var limited = !metadata.OfType<DisableRateLimitingAttribute>().Any();
        var ranking = metadata.OfType<EnableRateLimitingAttribute>().Any(a => a.PolicyName == Limits.RankingPolicy);
        var body = metadata.OfType<IAcceptsMetadata>().FirstOrDefault();
        var import = metadata.OfType<RequestTimeoutAttribute>().Any(a => a.PolicyName == Limits.ImportTimeout);
        var policy = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
        operation.Responses ??= [];
        var responses = operation.Responses;

        if (open) operation.Security = [];
        else
        {
            Problem(responses, document, 400, ValidationProblemSchema, "The request is invalid: `errors` names each field (body, query parameter or the X-Partner-Id header) and what is wrong with it.");
            Problem(responses, document, 401, ProblemSchema, "No API key, or an unknown or revoked one, in X-Api-Key.");
            Problem(responses, document, 403, ProblemSchema, Forbidden(policy));
        }
        if (body is not null)
        {
            Problem(responses, document, 408, ProblemSchema, "The request came too slowly: headers after 15 s, or a body at less than 240 bytes/s after its first 5 s.");
            Problem(responses, document, 413, ProblemSchema, import ? "The body is larger than 20 MB: split the file." : "The body is larger than 1 MB.");
            Problem(responses, document, 415, ProblemSchema, $"The body is not {string.Join(" or ", body.ContentTypes)}.");
        }
        foreach (var meaning in metadata.OfType<ProblemMeaning>()) Problem(responses, document, meaning.Status, ProblemSchema, meaning.Description);
        if (responses.ContainsKey("404")) Problem(responses, document, 404, ProblemSchema, "It does not exist, or it belongs to another partner than the one this request acts for.");
        if (responses.ContainsKey("409")) Problem(responses, document, 409, ProblemSchema, "It conflicts with other records.");
        if (limited || ranking)
        {
            var why = (limited ? "More requests than the key's limit in the current minute" : "") + (limited && ranking ? "; or " : "")
                + (ranking ? "too many rankings are waiting already" : "") + ". Retry-After says when to try again.";
            Problem(responses, document, 429, ProblemSchema, why);
            Header(responses["429"], document, "Retry-After");
        }
        if (!open) Problem(responses, document, 503, ProblemSchema, $"The request took longer than the server allows ({(import ? "600" : "30")} s by default).");

        foreach (var (status, response) in responses)
        {
            Header(response, document, RequestIds.Header);
            if (limited)
            {
                Header(response, document, RequestRates.PolicyHeader);
                Header(response, document, RequestRates.Header);
            }
            if (status is "201" or "202") Header(response, document, "Location");
        }
        // The web server itself answers these, without a body or our headers, before a request
        // reaches any operation.
        if (body is null) Bare(responses, 408, "The request headers took longer than 15 s to arrive.");
        Bare(responses, 414, "The request line is longer than 8 KB.");
        Bare(responses, 431, "The request headers are larger than 32 KB, or more than 100.");
        if (context.ApiDescription.ParameterDescriptions.Any(p => p.Name == "pageSize") && responses.TryGetValue("200", out var page))
            Header(page, document, "Link");
        if (metadata.OfType<EntityTag>().LastOrDefault() is { } tag)
        {
            foreach (var (status, response) in responses.Where(r => r.Key is "200" or "201"))
                Header(response, document, "ETag");
            if (tag.Conditional)
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "If-Match", In = ParameterLocation.Header, Required = false,
                    Description = "The ETag the client read: the write is made only if the record is still as it was (else 412).",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            }
        }
        if (metadata.OfType<Idempotent>().Any())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = Idempotency.Header, In = ParameterLocation.Header, Required = false,
                Description = "A key of the client's choosing (1–255 visible ASCII characters, a UUID say) that makes a retry safe: the same key "
                    + "with the same body gets the first answer again (with Idempotent-Replayed: true), within 24 hours, whichever instance answers.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = Idempotency.MaxKeyLength },
            });
            Problem(responses, document, 422, ValidationProblemSchema, "The Idempotency-Key was already used with another request.");
            foreach (var (status, response) in responses.Where(r => r.Key.StartsWith('2') || r.Key is "400" or "404" or "409"))
                Header(response, document, Idempotency.ReplayedHeader);
        }
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            parameter.Description ??= ParameterDescriptions.GetValueOrDefault(parameter.Name ?? "");
        foreach (var values in metadata.OfType<QueryValues>())
            if (operation.Parameters?.FirstOrDefault(p => p.Name == values.Name) is OpenApiParameter parameter)
                parameter.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = values.Values.Select(v => (JsonNode)JsonValue.Create(v)).ToList(),
                    Default = JsonValue.Create(values.Default),
                };
        if (operation.RequestBody?.Content is { } content)
            foreach (var (mediaType, media) in content.Where(c => c.Value is OpenApiMediaType))
                Describe(mediaType, (OpenApiMediaType)media, metadata.OfType<RequestExample>().LastOrDefault());
    }

    // A JSON body gets its example as JSON. A JSON Lines body is text, one object of the named schema per line.
    private static void Describe(string mediaType, OpenApiMediaType media, RequestExample? example)
    {
        if (mediaType == JsonLinesBody.ContentType)
        {
            var line = (media.Schema as OpenApiSchemaReference)?.Reference.Id;
            media.Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = $"JSON Lines: one {line} object per line (see the {line} schema), at most 20 MB; upserts by id.",
            };
            if (example is not null) media.Example = example.Body;
        }
        else if (example is not null) media.Example = JsonNode.Parse(example.Body);
    }

    // The parameters that recur across operations, described once.
    private static readonly Dictionary<string, string> ParameterDescriptions = new()
    {
        ["id"] = "The record's id (up to 100 characters, no spaces, control characters or '/').",
        ["page"] = "The page, from 1 (default 1).",
        ["pageSize"] = $"Items per page, 1–{Paging.MaxPageSize} (default {Paging.DefaultPageSize}).",
        ["top"] = $"How many experts, 1–{Recommendations.RecommendationsApi.MaxTop} (default {Recommendations.RecommendationsApi.DefaultTop}).",
        ["explain"] = "How much of the reasons each expert carries: none, terms or full.",
        ["problemId"] = "The problem whose matches to list (required).",
    };

    private static string Forbidden(string? policy) => policy switch
    {
        Policies.Staff => "Only staff keys may call this; or a partner key named another partner in X-Partner-Id.",
        Policies.Partner => "Analyst keys may not call this (partner and staff keys may); or a partner key named another partner in X-Partner-Id.",
        _ => "A partner key named another partner than its own in X-Partner-Id.",
    };

    // A problem answer with the shared schema; a description given by the route wins over the general one.
    private static void Problem(OpenApiResponses responses, OpenApiDocument document, int status, string schema, string description)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        responses.TryGetValue(key, out var existing);
        // The route answers this status with a body of its own (health's 503): left as it is.
        if (existing is OpenApiResponse { Content.Count: > 0 } declared && !declared.Content.ContainsKey(ProblemMediaType)) return;
        var response = existing as OpenApiResponse ?? new OpenApiResponse();
        if (existing is null || response.Description is null or "" || IsReasonPhrase(response.Description, status)) response.Description = description;
        response.Content = new Dictionary<string, IOpenApiMediaType>
        {
            [ProblemMediaType] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(schema, document) },
        };
        responses[key] = response;
    }

    private static void Bare(OpenApiResponses responses, int status, string description) =>
        responses.TryAdd(status.ToString(System.Globalization.CultureInfo.InvariantCulture), new OpenApiResponse { Description = description });

    private static bool IsReasonPhrase(string description, int status) =>
        string.Equals(description, Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status), StringComparison.OrdinalIgnoreCase);

    private static void Header(IOpenApiResponse response, OpenApiDocument document, string name)
    {
        if (response is not OpenApiResponse writable) return;
        writable.Headers ??= new Dictionary<string, IOpenApiHeader>();
        writable.Headers[name] = new OpenApiHeaderReference(name, document);
    }
}
