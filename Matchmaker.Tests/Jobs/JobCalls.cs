using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Matchmaker.Tests.Api;

namespace Matchmaker.Tests.Jobs;

/// <summary>What the jobs tests ask of the API: submit a job, follow it, and problems enough to keep it busy.</summary>
internal static class JobCalls
{
    public static async Task<string> SubmitAsync(HttpClient client, object request)
    {
        var answer = await client.PostAsJsonAsync("/api/v1/jobs", request);
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await answer.Content.ReadAsStringAsync());
        return (await answer.JsonAsync()).GetProperty("id").GetString()!;
    }

    // The job's progress once it has checkpointed beyond `done` (checked every 50 ms for 30 s).
    public static async Task<(int Done, int Total)> ProgressBeyondAsync(HttpClient client, string job, int done)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var progress = (await (await client.GetAsync($"/api/v1/jobs/{job}")).JsonAsync()).GetProperty("progress");
            var now = progress.GetProperty("done").GetInt32();
            if (now > done) return (now, progress.GetProperty("total").GetInt32());
            await Task.Delay(50);
        }
        Assert.Fail($"job {job} did not get beyond {done} problems done within 30 s");
        return default;
    }

    public static async Task<JsonElement> FinishedAsync(HttpClient client, string job)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            var answer = await (await client.GetAsync($"/api/v1/jobs/{job}")).JsonAsync();
            if (answer.GetProperty("status").GetString() is not ("queued" or "running")) return answer;
            await Task.Delay(100);
        }
        Assert.Fail($"job {job} did not finish within 60 s");
        return default;
    }

    public static List<JsonObject> DemoProblems() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data", "problems.jsonl")).Where(l => l.Trim().Length > 0)
            .Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

    // Copies of the demo problems, open, under ids of their own.
    public static string[] CopiesOfTheDemoProblems(int count)
    {
        var demo = DemoProblems();
        return Enumerable.Range(0, count).Select(i =>
        {
            var copy = demo[i % demo.Count].DeepClone().AsObject();
            copy["id"] = $"P-GEN-{i:D5}";
            copy["status"] = "open";
            return copy.ToJsonString();
        }).ToArray();
    }
}
