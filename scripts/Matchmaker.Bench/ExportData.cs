using System.Diagnostics;
using Dapper;
using Matchmaker.Core.Enterprises;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Problems;
using Matchmaker.Core.Storage;

namespace Matchmaker.Bench;

/// <summary>
/// A SQLite file for measuring the match export (issue 14: 100,000 matches): 5,000 experts recombined from the demo
/// ones, the demo enterprises and 20,000 problems varied from the demo ones spread over three partners, then the
/// matches and their events written straight in one transaction (the API writes one match per transaction, which
/// would take the fill longer than the export). Each match walks the lifecycle as far as a seeded draw takes it, with
/// outcome figures and ratings on its last steps; the matches were proposed over 2025 and the first half of 2026.
/// </summary>
internal static class ExportData
{
    public const int Seed = 20261214;
    private const int Experts = 5_000, Problems = 20_000;
    private static readonly string[] Partners = [Tenants.Default, "partner-a", "partner-b"];
    private static readonly DateTimeOffset First = new(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));

    private const string InsertMatch = """
        INSERT INTO matches (id, tenant_id, problem_id, expert_id, status, score, created_at, updated_at)
        VALUES (@Id, @Tenant, @ProblemId, @ExpertId, @Status, @Score, @CreatedAt, @UpdatedAt)
        """;

    private const string InsertEvent = """
        INSERT INTO match_events (match_id, status, occurred_at, recorded_at, profit_added_yuan, patents, standards, awards, projects, rating, note, recorded_by)
        VALUES (@MatchId, @Status, @OccurredAt, @OccurredAt, @ProfitAddedYuan, @Patents, @Standards, @Awards, @Projects, @Rating, @Note, 'bench')
        """;

    private sealed record MatchRow(string Id, string Tenant, string ProblemId, string ExpertId, string Status, double Score, object CreatedAt, object UpdatedAt);

    private sealed record EventRow(string MatchId, string Status, object OccurredAt, decimal? ProfitAddedYuan, int? Patents, int? Standards, int? Awards,
        int? Projects, int? Rating, string? Note);

    public static async Task<int> FillAsync(string file, int matches)
    {
        var watch = Stopwatch.StartNew();
        var root = DemoData.FindRepositoryRoot();
        var database = new Database($"Data Source={file}");
        await database.MigrateAsync();
        var demo = DemoData.Load(root);
        var experts = new CorpusGenerator(demo.Experts).Generate(Experts);
        foreach (var chunk in experts.Chunk(1000)) await new ExpertStore(database).UpsertAsync(chunk);
        var enterprises = ProblemGenerator.DemoEnterprises(root);
        var problems = new ProblemGenerator(ProblemGenerator.DemoProblems(root), enterprises).Generate(Problems);
        for (var p = 0; p < Partners.Length; p++)
        {
            await new EnterpriseStore(database).UpsertAsync(Partners[p], enterprises);
            await new ProblemStore(database).UpsertAsync(Partners[p], problems.Where((_, i) => i % Partners.Length == p).ToList());
        }
        Console.WriteLine($"{Experts:N0} experts, {enterprises.Count} enterprises and {Problems:N0} problems over {Partners.Length} partners in {watch.Elapsed.TotalSeconds:F1} s");

        watch.Restart();
        var (rows, events) = Matches(database, matches, experts, problems);
        await database.WriteAsync(null, async (connection, tx) =>
        {
            await connection.ExecuteAsync(InsertMatch, rows, tx);
            return await connection.ExecuteAsync(InsertEvent, events, tx);
        });
        Console.WriteLine($"{rows.Count:N0} matches and {events.Count:N0} events written in {watch.Elapsed.TotalSeconds:F1} s: {file} ({new FileInfo(file).Length / 1048576.0:F0} MB)");
        return 0;
    }

    // Match k takes problem k mod 20,000 (and so its partner) and, in its r-th round over the problems, the expert 1,009·r
    // places further on: 1,009 and 5,000 share no factor, so no pair comes twice.
    private static (List<MatchRow>, List<EventRow>) Matches(Database database, int count, IReadOnlyList<Expert> experts, IReadOnlyList<Problem> problems)
    {
        var random = new Random(Seed);
        var span = TimeSpan.FromDays(545) / count;
        var (rows, events) = (new List<MatchRow>(count), new List<EventRow>(count * 3));
        for (var k = 0; k < count; k++)
        {
            var (p, round) = (k % problems.Count, k / problems.Count);
            var id = $"M-{k + 1:D7}";
            var created = First + span * k;
            var steps = Walk(random);
            var at = created;
            foreach (var (status, last) in steps.Select((s, i) => (s, i == steps.Count - 1)))
            {
                at += TimeSpan.FromHours(random.Next(2, 24 * 20));
                var outcome = status is "solved" or "unsolved" or "visited";
                events.Add(new EventRow(id, status, database.Time(at),
                    status == "solved" ? Math.Round((decimal)(random.NextDouble() * 2_000_000), 2) : null,
                    outcome && random.Next(3) == 0 ? random.Next(1, 4) : null, status == "solved" && random.Next(4) == 0 ? 1 : null,
                    status == "solved" && random.Next(10) == 0 ? 1 : null, outcome && random.Next(5) == 0 ? 1 : null,
                    last && status != "withdrawn" ? random.Next(1, 6) : null, random.Next(4) == 0 ? "电话沟通，约定下周到现场查看" : null));
            }
            rows.Add(new MatchRow(id, Partners[p % Partners.Length], problems[p].Id, experts[(p * 31 + round * 1009) % experts.Count].Id,
                steps.Count == 0 ? "proposed" : steps[^1], Math.Round(random.NextDouble(), 4), database.Time(created), database.Time(at)));
        }
        return (rows, events);
    }

    // proposed → contacted → accepted | declined; accepted → visited → solved | unsolved; withdrawn from an open step.
    private static List<string> Walk(Random random)
    {
        var steps = new List<string>();
        foreach (var (next, go, otherwise) in new[]
                 {
                     ("contacted", 0.8, ""), ("accepted", 0.7, "declined"), ("visited", 0.8, "withdrawn"), ("solved", 0.6, "unsolved"),
                 })
        {
            var roll = random.NextDouble();
            if (roll < go) steps.Add(next);
            else
            {
                if (otherwise.Length > 0 && roll < go + (1 - go) / 2) steps.Add(otherwise);
                break;
            }
        }
        return steps;
    }
}
