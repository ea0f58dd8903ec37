using System.Net;
using System.Net.Http.Json;

namespace Matchmaker.Tests.Api;

/// <summary>ETag on reads and If-Match on writes: a change made from a stale copy is refused instead of overwriting.</summary>
public class ConditionalWriteTests : FreshApiTest
{
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await Client.SendAsync(request);
    }

    // Each case: one kind of record, read, changed with its ETag, then changed and deleted from the stale copy.
    [TestCase("experts", "E-1", TestName = "An_expert_changed_since_it_was_read_is_not_overwritten")]
    [TestCase("enterprises", "C-1", TestName = "An_enterprise_changed_since_it_was_read_is_not_overwritten")]
    [TestCase("problems", "P-1", TestName = "A_problem_changed_since_it_was_read_is_not_overwritten")]
    public async Task A_write_from_a_stale_copy_is_refused_with_412(string kind, string id)
    {
        var url = $"/api/v1/{kind}/{id}";
        object Named(string name) => kind == "problems" ? new { id, title = name } : new { id, name };
        (await SendAsync(HttpMethod.Put, url, Named("第一版"), null)).EnsureSuccessStatusCode();

        var read = await Client.GetAsync(url);
        var etag = read.Headers.ETag?.Tag;
        var again = (await Client.GetAsync(url)).Headers.ETag?.Tag;
        var changed = await SendAsync(HttpMethod.Put, url, Named("第二版"), etag);
        var stale = await SendAsync(HttpMethod.Put, url, Named("第三版"), etag);
        var staleDelete = await SendAsync(HttpMethod.Delete, url, null, etag);
        var current = (await Client.GetAsync(url)).Headers.ETag?.Tag;
        var deleted = await SendAsync(HttpMethod.Delete, url, null, current);

        Assert.That(etag, Is.Not.Null.And.StartsWith("\""));
        Assert.That(again, Is.EqualTo(etag), "the same record has the same tag");
        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(changed.Headers.ETag?.Tag, Is.EqualTo(current).And.Not.EqualTo(etag), "a change answers with the new tag");
        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed));
        Assert.That(stale.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(staleDelete.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed));
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task If_Match_on_a_record_that_does_not_exist_is_refused()
    {
        var response = await SendAsync(HttpMethod.Put, "/api/v1/experts/E-none", new { id = "E-none", name = "新专家" }, "\"0123\"");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed));
        Assert.That((await Client.GetAsync("/api/v1/experts/E-none")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "nothing was created");
    }
}
