using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Matchmaker.Core.Evaluation;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Matchmaker.Simulate;

/// <summary>What the enterprises and experts of the simulated world want, unknown to the base ranker.</summary>
public enum HiddenPreference
{
    /// <summary>Enterprises favour experts of their own province who hold patents (a preference of the enterprises).</summary>
    ProvinceAndPatents,

    /// <summary>Academicians decline most first contacts, and experts seldom take problems outside their own industry (a behaviour of the experts).</summary>
    ExpertsDecline,
}

public sealed record SimulationSettings
{
    public HiddenPreference Preference { get; init; }

    public int Seed { get; init; } = 7;

    /// <summary>The share of the demo problems used (the oldest first); the test runs on fewer.</summary>
    public double ProblemShare { get; init; } = 1;

    /// <summary>Experts proposed per problem: the first <see cref="TopProposals"/> of the ranking and the rest from further down (staff choose too).</summary>
    public int Proposals { get; init; } = 6;

    public int TopProposals { get; init; } = 4;

    /// <summary>The share of the problems (the latest) posted after the year and ranked to judge the models.</summary>
    public double HeldOutShare { get; init; } = 0.2;

    public Action<string> Log { get; init; } = _ => { };

    /// <summary>Where to keep a copy of the world's database at the end (to start the API on it), or null.</summary>
    public string? KeepDatabase { get; init; }
}

/// <summary>The year's counts, the trained model as the API lists it, and NDCG@10 of both rankers on the held-out problems.</summary>
public sealed record SimulationResult(
    HiddenPreference Preference, int Problems, int HeldOut, int Matches, int Events, JsonElement Model, string ServedModel,
    double BaseNdcg, double LearnedNdcg)
{
    public double Ratio => BaseNdcg > 0 ? LearnedNdcg / BaseNdcg : 0;
}

/// <summary>
/// A year of matches and outcomes on the demo data, written through the API itself (hosted in this process, over
/// HTTP, with a simulated clock): problems are posted one after another through the year; staff propose the first
/// few experts of each ranking and a couple from further down; each expert's answer, visit and outcome follow from
/// a hidden preference; then a model is trained through <c>POST /api/v1/models/train</c>. The problems posted after
/// the year are ranked by the base ranker and by the promoted model, and both rankings are graded by the hidden
/// preference (NDCG@10 against the grade each candidate would earn).
/// </summary>
public static class Simulation
{
    internal const string Key = "simulation-staff-key-0123456789abcdef";
    // The year ends in the recent past (its last outcomes about three weeks ago), so that a server started on a kept
    // database reads the histories as the past they are.
    internal static readonly DateTimeOffset YearStart = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-460).AddHours(1);

    /// <summary>The whole simulation: the year, a training, and the judgement of both rankers.</summary>
    public static async Task<SimulationResult> RunAsync(SimulationSettings settings)
    {
        await using var world = await SimulatedWorld.StartAsync(settings);
        await world.LiveYearAsync();
        return await world.JudgeAsync(await world.TrainAsync());
    }

    /// <summary>The API over the SQLite <paramref name="file"/>, seeded from <paramref name="dataPath"/> (by default the data copied beside the binaries).</summary>
    internal sealed class Host(string file, SimulatedClock clock, string? dataPath = null) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:Matchmaker", $"Data Source={file}");
            if (dataPath is not null) builder.UseSetting("Matchmaker:DataPath", dataPath);
            builder.UseSetting("Matchmaker:SeedDemoData", "true");
            // The demo data without its own year of matches: the simulated year is the only history.
            builder.UseSetting("Matchmaker:SeedDemoHistory", "false");
            builder.UseSetting("Matchmaker:RefitDelaySeconds", "0.2");
            builder.UseSetting("Matchmaker:ModelPollSeconds", "0.2");
            builder.UseSetting("Auth:BootstrapKey", Key);
            builder.UseSetting("Limits:RequestsPerMinute", "100000000");
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(clock));
        }
    }

    /// <summary>A clock the simulation moves: the API's matches, events and history features read it.</summary>
    internal sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
    {
        private long _ticks = start.UtcTicks;

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

        public void MoveTo(DateTimeOffset time)
        {
            if (time.UtcTicks > Interlocked.Read(ref _ticks)) Interlocked.Exchange(ref _ticks, time.UtcTicks);
        }
    }

    /// <summary>One ranked expert as the API answers it with <c>explain=full</c>.</summary>
    internal sealed record Candidate(string ExpertId, double Score, double RegionMatch, double IndustryMatch);

    internal sealed record ExpertFacts(string Kind, int Patents);

    /// <summary>The next event of a match, due at a time; <c>Quality</c> decides what follows it.</summary>
    internal sealed record Pending(string MatchId, string Status, DateTimeOffset At, double Quality);
}

