using System.Text.Json.Nodes;
using Microsoft.Extensions.FileProviders;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Matchmaker.Api.Hosting;

/// <summary>
/// The OpenAPI document at /swagger/v1/swagger.json and Swagger UI at /swagger, both open without a key. Partner
/// portals generate their clients from it, so it lists every status an operation can answer
/// (<see cref="OpenApiAnswers"/>); the tests hold it to what the API really answers.
/// </summary>
internal static class Swagger
{
    public const string TermsPath = "/terms.html";

    /// <summary>Every tag an endpoint uses, with what it is for.</summary>
    public static IReadOnlyDictionary<string, string> Tags { get; } = new Dictionary<string, string>
    {
        ["Health"] = "Liveness and readiness for load balancers; needs no key.",
        ["Experts"] = "Academicians (院士), experts of academic societies (学会) and overseas talents (海智): read by everyone, written by staff.",
        ["Enterprises"] = "The enterprises a partner serves; each partner sees only its own.",
        ["Problems"] = "Technical bottleneck problems (卡脖子难题) that enterprises post; each partner sees only its own.",
        ["Recommendations"] = "Experts ranked for a stored problem or for ad-hoc text, with the reasons for each.",
        ["Matches"] = "An expert proposed for a problem, and what came of it: contacts, visits, problems solved, outcome figures.",
        ["Conflicts"] = "Conflicts of interest: an expert is never proposed for an enterprise they declared, one of their own organization, or a problem they declined before.",
        ["Societies"] = "The academic societies (national, provincial, municipal) experts belong to.",
        ["Keys"] = "API keys and their roles (partner, staff, analyst); staff manage them.",
        ["Jobs"] = "Batch jobs for staff: rank every open problem, or run a campaign (百名专家进百企) that assigns experts to problems globally under their capacity; progress, cancel, results as JSON Lines or CSV, the exclusion audit, and accepting a plan.",
        ["Reports"] = "The association's figures for analysts: KPIs for a period with breakdowns and the monthly trend (JSON, CSV, XLSX or HTML), and every match with its problem, enterprise, expert, lifecycle and outcome figures (CSV or XLSX); partners get their own.",
        ["Models"] = "Learned ranking models trained from recorded outcomes: staff train, promote and roll back; staff and analysts read their holdout figures.",
    };

    private const string Description = """
        Ranks academicians, society experts and overseas talents against enterprises' technical problems, explains each
        match, and records what came of it.

        Every call under `/api/v1` needs an API key in `X-Api-Key` (roles: `partner`, `staff`, `analyst`). `GET /health`,
        this document (`/swagger/v1/swagger.json`) and Swagger UI (`/swagger`) need none. Staff and analysts act on a
        partner's records with `X-Partner-Id`; a partner key acts for its own partner only, and other partners'
        records answer 404 as if they did not exist.

        Errors are RFC 9457 `application/problem+json` with `traceId`, the request's `X-Request-Id` (send your own, or
        one is made; it is on every answer). Answers under the rate limit carry `RateLimit-Policy` and `RateLimit`
        (IETF draft-ietf-httpapi-ratelimit-headers). Lists answer `{items, page, pageSize, total}` with a `Link` header
        to the next and previous pages. Before any operation is reached, the server may also answer 431 (headers over
        32 KB) or 414 (a request line over 8 KB), without a body.
        """;

