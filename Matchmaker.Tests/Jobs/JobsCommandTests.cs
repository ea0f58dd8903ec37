using System.Text;
using Dapper;
using Matchmaker.Tests.Api;
using Matchmaker.Tests.Storage;

namespace Matchmaker.Tests.Jobs;

/// <summary>The staff command line as staff use it: the Api executable in a child process, on a database of its own with the demo data.</summary>
public class JobsCommandTests
{
    [Test]
    public void Every_verb_has_help_and_bad_usage_exits_with_2()
    {
        foreach (var verb in new[] { "--help", "rank-all --help", "campaign --help", "jobs --help", "jobs results --help", "keys --help", "models --help" })
        {
            var (code, output, _) = CommandLine.Run(verb.Split(' '));
            Assert.That(code, Is.Zero, verb);
            Assert.That(output, Does.Contain("USAGE"), verb);
        }
        using var database = new TestDatabase();
        Assert.Multiple(() =>
        {
            Assert.That(CommandLine.Run(["rank-all", "--top", "0", .. database.CommandLine]).ExitCode, Is.EqualTo(2), "top out of range");
            Assert.That(CommandLine.Run(["campaign", "--min", "3", "--max", "2", .. database.CommandLine]).ExitCode, Is.EqualTo(2), "max below min");
            Assert.That(CommandLine.Run(["campaign", "--frobnicate", .. database.CommandLine]).ExitCode, Is.EqualTo(2), "an unknown option");
            Assert.That(CommandLine.Run(["jobs", "show", "J-nope", .. database.CommandLine]).ExitCode, Is.EqualTo(1), "an unknown job");
        });
    }

    [Test]
    public void A_campaign_queued_resumed_accepted_and_exported_from_the_command_line_keeps_every_load()
    {
        using var database = new TestDatabase();
        var args = database.CommandLine;

        var (queued, id, _) = CommandLine.Run(["campaign", "--region", "湖州市德清县", "--min", "1", "--max", "2", "--max-load", "1", "--detach", .. args]);
        id = id.Trim();
        var (ran, summary, progress) = CommandLine.Run(["jobs", "resume", id, .. args]);
        var (accepted, acceptance, _) = CommandLine.Run(["jobs", "accept", id, .. args]);
        var (again, _, refusal) = CommandLine.Run(["jobs", "accept", id, .. args]);
        var file = Path.Combine(Path.GetTempPath(), $"plan-{Guid.NewGuid():N}.csv");
        var (exported, _, _) = CommandLine.Run(["jobs", "results", id, "--out", file, .. args]);
        var (_, listing, _) = CommandLine.Run(["jobs", "list", .. args]);
        TestContext.Out.WriteLine(summary + progress + acceptance);

        using var connection = database.Open().Open();
        var planned = connection.Query<(string ProblemId, string ExpertId)>(
            "SELECT problem_id, expert_id FROM job_rows WHERE job_id = @id AND stage = 'result' AND expert_id IS NOT NULL", new { id }).ToList();
        // The demo history's matches are older than the job; the acceptance made the others.
        var created = connection.Query<(string ProblemId, string ExpertId)>(
            "SELECT problem_id, expert_id FROM matches WHERE created_at >= (SELECT created_at FROM jobs WHERE id = @id)", new { id }).ToList();
        var older = connection.Query<(string ProblemId, string ExpertId)>(
            "SELECT problem_id, expert_id FROM matches WHERE created_at < (SELECT created_at FROM jobs WHERE id = @id)", new { id }).ToList();
        var bytes = File.ReadAllBytes(file);
        File.Delete(file);
        var lines = Encoding.UTF8.GetString(bytes).TrimEnd().Split('\n');

        Assert.Multiple(() =>
        {
            Assert.That(queued, Is.Zero);
            Assert.That(id, Does.StartWith("J-"));
            Assert.That(ran, Is.Zero, progress);
            Assert.That(summary, Does.Contain("succeeded").And.Contain("greedy top-k"));
            Assert.That(progress, Does.Contain("ranking").And.Contain("solving"), "progress as plain lines when the output is no terminal");
            Assert.That(planned, Is.Not.Empty);
            Assert.That(planned.GroupBy(p => p.ExpertId).Max(g => g.Count()), Is.EqualTo(1), "max load 1: no expert twice in the plan");
            Assert.That(accepted, Is.Zero);
            Assert.That(older, Is.Not.Empty, "the demo history");
            Assert.That(created, Is.EquivalentTo(planned.Except(older)), "the new matches are exactly the plan's pairs not matched before");
            Assert.That(acceptance, Does.Contain($"plan accepted: {created.Count} matches created (proposed), {planned.Count - created.Count} existed, 0 skipped"));
            Assert.That(again, Is.EqualTo(1), "a plan is accepted once");
            Assert.That(refusal, Does.Contain("accepted before"));
            Assert.That(exported, Is.Zero);
            Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "CSV for Excel starts with a byte order mark");
            Assert.That(lines[0].TrimStart('\uFEFF').TrimEnd('\r'), Is.EqualTo("problemId,expertId,expertName,score,rank,matchedTerms,unassigned"));
            Assert.That(lines.Skip(1).Count(l => !l.Contains(",,,0,", StringComparison.Ordinal)), Is.EqualTo(planned.Count), "one line per assignment, besides the unassigned problems");
            Assert.That(listing.Split('\n').Any(l => l.StartsWith(id + "\tdefault\tcampaign\tsucceeded", StringComparison.Ordinal)), Is.True, listing);
        });
    }
}