/// <summary>
/// The simulated world: the API hosted in this process on a database of its own, with a clock the simulation moves,
/// the demo experts, enterprises and problems, and a hidden preference. Its steps run in order: the year
/// (<see cref="LiveYearAsync"/>), a training (<see cref="TrainAsync"/>) and the judgement (<see cref="JudgeAsync"/>);
/// <see cref="Client"/> reaches the API between them (the tests look at the models' lifecycle there).
/// </summary>
public sealed class SimulatedWorld : IAsyncDisposable
{
    private readonly SimulationSettings _settings;
    private readonly HttpClient _client;
    private readonly Simulation.SimulatedClock _clock;
    private readonly Simulation.Host _host;
    private readonly string _folder;
    private readonly Random _random;
    private List<string> _later = [];
    private readonly Dictionary<string, List<Simulation.Candidate>> _baseRankings = new(StringComparer.Ordinal);

    private SimulatedWorld(SimulationSettings settings, string folder)
    {
        _settings = settings;
        _random = new Random(settings.Seed);
        _folder = folder;
        _clock = new Simulation.SimulatedClock(Simulation.YearStart);
        _host = new Simulation.Host(Path.Combine(folder, "simulation.db"), _clock);
        _client = _host.CreateClient();
        _client.DefaultRequestHeaders.Add("X-Api-Key", Simulation.Key);
        _client.Timeout = TimeSpan.FromMinutes(10);
    }

    /// <summary>A client of the world's API with a staff key.</summary>
    public HttpClient Client => _client;

    /// <summary>Starts the API on a new database with the demo data and waits for its ranking index.</summary>
    public static async Task<SimulatedWorld> StartAsync(SimulationSettings settings)
    {
        var folder = Path.Combine(Path.GetTempPath(), "matchmaker-simulation-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var world = new SimulatedWorld(settings, folder);
        await WaitForAsync(async () => (await world._client.GetStringAsyncOrProblem("/health")).Contains("\"rankingSettled\":true", StringComparison.Ordinal), "the ranking index");
        return world;
    }

    public async ValueTask DisposeAsync()
    {
        if (_settings.KeepDatabase is { } keep)
        {
            File.Delete(keep);
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_folder, "simulation.db")}");
            await connection.OpenAsync();
            await using var copy = connection.CreateCommand();
            copy.CommandText = "VACUUM INTO @file"; // a consistent copy, the write-ahead log included
            copy.Parameters.AddWithValue("@file", Path.GetFullPath(keep));
            await copy.ExecuteNonQueryAsync();
        }
        _client.Dispose();
        await _host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private readonly PriorityQueue<Simulation.Pending, DateTimeOffset> _pending = new();
    private Dictionary<string, Simulation.ExpertFacts> _experts = [];
    private int _matches;
    private int _events;

