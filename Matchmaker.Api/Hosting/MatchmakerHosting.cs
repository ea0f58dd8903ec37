using Matchmaker.Api.Access;
using Matchmaker.Api.Conflicts;
using Matchmaker.Api.Enterprises;
using Matchmaker.Api.Experts;
using Matchmaker.Api.Jobs;
using Matchmaker.Api.Matches;
using Matchmaker.Api.Models;
using Matchmaker.Api.Problems;
using Matchmaker.Api.Recommendations;
using Matchmaker.Api.Reports;
using Matchmaker.Api.Societies;
using Matchmaker.Core.Access;
using Matchmaker.Core.Conflicts;
using Matchmaker.Core.Enterprises;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Imports;
using Matchmaker.Core.Jobs;
using Matchmaker.Core.Campaigns;
using Matchmaker.Core.Learning;
using Matchmaker.Core.Matching;
using Matchmaker.Core.Problems;
using Matchmaker.Core.Ranking;
using Matchmaker.Core.Reports;
using Matchmaker.Core.Societies;
using Matchmaker.Core.Storage;
using Matchmaker.Core.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Matchmaker.Api.Hosting;

/// <summary>All of Matchmaker's wiring: services, start-up work, middleware and routes.</summary>
public static class MatchmakerHosting
{
    public static void AddMatchmaker(this IHostApplicationBuilder builder)
    {
        AddShippedSettings(builder);
        builder.Services.AddOptions<MatchmakerOptions>().BindConfiguration("Matchmaker").ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => CreateDatabase(builder));
        builder.Services.AddSingleton<ExpertStore>();
        builder.Services.AddSingleton<EnterpriseStore>();
        builder.Services.AddSingleton<ProblemStore>();
        builder.Services.AddSingleton<SocietyStore>();
        builder.Services.AddSingleton<MatchStore>();
        builder.Services.AddSingleton<ConflictStore>();
        builder.Services.AddSingleton<IdempotencyStore>();
        builder.Services.AddHostedService<IdempotencyCleanup>();
        builder.Services.AddSingleton<Importer>();
        builder.Services.AddSingleton<MatchHistory>();
        builder.Services.AddSingleton(_ => new TextAnalyzer());
        builder.Services.AddSingleton(services => LoadGlossary(services.GetRequiredService<IOptions<MatchmakerOptions>>().Value));
        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<IOptions<MatchmakerOptions>>().Value;
            return new RankingIndex(
                services.GetRequiredService<ExpertStore>(), services.GetRequiredService<TextAnalyzer>(), services.GetRequiredService<Glossary>(),
                services.GetRequiredService<ILogger<RankingIndex>>(),
                new RankingIndexOptions(TimeSpan.FromSeconds(options.RefitDelaySeconds), TimeSpan.FromSeconds(options.ChangePollSeconds),
                    TimeSpan.FromSeconds(options.MaxRefitWaitSeconds)));
        });
        builder.Services.AddSingleton<ModelStore>();
        builder.Services.AddSingleton<ModelTraining>();
        builder.Services.AddSingleton<ServingModel>();
        builder.Services.AddSingleton<ModelTrainings>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ModelTrainings>());
        builder.Services.AddSingleton<Ranker>();
        builder.Services.AddSingleton<ExpertLoadStore>();
        builder.Services.AddSingleton<JobStore>();
        builder.Services.AddSingleton<KpiStore>();
        builder.Services.AddSingleton<MatchExportStore>();
        builder.Services.AddSingleton<PlanAcceptance>();
        builder.Services.AddSingleton(services => JobOptionsOf(services.GetRequiredService<IOptions<MatchmakerOptions>>().Value));
        builder.Services.AddSingleton<JobRunner>();
        builder.Services.AddSingleton<JobWorker>();
        builder.Services.AddHostedService(services => services.GetRequiredService<JobWorker>());
        builder.Services.AddSingleton(services =>
            new RecommendationCache(services.GetRequiredService<IOptions<MatchmakerOptions>>().Value.RecommendationCacheItems));

        builder.Services.ConfigureHttpJsonOptions(options => MatchmakerJson.Configure(options.SerializerOptions));
        // Binding failures throw so that BadRequestHandler can answer with the field and the reason.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = RequestIds.AddTraceId);
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        builder.Services.AddMatchmakerSwagger();
        builder.Services.AddMatchmakerCompression();
        builder.AddMatchmakerAccess();
        builder.AddMatchmakerLimits();
    }

    /// <summary>
    /// Creates or migrates the database and seeds the demo data when asked, both under the migration lock (several
    /// instances starting together do it once), then starts building the ranking index.
    /// </summary>
    public static async Task InitializeMatchmakerAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MatchmakerOptions>>().Value;
        IReadOnlyDictionary<string, ImportReport>? reports = null;
        await app.Services.GetRequiredService<Database>().MigrateAsync(async transaction =>
        {
            if (!options.SeedDemoData) return;
            var folder = options.DataPath ?? Path.Combine(AppContext.BaseDirectory, "data");
            reports = await DemoData.SeedIfEmptyAsync(folder, app.Services.GetRequiredService<Importer>(),
                app.Services.GetRequiredService<ExpertStore>(), app.Services.GetRequiredService<SocietyStore>(), transaction,
                options.SeedDemoHistory ? app.Services.GetRequiredService<MatchHistory>() : null);
        });
        foreach (var (name, report) in reports ?? new Dictionary<string, ImportReport>())
            app.Logger.LogInformation("Demo data: {Name} {Imported} imported, {Failed} refused", name, report.Imported, report.Failed);
        _ = app.Services.GetRequiredService<RankingIndex>(); // starts the first build in the background
        if (!app.Services.GetRequiredService<BootstrapKey>().IsConfigured && (await app.Services.GetRequiredService<ApiKeyStore>().ListAsync()).Count == 0)
            app.Logger.LogWarning("There are no API keys and no Auth:BootstrapKey: create a staff key with `Matchmaker.Api keys create staff <name>`.");
    }

    public static void UseMatchmaker(this WebApplication app)
    {
        app.UseRequestIds();
        app.UseMatchmakerCompression();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMatchmakerSwagger();
        app.UseAuthentication();
        app.UseRequestRates(); // after authentication, so that it counts per key
        app.UseRateLimiter(); // the ranking queue
        app.UseAuthorization();
        app.UseTenants();
        app.UseRequestTimeouts();
    }

    public static void MapMatchmaker(this WebApplication app)
    {
        app.MapHealth();
        var v1 = app.MapGroup("/api/v1");
        v1.MapExperts();
        v1.MapEnterprises();
        v1.MapProblems();
        v1.MapRecommendations();
        v1.MapMatches();
        v1.MapConflicts();
        v1.MapSocieties();
        v1.MapKeys();
        v1.MapModels();
        v1.MapJobs();
        v1.MapReports();
    }

    public static JobOptions JobOptionsOf(MatchmakerOptions options) => new(TimeSpan.FromSeconds(options.JobLeaseSeconds), options.JobBatchSize);

    // Started from another folder (scripts/load-recommend.sh starts the dll from the repository root), the content root
    // has no appsettings.json: logging fell back to Information for every category, and the console logger, writing
    // six lines per request, took a fifth of the server's time under load. The copy next to the binaries comes first,
    // so the content root's file, the environment and the command line still override it.
    private static void AddShippedSettings(IHostApplicationBuilder builder)
    {
        var folder = AppContext.BaseDirectory;
        if (Path.GetFullPath(builder.Environment.ContentRootPath).TrimEnd('/') == Path.GetFullPath(folder).TrimEnd('/')) return;
        builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            Path = "appsettings.json", Optional = true, FileProvider = new PhysicalFileProvider(folder),
        });
    }

    private static Glossary LoadGlossary(MatchmakerOptions options)
    {
        var file = Path.Combine(options.DataPath ?? Path.Combine(AppContext.BaseDirectory, "data"), "glossary.tsv");
        return File.Exists(file) ? Glossary.Load(file) : Glossary.Empty;
    }

    /// <summary>
    /// The database of <c>Database:Provider</c> (<c>Sqlite</c>, the default, or <c>SqlServer</c>) at
    /// <c>ConnectionStrings:Matchmaker</c>. A relative SQLite file is placed under the content root, so `dotnet run`
    /// finds the same database every time.
    /// </summary>
    internal static Database CreateDatabase(IHostApplicationBuilder builder)
    {
        var provider = builder.Configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        var configured = builder.Configuration.GetConnectionString("Matchmaker");
        if (provider == DatabaseProvider.SqlServer)
        {
            if (string.IsNullOrWhiteSpace(configured))
                throw new InvalidOperationException("Database:Provider=SqlServer needs ConnectionStrings:Matchmaker (see docs/deploy.md).");
            return new Database(provider, configured);
        }
        var connection = new SqliteConnectionStringBuilder(configured ?? "Data Source=matchmaker.db");
        if (connection.DataSource != ":memory:" && !Path.IsPathRooted(connection.DataSource))
            connection.DataSource = Path.Combine(builder.Environment.ContentRootPath, connection.DataSource);
        return new Database(provider, connection.ToString());
    }
}
