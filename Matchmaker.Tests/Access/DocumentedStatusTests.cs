using Matchmaker.Tests.Api;

namespace Matchmaker.Tests.Access;

/// <summary>
/// The OpenAPI document against what the API really answered in this run: every status the attack tests (the tenant
/// matrix, the malformed bodies, the limits) and every other API test saw an operation answer must be listed for
/// that operation, and every problem answer must carry its request's id. Runs after the attack fixtures
/// (<see cref="OrderAttribute"/> 1 on each), whose servers' answers <see cref="ObservedAnswers"/> recorded.
/// </summary>
[Order(2)]
public class DocumentedStatusTests
{
    private static readonly string[] AttackFixtures =
        [typeof(TenantIsolationTests).FullName!, typeof(MalformedBodyTests).FullName!, typeof(RequestLimitTests).FullName!];

    [Test]
    public async Task Every_status_the_tests_saw_an_operation_answer_is_documented_for_it()
    {
        RequireTheAttackTests();
        using var factory = new MatchmakerFactory();
        var document = await OpenApi.LoadAsync(await factory.StartAsync());
        var operations = document.Operations;

        var observed = ObservedAnswers.ByOperation();
        var undocumented = observed
            .SelectMany(o => o.Value.Where(status => !operations.TryGetValue(o.Key, out var operation) || !OpenApi.Statuses(operation).Contains(status))
                .Select(status => $"{o.Key} answered {status}"))
            .ToList();

        var attacked = ObservedAnswers.ByOperation(AttackFixtures);
        TestContext.Out.WriteLine($"{attacked.Count} operations attacked, {attacked.Sum(o => o.Value.Count)} (operation, status) pairs; " +
            $"all tests: {observed.Sum(o => o.Value.Count)} pairs over {observed.Count} operations");
        Assert.That(attacked.Keys, Is.EquivalentTo(operations.Keys), "the attack tests reach every operation of the document");
        Assert.That(undocumented, Is.Empty);
    }

    [Test]
    public void Every_problem_answer_carries_its_request_id_as_trace_id()
    {
        RequireTheAttackTests();

        Assert.That(ObservedAnswers.ProblemsWithoutTraceId, Is.Empty);
    }

    // Run alone, there is nothing to compare: say so rather than pass.
    private static void RequireTheAttackTests()
    {
        var missing = AttackFixtures.Where(f => !ObservedAnswers.Sources.Contains(f)).ToList();
        if (missing.Count > 0) Assert.Inconclusive($"Run the attack tests in the same run: {string.Join(", ", missing)} did not run.");
    }
}
