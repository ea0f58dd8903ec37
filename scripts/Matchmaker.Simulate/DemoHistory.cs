using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Matchmaker.Core.Campaigns;
using Matchmaker.Core.Enterprises;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Imports;
using Matchmaker.Core.Matching;
using Matchmaker.Core.Problems;
using Matchmaker.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaker.Simulate;

/// <summary>
/// The demo data's year of match history (<c>data/matches.jsonl</c>), made through the API hosted in this process
/// with a clock that walks through the year, 1 December 2025 to 30 November 2026 (China time), as staff would have
/// recorded it: a problem is taken up some days after it is posted (older ones during the year, many in the spring
/// campaign); staff propose one or two experts from its ranking at that moment (mostly near the top, fewer
/// academicians and overseas talents, none whose capacity this quarter is taken; the API refuses conflicts of
/// interest); each expert is contacted, accepts or declines, visits and solves the problem or not, with the chances
/// <see cref="DemoHistoryModel"/> gives; a problem whose experts all declined is taken up again with others. What the
/// API stored (each pair's score and features at its proposal, the events and their figures) is written out, and each
/// problem's status in <c>data/problems.jsonl</c> is set to follow its matches. The same data gives the same bytes.
/// </summary>
public sealed class DemoHistory : IAsyncDisposable
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    public static readonly DateTimeOffset YearStart = new(2025, 12, 1, 0, 0, 0, China);
    public static readonly DateTimeOffset YearEnd = new(2026, 12, 1, 0, 0, 0, China);
    private const int MaxRounds = 3;

    private readonly string _data;
    private readonly string _folder;
    private readonly Simulation.SimulatedClock _clock = new(YearStart);
    private readonly Simulation.Host _host;
    private readonly HttpClient _client;
    private readonly DemoHistoryModel _model;
    private readonly Dictionary<string, Expert> _experts;
    private readonly Dictionary<string, Enterprise> _enterprises;
    private readonly List<Problem> _problems;
    private readonly PriorityQueue<Step, (DateTimeOffset, long)> _steps = new();
    private readonly Dictionary<string, List<Proposal>> _byProblem = new(StringComparer.Ordinal);
    private readonly List<Proposal> _proposals = [];
    private long _sequence;

    private DemoHistory(string data, int seed)
    {
        _data = data;
        _folder = Path.Combine(Path.GetTempPath(), "matchmaker-history-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _host = new Simulation.Host(Path.Combine(_folder, "history.db"), _clock, data);
        _client = _host.CreateClient();
        _client.DefaultRequestHeaders.Add("X-Api-Key", Simulation.Key);
        _experts = Read<Expert>("experts.jsonl").ToDictionary(e => e.Id, StringComparer.Ordinal);
        _enterprises = Read<Enterprise>("enterprises.jsonl").ToDictionary(e => e.Id, StringComparer.Ordinal);
        _problems = Read<Problem>("problems.jsonl");
        _model = new DemoHistoryModel(new Random(seed));
    }

    /// <summary>Makes the year over the data in <paramref name="data"/> and writes <c>matches.jsonl</c> and the problems' statuses there.</summary>
    public static async Task<DemoHistorySummary> WriteAsync(string data, int seed, Action<string> log)
    {
        await using var history = new DemoHistory(data, seed);
        await history.WaitForIndexAsync();
        await history.LiveYearAsync(log);
        return await history.WriteFilesAsync();
    }

    private abstract record Step(DateTimeOffset At);

    private sealed record TakeUp(DateTimeOffset At, Problem Problem, int Round) : Step(At);

    private sealed record Next(DateTimeOffset At, Proposal Proposal, MatchStatus Status, int Version) : Step(At);

    /// <summary>A match as the year sees it: where it is, and the version of its next step (a step planned before a later change is dropped).</summary>
    private sealed class Proposal(string id, Problem problem, Expert expert, Candidate candidate, int round, DateTimeOffset createdAt)
    {
        public string Id { get; } = id;
        public Problem Problem { get; } = problem;
        public Expert Expert { get; } = expert;
        public Candidate Candidate { get; } = candidate;
        public int Round { get; } = round;
        public DateTimeOffset CreatedAt { get; } = createdAt;
        public MatchStatus Status { get; set; } = MatchStatus.Proposed;
        public DateTimeOffset Last { get; set; } = createdAt;
        public int Version { get; set; }
    }

    /// <summary>A ranked expert: the affinity, its share of the best one's, and the region feature.</summary>
    internal sealed record Candidate(string ExpertId, int Rank, double Score, double Relative, double RegionMatch);

    private async Task LiveYearAsync(Action<string> log)
    {
        foreach (var problem in _problems)
            if (_model.FirstTakeUp(problem, YearStart, YearEnd) is { } at) Plan(new TakeUp(at, problem, 1));
        var done = 0;
        while (_steps.TryDequeue(out var step, out _))
        {
            if (step.At >= YearEnd) break;
            _clock.MoveTo(step.At);
            switch (step)
            {
                case TakeUp t:
                    await TakeUpAsync(t.Problem, t.Round, t.At);
                    break;
                case Next n when n.Version == n.Proposal.Version:
                    await RecordAsync(n.Proposal, n.Status, n.At);
                    break;
            }
            if (++done % 200 == 0) log($"  {step.At:yyyy-MM-dd}: {_proposals.Count} matches");
        }
    }

    /// <summary>Staff take a problem up: one or two experts from its ranking now, near the top, fit enough, with room this quarter.</summary>
    private async Task TakeUpAsync(Problem problem, int round, DateTimeOffset at)
    {
        var proposed = _byProblem.GetValueOrDefault(problem.Id)?.Select(p => p.Expert.Id).ToHashSet(StringComparer.Ordinal) ?? [];
        var ranking = await RankAsync(problem.Id);
        var open = ranking.Where(c => c.Relative >= DemoHistoryModel.LeastFit && !proposed.Contains(c.ExpertId) && Room(_experts[c.ExpertId], at) > 0)
            .ToList();
        var enterprise = problem.EnterpriseId is { } e ? _enterprises[e] : null;
        var count = _model.ExpertsPerTakeUp(round);
        for (var i = 0; i < count && open.Count > 0; i++)
        {
            var candidate = _model.Choose(open, c => _experts[c.ExpertId], problem, enterprise);
            open.Remove(candidate);
            var createdAt = at.AddMinutes(5 * i);
            _clock.MoveTo(createdAt);
            using var response = await _client.PostAsJsonAsync("/api/v1/matches", new { problemId = problem.Id, expertId = candidate.ExpertId });
            if (response.StatusCode == System.Net.HttpStatusCode.Conflict) continue; // a conflict of interest: the API says no
            var match = await ReadAsync(response);
            var proposal = new Proposal(match.GetProperty("id").GetString()!, problem, _experts[candidate.ExpertId], candidate, round, createdAt);
            _proposals.Add(proposal);
            (_byProblem.TryGetValue(problem.Id, out var list) ? list : _byProblem[problem.Id] = []).Add(proposal);
            var (status, days) = _model.AfterProposal();
            Plan(proposal, status, days);
        }
    }

    /// <summary>Records the step through the API and plans what follows it.</summary>
    private async Task RecordAsync(Proposal proposal, MatchStatus status, DateTimeOffset at)
    {
        var siblings = _byProblem[proposal.Problem.Id];
        var load = Load(proposal.Expert, at);
        // What follows is drawn first: an acceptance names the day of the visit.
        var following = _model.Following(status, proposal.Expert, proposal.Candidate, load, at);
        var visit = status == MatchStatus.Accepted && following is { Status: MatchStatus.Visited, At: var day } ? day : (DateTimeOffset?)null;
        var othersAccepted = siblings.Any(o => o != proposal
            && o.Status is MatchStatus.Accepted or MatchStatus.Visited or MatchStatus.Solved or MatchStatus.Unsolved);
        var enterprise = proposal.Problem.EnterpriseId is { } e ? _enterprises[e] : null;
        var input = _model.Figures(status, proposal.Problem, proposal.Expert, enterprise, proposal.Status, visit, othersAccepted, load, at);
        using var response = await _client.PostAsJsonAsync($"/api/v1/matches/{proposal.Id}/events", input, Json);
        await ReadAsync(response);
        proposal.Status = status;
        proposal.Last = at;
        proposal.Version++;
        if (following is { } f) Plan(new Next(f.At, proposal, f.Status, proposal.Version));

        if (status == MatchStatus.Accepted)
        {
            // The enterprise has its expert: most of the others still waiting are withdrawn.
            foreach (var other in siblings.Where(o => o != proposal && o.Status is MatchStatus.Proposed or MatchStatus.Contacted))
                if (_model.WithdrawOthers()) Plan(other, MatchStatus.Withdrawn, (0.5, 4));
        }
        else if (MatchLifecycle.IsFinal(status) && siblings.All(o => MatchLifecycle.IsFinal(o.Status) && o.Status != MatchStatus.Solved)
                 && proposal.Round < MaxRounds && _model.TakeUpAgain(status))
        {
            // Every expert of the problem is done and none solved it: staff take it up again with others.
            Plan(new TakeUp(_model.Later(at, 7, 30), proposal.Problem, proposal.Round + 1));
        }
    }

    private void Plan(Proposal proposal, MatchStatus status, (double Min, double Max) days)
    {
        proposal.Version++;
        Plan(new Next(_model.Later(proposal.Last, days.Min, days.Max), proposal, status, proposal.Version));
    }

    private void Plan(Step step) => _steps.Enqueue(step, (step.At, _sequence++));

    /// <summary>The expert's load at <paramref name="at"/> as a campaign reads it: open matches and this quarter's that came to a visit.</summary>
    private int Load(Expert expert, DateTimeOffset at)
    {
        var quarter = ExpertLoadStore.QuarterStart(at);
        return _proposals.Count(p => p.Expert.Id == expert.Id
            && (!MatchLifecycle.IsFinal(p.Status) || (p.Status is MatchStatus.Solved or MatchStatus.Unsolved && p.CreatedAt >= quarter)));
    }

    private int Room(Expert expert, DateTimeOffset at) => Math.Max(0, expert.Capacity - Load(expert, at));

    private async Task<List<Candidate>> RankAsync(string problemId)
    {
        var answer = await ReadAsync(await _client.GetAsync($"/api/v1/problems/{problemId}/recommendations?top=20&explain=full"));
        var items = answer.GetProperty("items").EnumerateArray().ToList();
        var top = items.Count == 0 ? 1 : Math.Max(items[0].GetProperty("score").GetDouble(), 1e-9);
        return items.Select((i, rank) => new Candidate(i.GetProperty("expertId").GetString()!, rank, i.GetProperty("score").GetDouble(),
            i.GetProperty("score").GetDouble() / top, i.GetProperty("reasons").GetProperty("features").GetProperty("regionMatch").GetDouble())).ToList();
    }

    /// <summary>Writes <c>matches.jsonl</c> from what the API stored, and the problems' statuses; returns the year's figures.</summary>
    private async Task<DemoHistorySummary> WriteFilesAsync()
    {
        var store = _host.Services.GetRequiredService<MatchStore>();
        var lines = new List<HistoricMatch>();
        foreach (var learning in await store.ForLearningAsync())
        {
            var match = (await store.FindAsync(Tenants.Default, learning.Match.Id))!;
            lines.Add(new HistoricMatch
            {
                ProblemId = match.ProblemId, ExpertId = match.ExpertId, Score = match.Score, Features = learning.Features,
                CreatedAt = match.CreatedAt.ToOffset(China),
                Events = match.Events.Select(e => new NewMatchEvent
                {
                    Status = e.Status, OccurredAt = e.OccurredAt.ToOffset(China), ProfitAddedYuan = e.ProfitAddedYuan, Patents = e.Patents,
                    Standards = e.Standards, Awards = e.Awards, Projects = e.Projects, Rating = e.Rating, Note = e.Note,
                }).ToList(),
            });
        }
        lines = lines.OrderBy(l => l.CreatedAt).ThenBy(l => l.ProblemId, StringComparer.Ordinal).ThenBy(l => l.ExpertId, StringComparer.Ordinal).ToList();
        await File.WriteAllLinesAsync(Path.Combine(_data, "matches.jsonl"), lines.Select(l => JsonSerializer.Serialize(l, Json)), new UTF8Encoding(false));

        var statuses = _problems.ToDictionary(p => p.Id, p => _model.ProblemStatus(p, _byProblem.GetValueOrDefault(p.Id)?.Select(m => (m.Status, m.Last)).ToList() ?? [], YearStart, YearEnd),
            StringComparer.Ordinal);
        var problemsFile = Path.Combine(_data, "problems.jsonl");
        var rewritten = File.ReadAllLines(problemsFile).Select(line => WithStatus(line, statuses)).ToList();
        await File.WriteAllLinesAsync(problemsFile, rewritten, new UTF8Encoding(false));
        return DemoHistorySummary.Of(lines, statuses, _experts, _problems.ToDictionary(p => p.Id, StringComparer.Ordinal), YearEnd);
    }

    // Only the status changes: the rest of the line keeps the bytes generate.py wrote.
    private static string WithStatus(string line, Dictionary<string, ProblemStatus> statuses)
    {
        if (line.Trim().Length == 0) return line;
        var problem = JsonSerializer.Deserialize<Problem>(line, MatchmakerJson.Options)!;
        var from = $"\"status\":\"{DemoHistorySummary.Name(problem.Status)}\",";
        var at = line.IndexOf(from, StringComparison.Ordinal);
        if (at < 0 || line.IndexOf(from, at + 1, StringComparison.Ordinal) >= 0) throw new InvalidDataException($"{problem.Id}: no single status field");
        return string.Concat(line.AsSpan(0, at), $"\"status\":\"{DemoHistorySummary.Name(statuses[problem.Id])}\",", line.AsSpan(at + from.Length));
    }

    /// <summary>The history's JSON: the API's contract, without the fields that are not there.</summary>
    internal static readonly JsonSerializerOptions Json = new(MatchmakerJson.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private List<T> Read<T>(string file) => File.ReadLines(Path.Combine(_data, file)).Where(l => l.Trim().Length > 0)
        .Select(l => JsonSerializer.Deserialize<T>(l, MatchmakerJson.Options)!).ToList();

    private async Task WaitForIndexAsync()
    {
        for (var i = 0; i < 6000; i++)
        {
            if ((await _client.GetStringAsyncOrProblem("/health")).Contains("\"rankingSettled\":true", StringComparison.Ordinal)) return;
            await Task.Delay(100);
        }
        throw new TimeoutException("the ranking index was not ready within 10 minutes");
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
