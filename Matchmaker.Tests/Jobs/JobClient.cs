using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matchmaker.Tests.Api;

namespace Matchmaker.Tests.Jobs;

/// <summary>A job as a client runs one: start it, poll it until it has finished, read its results and audit.</summary>
internal static class JobClient
{
    /// <summary>Settings for a server whose worker looks for jobs often (it is nudged on POST anyway).</summary>
    public static Dictionary<string, string> QuickWorker(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string> { ["Matchmaker:JobPollSeconds"] = "0.2" };
        foreach (var (key, value) in more) settings[key] = value;
        return settings;
    }

    /// <summary>Posts a job (202, with its address in Location) and returns its id.</summary>
    public static async Task<string> StartJobAsync(this HttpClient client, object request)
    {
        var response = await client.PostAsJsonAsync("/api/v1/jobs", request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        var id = (await response.JsonAsync()).GetProperty("id").GetString()!;
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo($"/api/v1/jobs/{id}"));
        return id;
    }

    /// <summary>The job once it has finished (succeeded, failed or cancelled); fails the test after <paramref name="seconds"/>.</summary>
    public static async Task<JsonElement> FinishedJobAsync(this HttpClient client, string id, double seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var job = await client.JobAsync(id);
            if (job.GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled") return job;
            if (DateTime.UtcNow > until) Assert.Fail($"job {id} has not finished within {seconds} s: {job}");
            await Task.Delay(50);
        }
    }

    /// <summary>Starts a job and waits for it to succeed.</summary>
    public static async Task<JsonElement> RunJobAsync(this HttpClient client, object request)
    {
        var job = await client.FinishedJobAsync(await client.StartJobAsync(request));
        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("succeeded"), job.ToString());
        return job;
    }

    public static async Task<JsonElement> JobAsync(this HttpClient client, string id)
    {
        var response = await client.GetAsync($"/api/v1/jobs/{id}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    /// <summary>The job's results as JSON Lines, one element a row.</summary>
    public static async Task<List<JsonElement>> ResultsAsync(this HttpClient client, string id)
    {
        var response = await client.GetAsync($"/api/v1/jobs/{id}/results");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/x-ndjson"));
        var text = await response.Content.ReadAsStringAsync();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
    }

    /// <summary>The (problem, expert) pairs of a job's results, leaving out a campaign's unassigned problems.</summary>
    public static async Task<List<(string ProblemId, string ExpertId)>> PairsAsync(this HttpClient client, string id) =>
        (await client.ResultsAsync(id)).Where(r => r.TryGetProperty("expertId", out _))
            .Select(r => (r.GetProperty("problemId").GetString()!, r.GetProperty("expertId").GetString()!)).ToList();

    /// <summary>A campaign's exclusion audit, every page.</summary>
    public static async Task<List<(string ProblemId, string ExpertId, string Reason)>> ExclusionsAsync(this HttpClient client, string id)
    {
        var audit = new List<(string, string, string)>();
        for (var page = 1; ; page++)
        {
            var answer = await (await client.GetAsync($"/api/v1/jobs/{id}/exclusions?page={page}&pageSize=2")).JsonAsync();
            audit.AddRange(answer.GetProperty("items").EnumerateArray().Select(e =>
                (e.GetProperty("problemId").GetString()!, e.GetProperty("expertId").GetString()!, e.GetProperty("reason").GetString()!)));
            if (audit.Count >= answer.GetProperty("total").GetInt32()) return audit;
        }
    }

    /// <summary>The matches of a problem, as (expert, status) pairs.</summary>
    public static async Task<List<(string ExpertId, string Status)>> MatchesOfAsync(this HttpClient client, string problemId)
    {
        var answer = await (await client.GetAsync($"/api/v1/matches?problemId={Uri.EscapeDataString(problemId)}&pageSize=500")).JsonAsync();
        return answer.GetProperty("items").EnumerateArray()
            .Select(m => (m.GetProperty("expertId").GetString()!, m.GetProperty("status").GetString()!)).ToList();
    }
}
