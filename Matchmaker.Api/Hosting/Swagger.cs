namespace Matchmaker.Api.Hosting;

/// <summary>OpenAPI document at /swagger/v1/swagger.json and Swagger UI at /swagger.</summary>
internal static class Swagger
{
    public static void AddMatchmakerSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new Microsoft.OpenApi.OpenApiInfo
            {
                Title = "Matchmaker API",
                Version = "v1",
                Description = "Ranks academicians, society experts and overseas talents against enterprises' technical problems, and records what came of each match.",
            });
            options.AddSecurityDefinition(Access.ApiKeyAuthentication.SchemeName, new Microsoft.OpenApi.OpenApiSecurityScheme
            {
                Type = Microsoft.OpenApi.SecuritySchemeType.ApiKey,
                In = Microsoft.OpenApi.ParameterLocation.Header,
                Name = Access.ApiKeyAuthentication.Header,
                Description = "An API key: partner, staff or analyst. Staff and analysts may add X-Partner-Id to act on a partner's records.",
            });
            options.AddSecurityRequirement(document => new Microsoft.OpenApi.OpenApiSecurityRequirement
            {
                [new Microsoft.OpenApi.OpenApiSecuritySchemeReference(Access.ApiKeyAuthentication.SchemeName, document)] = [],
            });
        });
    }

    public static void UseMatchmakerSwagger(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(options => options.DocumentTitle = "Matchmaker API");
    }
}
