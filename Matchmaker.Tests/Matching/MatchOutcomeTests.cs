using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Matchmaker.Core.Matching;
using Matchmaker.Tests.Api;

namespace Matchmaker.Tests.Matching;

public class MatchOutcomeTests : FreshApiTest
{
    [SetUp]
    public async Task Seed()
    {
        await Client.PostLinesAsync("/api/v1/experts/import",
            """{"id":"E-1","name":"陈立新","fields":["纺织涂层"],"works":[{"kind":"paper","title":"聚氨酯遮光涂层织物的低温柔韧性研究","year":2022}]}""",
            """{"id":"E-2","name":"周宁","fields":["注塑模具"]}""");
        await Client.PostLinesAsync("/api/v1/enterprises/import", """{"id":"C-1","name":"杭州某家纺有限公司"}""");
        await Client.PostLinesAsync("/api/v1/problems/import", """{"id":"P-1","enterpriseId":"C-1","title":"遮光窗帘涂层低温开裂"}""");
    }

    [Test]
    public async Task Creates_a_match_once_per_expert_and_problem_with_its_score()
    {
        var first = await Client.PostJsonTextAsync("/api/v1/matches", """{"problemId":"P-1","expertId":"E-1"}""");
        var again = await Client.PostJsonTextAsync("/api/v1/matches", """{"problemId":"P-1","expertId":"E-1"}""");

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var match = await first.ReadAsync<Match>();
        Assert.That((await again.ReadAsync<Match>()).Id, Is.EqualTo(match.Id));
        Assert.That(match.Status, Is.EqualTo(MatchStatus.Proposed));
        Assert.That(match.Score, Is.GreaterThan(0).And.LessThanOrEqualTo(1));
        Assert.That(first.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/matches/{match.Id}"));
    }

    [Test]
    public async Task Keeps_the_score_the_expert_has_in_the_problems_recommendations()
    {
        var recommended = await (await Client.GetAsync("/api/v1/problems/P-1/recommendations?top=10")).ReadAsync<Matchmaker.Core.Ranking.Recommendation>();

        var match = await (await Client.PostJsonTextAsync("/api/v1/matches", """{"problemId":"P-1","expertId":"E-1"}""")).ReadAsync<Match>();

        Assert.That(match.Score, Is.EqualTo(recommended.Items.Single(i => i.ExpertId == "E-1").Score).Within(1e-6));
    }

    [Test]
    public async Task Keeps_the_features_the_ranker_saw_when_the_match_was_proposed()
    {
        // What outcomes are learned against: the pair as the ranker saw it then, not as today's texts would make it.
        var recommended = await (await Client.GetAsync("/api/v1/problems/P-1/recommendations?top=10")).ReadAsync<Matchmaker.Core.Ranking.Recommendation>();
        var match = await (await Client.PostJsonTextAsync("/api/v1/matches", """{"problemId":"P-1","expertId":"E-1"}""")).ReadAsync<Match>();
        (await Client.PutAsJsonAsync("/api/v1/experts/E-1", new { id = "E-1", name = "陈立新", fields = new[] { "注塑模具" } })).EnsureSuccessStatusCode();

        var kept = (await Factory.Services.GetRequiredService<MatchStore>().ForLearningAsync()).Single(m => m.Match.Id == match.Id).Features;

        Assert.That(kept, Is.EqualTo(recommended.Items.Single(i => i.ExpertId == "E-1").Reasons!.Features));
        Assert.That(kept!.TextWhole, Is.GreaterThan(0));
    }

    [Test]
    public async Task Records_each_step_of_the_lifecycle_with_its_figures_and_who_recorded_it()
    {
        var match = await (await Client.PostJsonTextAsync("/api/v1/matches", """{"problemId":"P-1","expertId":"E-1"}""")).ReadAsync<Match>();

        foreach (var step in new[] { "contacted", "accepted", "visited" })
            (await Client.PostJsonTextAsync($"/api/v1/matches/{match.Id}/events", $$"""{"status":"{{step}}","occurredAt":"2026-04-10T14:00:00+08:00"}""")).EnsureSuccessStatusCode();
        var solved = await Client.PostJsonTextAsync($"/api/v1/matches/{match.Id}/events",
            """{"status":"solved","occurredAt":"2026-06-20T10:00:00+08:00","profitAddedYuan":1250000.5,"patents":2,"standards":1,"rating":5,"note":"涂层通过-20℃耐寒测试"}""");

        Assert.That(solved.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var stored = await (await Client.GetAsync($"/api/v1/matches/{match.Id}")).ReadAsync<Match>();
        Assert.That(stored.Status, Is.EqualTo(MatchStatus.Solved));
        Assert.That(stored.Events.Select(e => e.Status),
            Is.EqualTo(new[] { MatchStatus.Contacted, MatchStatus.Accepted, MatchStatus.Visited, MatchStatus.Solved }), "in the order recorded");
        var outcome = stored.Events[^1];
        Assert.That((outcome.ProfitAddedYuan, outcome.Patents, outcome.Standards, outcome.Rating), Is.EqualTo((1250000.5m, 2, 1, 5)));
        Assert.That(outcome.Note, Is.EqualTo("涂层通过-20℃耐寒测试"));
        Assert.That(outcome.OccurredAt, Is.EqualTo(DateTimeOffset.Parse("2026-06-20T02:00:00Z")));
        Assert.That(stored.Events.Select(e => e.RecordedBy), Is.All.EqualTo("bootstrap"), "the id of the key that recorded each event");
    }

    // Each case: a step the lifecycle forbids from where the match is, and what the answer must offer instead.
    [TestCase(new[] { "contacted" }, "solved", "contacted", new[] { "accepted", "declined", "withdrawn" }, TestName = "Refuses_solved_straight_after_contacted")]
    [TestCase(new string[0], "visited", "proposed", new[] { "contacted", "withdrawn" }, TestName = "Refuses_a_visit_before_any_contact")]
    [TestCase(new[] { "contacted", "declined" }, "accepted", "declined", new string[0], TestName = "Refuses_any_step_after_a_final_status")]
    [TestCase(new[] { "withdrawn" }, "contacted", "withdrawn", new string[0], TestName = "Refuses_any_step_after_a_withdrawal")]
    public async Task Refuses_a_forbidden_step_with_409_naming_the_current_status_and_the_allowed_ones(
        string[] before, string step, string current, string[] allowed)
    {
        var match = await (await Client.PostJsonTextAsync("/api/v1/matches", """{"problemId":"P-1","expertId":"E-2"}""")).ReadAsync<Match>();
        foreach (var earlier in before)
            (await Client.PostJsonTextAsync($"/api/v1/matches/{match.Id}/events", $$"""{"status":"{{earlier}}","occurredAt":"2026-04-01T09:00:00Z"}""")).EnsureSuccessStatusCode();

        var response = await Client.PostJsonTextAsync($"/api/v1/matches/{match.Id}/events", $$"""{"status":"{{step}}","occurredAt":"2026-05-01T09:00:00Z"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await response.JsonAsync();
        Assert.That(problem.GetProperty("currentStatus").GetString(), Is.EqualTo(current));
        Assert.That(problem.GetProperty("allowed").EnumerateArray().Select(a => a.GetString()), Is.EqualTo(allowed));
        var stored = await (await Client.GetAsync($"/api/v1/matches/{match.Id}")).ReadAsync<Match>();
        Assert.That(stored.Events, Has.Count.EqualTo(before.Length), "nothing was recorded");
    }

    [Test]
    public async Task Refuses_an_event_dated_before_the_previous_one()
    {
        // A back-dated event would rewrite the history the outcomes are learned from.
        var match = await (await Client.PostJsonTextAsync("/api/v1/matches", """{"problemId":"P-1","expertId":"E-2"}""")).ReadAsync<Match>();
        (await Client.PostJsonTextAsync($"/api/v1/matches/{match.Id}/events", """{"status":"contacted","occurredAt":"2026-04-10T09:00:00Z"}""")).EnsureSuccessStatusCode();

        var earlier = await Client.PostJsonTextAsync($"/api/v1/matches/{match.Id}/events", """{"status":"accepted","occurredAt":"2026-04-09T09:00:00Z"}""");

        Assert.That(earlier.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await earlier.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name), Does.Contain("occurredAt"));
        Assert.That((await (await Client.GetAsync($"/api/v1/matches/{match.Id}")).ReadAsync<Match>()).Status, Is.EqualTo(MatchStatus.Contacted));
    }

    [Test]
    public async Task Finished_matches_become_training_rows_graded_by_their_outcome()
    {
        async Task Drive(string expert, params string[] steps)
        {
            var match = await (await Client.PostJsonTextAsync("/api/v1/matches", $$"""{"problemId":"P-1","expertId":"{{expert}}"}""")).ReadAsync<Match>();
            foreach (var step in steps)
                (await Client.PostJsonTextAsync($"/api/v1/matches/{match.Id}/events", $$"""{"status":"{{step}}","occurredAt":"2026-05-01T09:00:00Z"}""")).EnsureSuccessStatusCode();
        }
        await Drive("E-1", "contacted", "accepted", "visited", "solved");
        await Drive("E-2", "contacted", "declined");
        await Client.PostLinesAsync("/api/v1/problems/import", """{"id":"P-2","title":"注塑件翘曲"}""");
        var open = await (await Client.PostJsonTextAsync("/api/v1/matches", """{"problemId":"P-2","expertId":"E-1"}""")).ReadAsync<Match>();

        var stored = await Factory.Services.GetRequiredService<MatchStore>().ForLearningAsync();
        var rows = Matchmaker.Core.Learning.TrainingSet.Rows(stored);

        Assert.That(stored, Has.Count.EqualTo(3));
        Assert.That(rows.Select(r => (r.Group, r.Label)), Is.EquivalentTo(new[] { ("default/P-1", 4f), ("default/P-1", 0f) }), "the open match teaches nothing yet");
        Assert.That(rows.Select(r => r.Features.Length), Is.All.EqualTo(Matchmaker.Core.Learning.TrainingSet.FeatureNames.Count));
        Assert.That(stored.Single(m => m.Match.Id == open.Id).Features, Is.Not.Null);
    }

    [Test]
    public async Task Lists_the_matches_of_an_expert()
    {
        await Client.PostJsonTextAsync("/api/v1/matches", """{"problemId":"P-1","expertId":"E-1"}""");

        var matches = await (await Client.GetAsync("/api/v1/experts/E-1/matches")).ReadAsync<Matchmaker.Api.Hosting.PageOf<Match>>();
        var unknown = await Client.GetAsync("/api/v1/experts/E-404/matches");

        Assert.That(matches.Items.Select(m => (m.ProblemId, m.ExpertId)), Does.Contain(("P-1", "E-1")));
        Assert.That(matches.Items.Select(m => m.ExpertId), Is.All.EqualTo("E-1"));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    // Each case: an event a client might send that must be refused without touching the match.
    [TestCase("""{"status":"solved","occurredAt":"2026-03-01T09:00:00Z","rating":6}""", "rating", TestName = "Refuses_a_rating_above_5")]
    [TestCase("""{"status":"solved","occurredAt":"2026-03-01T09:00:00Z","patents":-1}""", "patents", TestName = "Refuses_negative_patents")]
    [TestCase("""{"status":"proposed","occurredAt":"2026-03-01T09:00:00Z"}""", "status", TestName = "Refuses_proposed_as_an_event")]
    [TestCase("""{"status":"won","occurredAt":"2026-03-01T09:00:00Z"}""", "status", TestName = "Refuses_an_unknown_status")]
    [TestCase("""{"status":"solved"}""", "occurredAt", TestName = "Refuses_an_event_without_a_time")]
    [TestCase("""{"status":"solved","occurredAt":"2999-01-01T00:00:00Z"}""", "occurredAt", TestName = "Refuses_an_event_in_the_future")]
    [TestCase("""{"status":"solved","occurredAt":"yesterday"}""", "occurredAt", TestName = "Refuses_a_time_that_is_not_iso_8601")]
    public async Task Refuses_bad_events_and_keeps_the_match_as_it_was(string body, string field)
    {
        var match = await (await Client.PostJsonTextAsync("/api/v1/matches", """{"problemId":"P-1","expertId":"E-2"}""")).ReadAsync<Match>();

        var response = await Client.PostJsonTextAsync($"/api/v1/matches/{match.Id}/events", body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await response.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name), Does.Contain(field));
        var stored = await (await Client.GetAsync($"/api/v1/matches/{match.Id}")).ReadAsync<Match>();
        Assert.That((stored.Status, stored.Events.Count), Is.EqualTo((MatchStatus.Proposed, 0)));
    }

    [Test]
    public async Task Answers_404_for_events_of_an_unknown_match()
    {
        var response = await Client.PostJsonTextAsync("/api/v1/matches/M-404/events", """{"status":"contacted","occurredAt":"2026-03-01T09:00:00Z"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Lists_the_matches_of_a_problem()
    {
        await Client.PostJsonTextAsync("/api/v1/matches", """{"problemId":"P-1","expertId":"E-1"}""");
        await Client.PostJsonTextAsync("/api/v1/matches", """{"problemId":"P-1","expertId":"E-2"}""");

        var matches = await (await Client.GetAsync("/api/v1/matches?problemId=P-1")).ReadAsync<Matchmaker.Api.Hosting.PageOf<Match>>();

        Assert.That(matches.Items.Select(m => m.ExpertId), Is.EquivalentTo(new[] { "E-1", "E-2" }));
    }
}
