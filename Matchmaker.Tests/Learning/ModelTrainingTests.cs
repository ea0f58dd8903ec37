using Matchmaker.Core.Experts;
using Matchmaker.Core.Learning;
using Matchmaker.Core.Matching;
using Matchmaker.Core.Ranking;
using Matchmaker.Core.Storage;
using Matchmaker.Tests.Storage;

namespace Matchmaker.Tests.Learning;

/// <summary>The training's decisions (minimum of outcomes, holdout of the latest problems) and the store's promotions, on a real database.</summary>
public class ModelTrainingTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // `problems` problems, one a day, each with `perProblem` finished matches whose grade follows feature RegionMatch.
    private static List<LearningMatch> History(int problems, int perProblem)
    {
        var random = new Random(11);
        var matches = new List<LearningMatch>();
        for (var p = 0; p < problems; p++)
            for (var e = 0; e < perProblem; e++)
            {
                var region = random.Next(3) / 2.0;
                var proposed = Start.AddDays(p);
                MatchStatus[] steps = region >= 0.5
                    ? [MatchStatus.Contacted, MatchStatus.Accepted, MatchStatus.Visited, random.Next(3) > 0 ? MatchStatus.Solved : MatchStatus.Unsolved]
                    : [MatchStatus.Contacted, random.Next(4) == 0 ? MatchStatus.Accepted : MatchStatus.Declined, MatchStatus.Withdrawn];
                if (steps[1] == MatchStatus.Declined) steps = steps[..2];
                var events = steps.Select((s, i) => new MatchEvent(i, s, proposed.AddHours(i + 1), proposed.AddHours(i + 1), null, null, null, null, null, null, null, null)).ToList();
                var features = new MatchFeatures(random.NextDouble(), random.NextDouble(), random.NextDouble(), random.NextDouble(), 0, region, 0, 0.5, 1);
                matches.Add(new LearningMatch(new PastMatch($"M-{p}-{e}", $"P-{p}", $"E-{e}", "家纺", 3, proposed, events), "t", features, ExpertKind.SocietyExpert));
            }
        return matches;
    }

    [Test]
    public void Below_the_minimum_of_outcomes_nothing_is_trained_and_the_serving_ranker_stays()
    {
        var trained = ModelTraining.Train(History(problems: 30, perProblem: 6), servingVersion: null, serving: null, promote: true);

        Assert.That(trained.Status, Is.EqualTo(ModelStatus.Rejected));
        Assert.That(trained.Model, Is.Null);
        Assert.That(trained.Outcomes, Is.EqualTo(180));
        Assert.That(trained.Reason, Does.Contain($"at least {ModelTraining.MinOutcomes}").And.Contain("the base ranker keeps serving"));
    }

    [Test]
    public void The_latest_problems_are_held_out_and_a_model_that_learns_the_rule_is_promoted()
    {
        var trained = ModelTraining.Train(History(problems: 100, perProblem: 6), servingVersion: null, serving: null, promote: true);

        Assert.That(trained.Status, Is.EqualTo(ModelStatus.Promoted), trained.Reason);
        Assert.That(trained.HoldoutFrom, Is.EqualTo(Start.AddDays(80)), "the latest fifth of the problems");
        Assert.That(trained.TrainingGroups, Is.EqualTo(80));
        Assert.That(trained.TrainingRows, Is.EqualTo(480));
        Assert.That(trained.ModelNdcg, Is.GreaterThan(trained.BaseNdcg!.Value), "the base order does not know the rule");
        Assert.That(trained.ServingNdcg, Is.EqualTo(trained.BaseNdcg), "judged against the base ranker, which serves");
        Assert.That(LearnedRanker.Load(trained.Model!, TrainingSet.FeatureNames.Count).FeatureCount, Is.EqualTo(TrainingSet.FeatureNames.Count));
    }

    [Test]
    public void Without_asking_for_promotion_a_better_model_stays_a_candidate()
    {
        var trained = ModelTraining.Train(History(problems: 100, perProblem: 6), servingVersion: null, serving: null, promote: false);

        Assert.That(trained.Status, Is.EqualTo(ModelStatus.Candidate), trained.Reason);
    }

    [Test]
    public async Task A_model_promoted_by_its_training_stays_a_candidate_when_another_was_promoted_meanwhile()
    {
        using var test = new TestDatabase();
        var database = test.Open();
        await database.MigrateAsync();
        var store = new ModelStore(database, TimeProvider.System);
        var trained = ModelTraining.Train(History(problems: 100, perProblem: 6), servingVersion: null, serving: null, promote: true);

        var first = await store.StartAsync("test");
        Assert.That(async () => await store.StartAsync("test"), Throws.TypeOf<ConflictException>(), "one training at a time");
        Assert.That(await store.FinishAsync(first, trained), Is.EqualTo(ModelStatus.Promoted));
        var second = await store.StartAsync("test");
        var status = await store.FinishAsync(second, trained); // judged against the base ranker, but model `first` serves now

        Assert.That(status, Is.EqualTo(ModelStatus.Candidate));
        Assert.That((await store.FindAsync(second))!.Reason, Does.Contain($"model {first} was promoted meanwhile"));
        Assert.That(await store.ServingAsync(), Is.EqualTo(first));
        Assert.That(async () => await store.PromoteAsync(second), Throws.TypeOf<ConflictException>(), "its comparison is stale");
        Assert.That(await store.RollbackAsync("test"), Is.Null, "the base ranker serves again");
        Assert.That(await store.ServingAsync(), Is.Null);
    }
}
