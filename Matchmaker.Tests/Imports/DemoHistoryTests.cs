using System.Net.Http.Json;
using System.Text.Json;
using Matchmaker.Api.Hosting;
using Matchmaker.Core.Campaigns;
using Matchmaker.Core.Conflicts;
using Matchmaker.Core.Enterprises;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Imports;
using Matchmaker.Core.Learning;
using Matchmaker.Core.Matching;
using Matchmaker.Core.Problems;
using Matchmaker.Core.Storage;
using Matchmaker.Tests.Api;

namespace Matchmaker.Tests.Imports;

/// <summary>
/// The year of match history that comes with the demo data (<c>data/matches.jsonl</c>), as a new user's database
/// holds it after the first start: what reports, campaigns and the learned ranker read from it.
/// </summary>
public class DemoHistoryTests
{
    private static readonly DateTimeOffset YearStart = new(2025, 12, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset YearEnd = new(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(8));

    private static MatchmakerFactory _factory = null!;
    private static HttpClient _client = null!;
    private static List<HistoricMatch> _file = null!;
    private static List<LearningMatch> _stored = null!;
    private static Dictionary<string, Problem> _problems = null!;
    private static Dictionary<string, Expert> _experts = null!;
    private static Dictionary<string, Enterprise> _enterprises = null!;

    [OneTimeSetUp]
    public static async Task Start()
    {
        _factory = new MatchmakerFactory(seedDemoData: true);
        _client = await _factory.StartAsync();
        _file = File.ReadLines(Path.Combine(Paths.RepositoryRoot, "data", "matches.jsonl")).Where(l => l.Trim().Length > 0)
            .Select(l => JsonSerializer.Deserialize<HistoricMatch>(l, MatchmakerJson.Options)!).ToList();
        _stored = await new MatchStore(_factory.Database, TimeProvider.System).ForLearningAsync();
        _problems = (await PageAsync<Problem>("/api/v1/problems")).ToDictionary(p => p.Id);
        _experts = (await PageAsync<Expert>("/api/v1/experts")).ToDictionary(e => e.Id);
        _enterprises = (await PageAsync<Enterprise>("/api/v1/enterprises")).ToDictionary(e => e.Id);
    }

    [OneTimeTearDown]
    public static void Stop() => _factory.Dispose();

    private static async Task<IReadOnlyList<T>> PageAsync<T>(string path) =>
        (await (await _client.GetAsync($"{path}?pageSize=500")).ReadAsync<PageOf<T>>()).Items;

    private static MatchStatus Last(PastMatch match) => match.Events.Count == 0 ? MatchStatus.Proposed : match.Events[^1].Status;

    [Test]
    public async Task Every_match_of_the_file_is_seeded_as_it_happened_with_its_proposal_and_each_event_at_its_own_time()
    {
        var stored = _stored.ToDictionary(m => (m.Match.ProblemId, m.Match.ExpertId));

        Assert.That(_file, Has.Count.GreaterThan(200));
        Assert.That(stored, Has.Count.EqualTo(_file.Count));
        foreach (var line in _file)
        {
            var (match, _, features, _) = stored[(line.ProblemId, line.ExpertId)];
            Assert.That(match.CreatedAt, Is.EqualTo(line.CreatedAt), line.ProblemId);
            Assert.That(features, Is.EqualTo(line.Features).And.Not.Null, "the ranker's features at the proposal, for the learned ranker");
            Assert.That(match.Events.Select(e => (e.Status, e.OccurredAt, e.ProfitAddedYuan, e.Rating, e.Note)),
                Is.EqualTo(line.Events.Select(e => (e.Status, e.OccurredAt, e.ProfitAddedYuan, e.Rating, e.Note))), line.ProblemId);
            Assert.That(match.Events.Select(e => e.RecordedAt), Is.EqualTo(match.Events.Select(e => e.OccurredAt)), "recorded when it happened");
        }
        // As a user reads them: one problem's matches with their scores and current status.
        var sample = _file.GroupBy(l => l.ProblemId).First(g => g.Count() > 1);
        var page = await (await _client.GetAsync($"/api/v1/matches?problemId={sample.Key}")).ReadAsync<PageOf<Match>>();
        Assert.That(page.Items.Select(m => (m.ExpertId, m.Score, m.Status)),
            Is.EquivalentTo(sample.Select(l => (l.ExpertId, l.Score, l.Events.Count == 0 ? MatchStatus.Proposed : l.Events[^1].Status))));
    }

    [Test]
    public void The_history_lies_in_the_year_to_30_November_2026_and_each_match_after_its_problem_was_posted()
    {
        Assert.That(_stored.Select(m => m.Match.CreatedAt), Is.All.InRange(YearStart, YearEnd));
        Assert.That(_stored.SelectMany(m => m.Match.Events).Select(e => e.OccurredAt), Is.All.InRange(YearStart, YearEnd));
        Assert.That(_stored.Where(m => m.Match.CreatedAt < _problems[m.Match.ProblemId].PostedAt).Select(m => m.Match.Id), Is.Empty);
    }

    [Test]
    public void No_expert_is_matched_with_their_own_enterprise_nor_beyond_their_capacity_that_quarter()
    {
        var own = _stored.Where(m => _problems[m.Match.ProblemId].EnterpriseId is { } enterprise
            && OrganizationNames.Key(_experts[m.Match.ExpertId].Organization) is { } key && key == OrganizationNames.Key(_enterprises[enterprise].Name));
        Assert.That(own.Select(m => m.Match.Id), Is.Empty);

        // At each proposal, the expert's load as a campaign reads it: open matches and the quarter's that came to a visit.
        foreach (var (match, _, _, _) in _stored)
        {
            var quarter = ExpertLoadStore.QuarterStart(match.CreatedAt);
            var load = _stored.Select(m => m.Match).Count(o => o.ExpertId == match.ExpertId && o.Id != match.Id && o.CreatedAt <= match.CreatedAt
                && (!MatchLifecycle.IsFinal(o.StatusAt(match.CreatedAt))
                    || (o.StatusAt(match.CreatedAt) is MatchStatus.Solved or MatchStatus.Unsolved && o.CreatedAt >= quarter)));
            Assert.That(load, Is.LessThan(_experts[match.ExpertId].Capacity), $"{match.ProblemId}/{match.ExpertId}");
        }
    }

    [Test]
    public async Task Leaves_nearly_every_expert_room_this_quarter_for_campaigns()
    {
        var loads = await new ExpertLoadStore(_factory.Database, TimeProvider.System).ReadAsync();

        Assert.That(loads.Values.Count(l => ExpertLoadStore.Room(l) == 0), Is.LessThan(loads.Count / 20));
    }

    [Test]
    public void A_problem_is_solved_when_a_match_solved_it_and_matched_while_an_expert_who_accepted_is_at_work()
    {
        var ofProblem = _stored.ToLookup(m => m.Match.ProblemId, m => Last(m.Match));
        foreach (var problem in _problems.Values)
        {
            var statuses = ofProblem[problem.Id].ToList();
            var expected = statuses.Contains(MatchStatus.Solved) ? [ProblemStatus.Solved]
                : statuses.Any(s => s is MatchStatus.Accepted or MatchStatus.Visited) ? [ProblemStatus.Matched]
                : new[] { ProblemStatus.Open, ProblemStatus.Closed };
            Assert.That(expected, Does.Contain(problem.Status), problem.Id);
        }
        Assert.That(_problems.Values.Count(p => p.Status == ProblemStatus.Open), Is.GreaterThan(120), "open problems for campaigns");
    }

    [Test]
    public void The_year_reads_like_an_associations_report_at_the_scale_of_the_demo()
    {
        var events = _stored.SelectMany(m => m.Match.Events.Select(e => (m.Match, Event: e))).ToList();
        var visits = events.Where(x => x.Event.Status == MatchStatus.Visited).Select(x => x.Match).ToList();

        Assert.That(visits, Has.Count.InRange(100, 160), "expert visits");
        Assert.That(visits.Select(m => _problems[m.ProblemId].EnterpriseId).Distinct().Count(), Is.GreaterThan(80), "enterprises served");
        Assert.That(visits.SelectMany(m => _experts[m.ExpertId].Societies).Distinct().Count(), Is.GreaterThan(30), "societies engaged");
        Assert.That(_problems.Values.Count(p => p.Status == ProblemStatus.Solved), Is.InRange(60, 90), "problems solved");
        Assert.That(events.Sum(x => x.Event.ProfitAddedYuan ?? 0), Is.InRange(10_000_000m, 100_000_000m), "added profit, yuan");
        Assert.That(events.Sum(x => x.Event.Patents ?? 0), Is.GreaterThan(5));
        Assert.That(events.Sum(x => x.Event.Standards ?? 0), Is.GreaterThan(0));
        Assert.That(_stored.Count(m => !MatchLifecycle.IsFinal(Last(m.Match))), Is.GreaterThan(0), "some matches still under way");
    }

    [Test]
    public async Task A_learned_model_trains_on_the_demo_history()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/models/train", new { promote = false });
        var location = response.Headers.Location!.ToString();
        JsonElement model = default;
        for (var i = 0; i < 600 && (model = await (await _client.GetAsync(location)).JsonAsync()).GetProperty("status").GetString() == "training"; i++)
            await Task.Delay(100);

        TestContext.Out.WriteLine(model.ToString());
        Assert.That(model.GetProperty("outcomes").GetInt32(), Is.GreaterThanOrEqualTo(ModelTraining.MinOutcomes), "enough finished matches to train");
        Assert.That(model.GetProperty("status").GetString(), Is.AnyOf("candidate", "rejected"));
        Assert.That(model.GetProperty("modelNdcg").ValueKind, Is.EqualTo(JsonValueKind.Number), "a model was trained and judged on the holdout");
    }

    [Test]
    public async Task Without_its_history_the_demo_data_has_no_matches()
    {
        using var factory = new MatchmakerFactory(seedDemoData: true, new Dictionary<string, string> { ["Matchmaker:SeedDemoHistory"] = "false" });
        await factory.StartAsync();

        Assert.That(await new MatchStore(factory.Database, TimeProvider.System).ForLearningAsync(), Is.Empty);
        Assert.That(await new ProblemStore(factory.Database).AllAsync(Tenants.Default), Has.Count.EqualTo(_problems.Count));
    }
}
