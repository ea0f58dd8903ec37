using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matchmaker.Simulate;
using Matchmaker.Tests.Api;

namespace Matchmaker.Tests.Learning;

/// <summary>
/// A small simulation (scripts/Matchmaker.Simulate) over the real API and a real SQLite file: a year of outcomes from
/// a hidden preference, a model trained through the API, and the models' lifecycle around it.
/// </summary>
public class ModelLifecycleTests
{
    private static SimulatedWorld _world = null!;
    private static HttpClient Client => _world.Client;

    [OneTimeSetUp]
    public static async Task Start()
    {
        _world = await SimulatedWorld.StartAsync(new SimulationSettings { Preference = HiddenPreference.ProvinceAndPatents, ProblemShare = 0.6, Seed = 3 });
        await _world.LiveYearAsync();
    }

    [OneTimeTearDown]
    public static async Task Stop() => await _world.DisposeAsync();

    [Test, Order(1)]
    public async Task The_learned_model_is_promoted_serves_and_beats_the_base_ranker_on_later_problems()
    {
        using (var before = await Client.GetAsync("/api/v1/problems/P-DQ-0001/recommendations?top=3"))
            Assert.That((await before.JsonAsync()).GetProperty("modelVersion").GetString(), Is.EqualTo("base"));

        var model = await _world.TrainAsync();
        var result = await _world.JudgeAsync(model);

        TestContext.Out.WriteLine($"{result.Matches} matches, {result.Events} events; held out {result.HeldOut}: base {result.BaseNdcg:F4}, learned {result.LearnedNdcg:F4}");
        Assert.That(model.GetProperty("status").GetString(), Is.EqualTo("promoted"), model.ToString());
        Assert.That(model.GetProperty("modelNdcg").GetDouble(), Is.GreaterThan(model.GetProperty("servingNdcg").GetDouble()));
        Assert.That(model.GetProperty("servingVersion").ValueKind, Is.EqualTo(JsonValueKind.Null), "compared with the base ranker");
        Assert.That(model.GetProperty("trainingRows").GetInt32() + model.GetProperty("holdoutRows").GetInt32(),
            Is.LessThanOrEqualTo(model.GetProperty("outcomes").GetInt32()));
        Assert.That(result.ServedModel, Is.EqualTo(model.GetProperty("version").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(result.LearnedNdcg, Is.GreaterThan(result.BaseNdcg * 1.05), "the learned model wins on the later problems");
    }

    [Test, Order(2)]
    public async Task A_served_model_reports_its_version_and_score_stays_the_affinity()
    {
        var answer = await (await Client.GetAsync("/api/v1/problems/P-DQ-0001/recommendations?top=10&explain=full")).JsonAsync();

        Assert.That(answer.GetProperty("modelVersion").GetString(), Is.EqualTo("1"));
        var items = answer.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items, Has.Count.EqualTo(10));
        Assert.That(items.All(i => i.GetProperty("score").GetDouble() is >= 0 and <= 1), Is.True);
        var learned = items.Select(i => i.GetProperty("learnedScore").GetDouble()).ToList();
        Assert.That(learned, Is.Ordered.Descending, "the model orders the list");
        Assert.That(items.Select(i => i.GetProperty("rank").GetInt32()), Is.EqualTo(Enumerable.Range(1, 10)));
    }

    [Test, Order(3)]
    public async Task A_retried_training_is_answered_once()
    {
        using var first = Train("lifecycle-1", promote: false);
        using var firstAnswer = await Client.SendAsync(first);
        using var retry = Train("lifecycle-1", promote: false);
        using var retryAnswer = await Client.SendAsync(retry);

        Assert.That(firstAnswer.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(retryAnswer.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(retryAnswer.Headers.GetValues("Idempotent-Replayed").Single(), Is.EqualTo("true"));
        Assert.That(retryAnswer.Headers.Location, Is.EqualTo(firstAnswer.Headers.Location));
        Assert.That(await retryAnswer.Content.ReadAsStringAsync(), Is.EqualTo(await firstAnswer.Content.ReadAsStringAsync()));

        var model = await WaitAsync(firstAnswer.Headers.Location!.ToString());
        Assert.That(model.GetProperty("status").GetString(), Is.EqualTo("rejected").Or.EqualTo("candidate"), model.ToString());
        Assert.That(model.GetProperty("servingVersion").GetInt64(), Is.EqualTo(1), "judged against the promoted model");
    }

    [Test, Order(4)]
    public async Task Rollback_returns_to_the_base_ranker_and_a_candidate_is_promoted_only_against_the_model_it_beat()
    {
        var rolledBack = await Client.PostAsync("/api/v1/models/rollback", null);
        Assert.That(rolledBack.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await rolledBack.JsonAsync()).GetProperty("modelVersion").GetString(), Is.EqualTo("base"));
        Assert.That(await ServedAsync(), Is.EqualTo("base"), "this instance serves the base ranker at once");
        var first = await (await Client.GetAsync("/api/v1/models/1")).JsonAsync();
        Assert.That(first.GetProperty("status").GetString(), Is.EqualTo("rejected"));
        Assert.That(first.GetProperty("reason").GetString(), Does.StartWith("rolled back"));
        Assert.That((int)(await Client.PostAsync("/api/v1/models/rollback", null)).StatusCode, Is.EqualTo(409), "nothing left to roll back");

        // Model 2 was judged against model 1, which no longer serves: promoting it would skip a comparison.
        var stale = await Client.PostAsync("/api/v1/models/2/promote", null);
        Assert.That((int)stale.StatusCode, Is.EqualTo(409), await stale.Content.ReadAsStringAsync());

        using var train = Train("lifecycle-3", promote: false);
        using var trained = await Client.SendAsync(train);
        var candidate = await WaitAsync(trained.Headers.Location!.ToString());
        Assert.That(candidate.GetProperty("status").GetString(), Is.EqualTo("candidate"), candidate.ToString());
        Assert.That(candidate.GetProperty("servingVersion").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(await ServedAsync(), Is.EqualTo("base"), "a candidate does not serve");

        var promoted = await Client.PostAsync($"/api/v1/models/{candidate.GetProperty("version").GetInt64()}/promote", null);
        Assert.That(promoted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await promoted.Content.ReadAsStringAsync());
        Assert.That(await ServedAsync(), Is.EqualTo(candidate.GetProperty("version").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That((int)(await Client.PostAsync("/api/v1/models/1/promote", null)).StatusCode, Is.EqualTo(409), "a rejected model stays out");
        Assert.That((int)(await Client.PostAsync("/api/v1/models/999/promote", null)).StatusCode, Is.EqualTo(404));

        var list = await (await Client.GetAsync("/api/v1/models")).JsonAsync();
        var statuses = list.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("status").GetString()).ToList();
        Assert.That(statuses.Count(s => s == "promoted"), Is.EqualTo(1));
        Assert.That(list.GetProperty("total").GetInt32(), Is.EqualTo(3));
    }

    [Test, Order(5)]
    public async Task Trainings_asked_at_the_same_moment_start_one_and_refuse_the_others_with_409()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
        {
            using var request = i % 2 == 0 ? Train($"race-{i}", promote: false) : new HttpRequestMessage(HttpMethod.Post, "/api/v1/models/train");
            using var response = await Client.SendAsync(request);
            return ((int)response.StatusCode, response.Headers.Location?.ToString());
        }));

        // All four start before the first training can end: one is accepted, the others find it running.
        Assert.That(answers.Count(a => a.Item1 == 202), Is.EqualTo(1), string.Join(", ", answers));
        Assert.That(answers.Count(a => a.Item1 == 409), Is.EqualTo(3), string.Join(", ", answers));
        await WaitAsync(answers.Single(a => a.Item1 == 202).Item2!);
    }

    [TestCase("/api/v1/models/abc")]
    [TestCase("/api/v1/models/99999999999999999999")]
    public async Task A_version_that_is_not_a_number_is_a_bad_request(string path)
    {
        var response = await Client.GetAsync(path);

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    private static HttpRequestMessage Train(string key, bool promote)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/models/train") { Content = JsonContent.Create(new { promote }) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static async Task<JsonElement> WaitAsync(string location)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var model = await (await Client.GetAsync(location)).JsonAsync();
            if (model.GetProperty("status").GetString() != "training") return model;
            await Task.Delay(100);
        }
        throw new TimeoutException($"{location} still training after a minute");
    }

    private static async Task<string> ServedAsync() =>
        (await (await Client.GetAsync("/api/v1/problems/P-DQ-0001/recommendations?top=3")).JsonAsync()).GetProperty("modelVersion").GetString()!;
}