    public async Task LiveYearAsync()
    {
        var data = Path.Combine(AppContext.BaseDirectory, "data");
        _experts = File.ReadLines(Path.Combine(data, "experts.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(e => e.GetProperty("id").GetString()!, Facts, StringComparer.Ordinal);
        await ImportAsync("/api/v1/enterprises/import", File.ReadLines(Path.Combine(data, "enterprises.jsonl")));
        var problems = File.ReadLines(Path.Combine(data, "problems.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
            .OrderBy(p => p.GetProperty("postedAt").GetDateTimeOffset()).ThenBy(p => p.GetProperty("id").GetString(), StringComparer.Ordinal)
            .ToList();
        problems = problems.Take((int)Math.Round(problems.Count * _settings.ProblemShare)).ToList();
        await ImportAsync("/api/v1/problems/import", problems.Select(p => p.GetRawText()));
        var ids = problems.Select(p => p.GetProperty("id").GetString()!).ToList();
        var heldOut = Math.Max(5, (int)Math.Round(ids.Count * _settings.HeldOutShare));
        var year = ids.Take(ids.Count - heldOut).ToList();
        _later = ids.Skip(ids.Count - heldOut).ToList();

        // The year: problems posted at even intervals, events answered as they fall due.
        var spacing = TimeSpan.FromDays(365) / year.Count;
        for (var i = 0; i < year.Count; i++)
        {
            var at = Simulation.YearStart + spacing * i;
            await AnswerDueAsync(at);
            _clock.MoveTo(at);
            await ProposeAsync(year[i]);
            if ((i + 1) % 50 == 0) _settings.Log($"  {i + 1} of {year.Count} problems, {_matches} matches, {_events} events");
        }
        await AnswerDueAsync(DateTimeOffset.MaxValue);
        _clock.MoveTo(Simulation.YearStart.AddDays(400));

        // The problems posted after the year as the base ranker orders them, before any model is trained.
        foreach (var id in _later) _baseRankings[id] = (await RankAsync(id, 50)).Items;
        _year = year.Count;
    }

    private int _year;

    /// <summary>
    /// Ranks the problems posted after the year with the promoted model (if <paramref name="model"/> was promoted)
    /// and grades both rankings by the hidden preference.
    /// </summary>
    public async Task<SimulationResult> JudgeAsync(JsonElement model)
    {
        var later = _later;
        var baseRankings = _baseRankings;
        var served = "base";
        var learnedRankings = baseRankings.ToDictionary(p => p.Key, p => p.Value.Take(10).ToList(), StringComparer.Ordinal);
        if (model.GetProperty("status").GetString() == "promoted")
        {
            served = model.GetProperty("version").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
            await WaitForAsync(async () => (await RankAsync(later[0], 10)).Model == served, "the promoted model to serve");
            foreach (var id in later) learnedRankings[id] = (await RankAsync(id, 10)).Items;
        }

        // Graded by the hidden preference: every candidate either ranker showed.
        var judgements = new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal);
        foreach (var id in later)
        {
            var top = baseRankings[id].Select(c => c.Score).DefaultIfEmpty(0).Max();
            judgements[id] = baseRankings[id].Concat(learnedRankings[id]).DistinctBy(c => c.ExpertId)
                .ToDictionary(c => c.ExpertId, c => Grade(Quality(c, top)), StringComparer.Ordinal);
        }
        double Ndcg(Dictionary<string, List<Simulation.Candidate>> rankings) => Metrics.Compute(judgements,
            rankings.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value.Take(10).Select(c => c.ExpertId).ToList())).Ndcg10;
        return new SimulationResult(_settings.Preference, _year, later.Count, _matches, _events, model, served,
            Ndcg(baseRankings), Ndcg(learnedRankings));
    }

    private static Simulation.ExpertFacts Facts(JsonElement expert) => new(
        expert.TryGetProperty("kind", out var kind) ? kind.GetString()! : "societyExpert",
        expert.TryGetProperty("works", out var works) ? works.EnumerateArray().Count(w => w.TryGetProperty("kind", out var k) && k.GetString() == "patent") : 0);

    /// <summary>
    /// How much the enterprise and the expert would make of this match, in [0, 1]: the topical fit (the square root
    /// of the affinity against the best of the problem's ranking: any expert of the specialty can help, the best
    /// a little more) weighed by the hidden preference.
    /// </summary>
    private double Quality(Simulation.Candidate candidate, double top)
    {
        var fit = top > 0 ? Math.Sqrt(Math.Clamp(candidate.Score / top, 0, 1)) : 0;
        var facts = _experts.GetValueOrDefault(candidate.ExpertId) ?? new Simulation.ExpertFacts("societyExpert", 0);
        return _settings.Preference switch
        {
            // Own province (the ranker's region feature: 0.5 same province, 1 same city) and patents.
            HiddenPreference.ProvinceAndPatents => fit * (candidate.RegionMatch >= 0.5 ? 1 : 0.3) * (facts.Patents > 0 ? 1 : 0.4),
            // Academicians decline nine first contacts in ten; other experts accept problems outside their own
            // industry (the ranker's industry feature) less than a third as often.
            _ => fit * (facts.Kind == "academician" ? 0.1 : 1) * (candidate.IndustryMatch > 0 ? 1 : 0.3),
        };
    }

    private static double AcceptChance(double quality) => 0.1 + 0.85 * quality;

    private static double SolveChance(double quality) => 0.2 + 0.7 * quality;

    /// <summary>The hidden preference's grade of a candidate: its quality on the scale of outcome grades (0–4), rounded.</summary>
    private static int Grade(double quality) => (int)Math.Round(4 * quality);

    private async Task ProposeAsync(string problemId)
    {
        var ranking = (await RankAsync(problemId, 20)).Items;
        if (ranking.Count == 0) return;
        var top = ranking[0].Score;
        var chosen = ranking.Take(_settings.TopProposals).ToList();
        var rest = ranking.Skip(_settings.TopProposals).OrderBy(_ => _random.Next()).Take(_settings.Proposals - _settings.TopProposals);
        foreach (var candidate in chosen.Concat(rest))
        {
            var response = await _client.PostAsJsonAsync("/api/v1/matches", new { problemId, expertId = candidate.ExpertId });
            var match = await ReadAsync(response);
            _matches++;
            var contacted = _clock.GetUtcNow() + Days(1, 4);
            _pending.Enqueue(new Simulation.Pending(match.GetProperty("id").GetString()!, "contacted", contacted, Quality(candidate, top)), contacted);
        }
    }

    /// <summary>Records every event due by <paramref name="until"/> in time order, each at its own time, and schedules what follows it.</summary>
    private async Task AnswerDueAsync(DateTimeOffset until)
    {
        while (_pending.TryPeek(out var next, out var at) && at <= until)
        {
            _pending.Dequeue();
            _clock.MoveTo(next.At);
            using var response = await _client.PostAsJsonAsync($"/api/v1/matches/{next.MatchId}/events", new { status = next.Status, occurredAt = next.At });
            await ReadAsync(response);
            _events++;
            var following = next.Status switch
            {
                "contacted" => (_random.NextDouble() < AcceptChance(next.Quality) ? "accepted" : "declined", Days(2, 7)),
                "accepted" => (_random.NextDouble() < 0.9 ? "visited" : "withdrawn", Days(5, 20)),
                "visited" => (_random.NextDouble() < SolveChance(next.Quality) ? "solved" : "unsolved", Days(10, 40)),
                _ => ((string?)null, TimeSpan.Zero),
            };
            if (following.Item1 is { } status)
                _pending.Enqueue(next with { Status = status, At = next.At + following.Item2 }, next.At + following.Item2);
        }
    }

    private TimeSpan Days(int min, int max) => TimeSpan.FromDays(min + _random.NextDouble() * (max - min));

    /// <summary>Trains a model through the API and waits for the training to end; the model as <c>GET /api/v1/models/{version}</c> answers it.</summary>
    public async Task<JsonElement> TrainAsync(bool promote = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/models/train") { Content = JsonContent.Create(new { promote }) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await _client.SendAsync(request);
        await ReadAsync(response);
        var location = response.Headers.Location!.ToString();
        JsonElement model = default;
        await WaitForAsync(async () => (model = await GetAsync(location)).GetProperty("status").GetString() != "training", "the training");
        return model;
    }

    private async Task<(List<Simulation.Candidate> Items, string Model)> RankAsync(string problemId, int top)
    {
        var answer = await GetAsync($"/api/v1/problems/{problemId}/recommendations?top={top}&explain=full");
        var items = answer.GetProperty("items").EnumerateArray().Select(i => new Simulation.Candidate(
            i.GetProperty("expertId").GetString()!, i.GetProperty("score").GetDouble(),
            i.GetProperty("reasons").GetProperty("features").GetProperty("regionMatch").GetDouble(),
            i.GetProperty("reasons").GetProperty("features").GetProperty("industryMatch").GetDouble())).ToList();
        return (items, answer.GetProperty("modelVersion").GetString()!);
    }

    private async Task ImportAsync(string path, IEnumerable<string> lines)
    {
        using var content = new StringContent(string.Join('\n', lines), Encoding.UTF8, "application/x-ndjson");
        using var response = await _client.PostAsync(path, content);
        var report = await ReadAsync(response);
        if (report.TryGetProperty("failed", out var failed) && failed.GetInt32() > 0) throw new InvalidOperationException($"{path}: {report}");
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        return await ReadAsync(response);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task WaitForAsync(Func<Task<bool>> done, string what)
    {
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromMinutes(10); waited += TimeSpan.FromMilliseconds(100))
        {
            if (await done()) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"waited 10 minutes for {what}");
    }
}

internal static class HealthRead
{
    /// <summary>The body of a GET whatever its status (<c>/health</c> answers 503 while starting).</summary>
    public static async Task<string> GetStringAsyncOrProblem(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await response.Content.ReadAsStringAsync();
    }
}