    public static void AddMatchmakerSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Matchmaker API",
                Version = "v1",
                Description = Description,
                // Relative, so that it names the terms page of the server that serves the document.
                License = new OpenApiLicense { Name = "Proprietary: use by agreement with the association that runs this server", Url = new Uri(TermsPath, UriKind.Relative) },
            });
            // The core library's documentation comments describe the answers' fields (weights, term shares, features).
            var core = Path.Combine(AppContext.BaseDirectory, "Matchmaker.Core.xml");
            if (File.Exists(core)) options.IncludeXmlComments(core);
            options.AddSecurityDefinition(Access.ApiKeyAuthentication.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = Access.ApiKeyAuthentication.Header,
                Description = "An API key: partner, staff or analyst. Staff and analysts may add X-Partner-Id to act on a partner's records.",
            });
            options.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(Access.ApiKeyAuthentication.SchemeName, document)] = [],
            });
            options.OperationFilter<OpenApiAnswers>();
            options.DocumentFilter<SharedComponents>();
        });
    }

    public static void UseMatchmakerSwagger(this WebApplication app)
    {
        // The terms of use, which the document's license names, from beside the binaries: found wherever the server starts.
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot")) });
        // The server is the one that served the document, as the client reached it.
        app.UseSwagger(options => options.PreSerializeFilters.Add((document, request) =>
            document.Servers = [new OpenApiServer { Url = $"{request.Scheme}://{request.Host}{request.PathBase}", Description = "This Matchmaker server" }]));
        app.UseSwaggerUI(options => options.DocumentTitle = "Matchmaker API");
    }

    /// <summary>The problem schemas, the headers the answers refer to, and the tags with their descriptions.</summary>
    private sealed class SharedComponents : IDocumentFilter
    {
        public void Apply(OpenApiDocument document, DocumentFilterContext context)
        {
            document.Components ??= new OpenApiComponents();
            var schemas = document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            // The framework's own types, had an operation named them, give way to the two shared schemas.
            schemas.Remove("HttpValidationProblemDetails");
            schemas[OpenApiAnswers.ProblemSchema] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "RFC 9457 problem details.",
                Required = new HashSet<string> { "title", "status", "traceId" },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["type"] = Text("A URI that names the kind of problem."),
                    ["title"] = Text("A short summary of the kind of problem."),
                    ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status code." },
                    ["detail"] = Text("What went wrong with this request, in a sentence."),
                    ["instance"] = Text("A URI of this occurrence, where there is one."),
                    ["traceId"] = Text("The request's X-Request-Id: quote it when you report a problem."),
                },
            };
            schemas[OpenApiAnswers.ValidationProblemSchema] = new OpenApiSchema
            {
                Description = "Problem details that name each invalid field and what is wrong with it.",
                AllOf =
                [
                    new OpenApiSchemaReference(OpenApiAnswers.ProblemSchema, document),
                    new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "errors" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["errors"] = new OpenApiSchema
                            {
                                Type = JsonSchemaType.Object,
                                Description = "Each invalid field (a JSON path in the body, a query parameter or a header) with its reasons.",
                                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                            },
                        },
                    },
                ],
            };
            var headers = document.Components.Headers ??= new Dictionary<string, IOpenApiHeader>();
            headers[RequestIds.Header] = Header("The request's id: the one the client sent (up to 128 letters, digits and `-_.:`) or a new one. Problem answers repeat it as `traceId`.", "e3c9a1f0b5d94c6f8a7e2d1c0b9a8f7e");
            headers[RequestRates.PolicyHeader] = Header("The rate limit of the key (IETF draft): quota `q` requests per window of `w` seconds.", "\"per-key\";q=600;w=60");
            headers[RequestRates.Header] = Header("What is left of the key's quota (IETF draft): `r` requests remaining, `t` seconds until the window ends.", "\"per-key\";r=598;t=42");
            headers["Retry-After"] = new OpenApiHeader
            {
                Description = "Seconds to wait before trying again.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                Example = JsonValue.Create(30),
            };
            headers["Link"] = Header("RFC 8288 links to the next and the previous page (rel=\"next\", rel=\"prev\"), with the request's other query parameters.",
                "</api/v1/experts?page=3&pageSize=50>; rel=\"next\", </api/v1/experts?page=1&pageSize=50>; rel=\"prev\"");
            headers["Location"] = Header("Where the created record (or the job, model training started) can be read.", "/api/v1/matches/M-0193b1f2c4a07d3e");
            headers["ETag"] = Header("The record's entity tag: send it back in If-Match to change or delete it only if nobody changed it since.", "\"3f2a9c0d41b7e6a58c1d2e3f4a5b6c7d\"");
            headers[Idempotency.ReplayedHeader] = Header("`true` when this is the stored first answer to a request with the same Idempotency-Key, not a new one.", "true");

            document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
        }

        private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };

        private static OpenApiHeader Header(string description, string example) => new()
        {
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            Example = JsonValue.Create(example),
        };
    }
}
