namespace Matchmaker.Core.Ranking;

/// <summary>
/// The features of one expert–problem pair, each in [0, 1]. Kept explicit so that the explanation, the evaluation
/// and later learned rankers (outcomes, campaign assignment) read the same vector.
/// </summary>
/// <param name="TextWhole">Cosine of the problem with all of the expert's text (profile, fields, works).</param>
/// <param name="TextWorks">Mean cosine of the problem with the expert's best two works, recent works weighing more.</param>
/// <param name="TextProfile">Cosine of the problem with the expert's profile and fields.</param>
/// <param name="FieldAffinity">Cosine of the problem with the pooled text of everyone sharing one of the expert's fields.</param>
/// <param name="IndustryMatch">1 when the problem's industry is among the expert's fields or keywords.</param>
/// <param name="RegionMatch">1 same city or district, 0.5 same province, 0 otherwise or unknown.</param>
/// <param name="KeywordOverlap">Share of the problem's keywords found in the expert's fields, work titles and keywords.</param>
/// <param name="KindPrior">Academician 1, overseas talent and society expert 0.5, engineer 0.25.</param>
/// <param name="CapacityRoom">min(capacity, 3) / 3: how much room the expert has for new matches.</param>
/// <param name="PatentRecord">min(patents among the expert's works, 3) / 3: applied results an enterprise can use.</param>
public sealed record MatchFeatures(
    double TextWhole, double TextWorks, double TextProfile, double FieldAffinity, double IndustryMatch,
    double RegionMatch, double KeywordOverlap, double KindPrior, double CapacityRoom, double PatentRecord = 0)
{
    public static IReadOnlyList<string> Names { get; } =
    [
        nameof(TextWhole), nameof(TextWorks), nameof(TextProfile), nameof(FieldAffinity), nameof(IndustryMatch),
        nameof(RegionMatch), nameof(KeywordOverlap), nameof(KindPrior), nameof(CapacityRoom), nameof(PatentRecord),
    ];

    public double[] ToArray() =>
        [TextWhole, TextWorks, TextProfile, FieldAffinity, IndustryMatch, RegionMatch, KeywordOverlap, KindPrior, CapacityRoom, PatentRecord];

    /// <summary>The features from the first values of a row, in the order of <see cref="Names"/>.</summary>
    public static MatchFeatures From(IReadOnlyList<float> values) =>
        new(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7], values[8], values[9]);

    /// <summary>The features rounded to <paramref name="decimals"/>, as an answer shows them.</summary>
    public MatchFeatures Rounded(int decimals) => new(
        Math.Round(TextWhole, decimals), Math.Round(TextWorks, decimals), Math.Round(TextProfile, decimals),
        Math.Round(FieldAffinity, decimals), Math.Round(IndustryMatch, decimals), Math.Round(RegionMatch, decimals),
        Math.Round(KeywordOverlap, decimals), Math.Round(KindPrior, decimals), Math.Round(CapacityRoom, decimals),
        Math.Round(PatentRecord, decimals));
}

/// <summary>
/// Weights that combine <see cref="MatchFeatures"/> into the affinity: a weighted mean, so the score stays in [0, 1]
/// and is comparable across problems. The defaults maximise the smaller of the two NDCG@10 ratios to BM25 on
/// data/eval and csl-dev in a 108-point grid (works 0–0.5, profile 0–0.2, field 0.15–0.6, keywords 0–0.3,
/// industry 0–0.05); the optimum is flat (1.21–1.22 for the top fifteen points). Industry match lowered NDCG on
/// data/eval at every weight tried and weighs 0; region is a small tie-breaker towards local experts (neutral on
/// both sets); kind, capacity and patents have no evaluation signal and weigh 0 until outcomes teach a learned model.
/// </summary>
public sealed record FeatureWeights(
    double TextWhole, double TextWorks, double TextProfile, double FieldAffinity, double IndustryMatch,
    double RegionMatch, double KeywordOverlap, double KindPrior, double CapacityRoom, double PatentRecord = 0)
{
    public static FeatureWeights Default { get; } = new(
        TextWhole: 1.0, TextWorks: 0.25, TextProfile: 0.2, FieldAffinity: 0.15, IndustryMatch: 0,
        RegionMatch: 0.02, KeywordOverlap: 0.3, KindPrior: 0, CapacityRoom: 0, PatentRecord: 0);

    public double[] ToArray() =>
        [TextWhole, TextWorks, TextProfile, FieldAffinity, IndustryMatch, RegionMatch, KeywordOverlap, KindPrior, CapacityRoom, PatentRecord];

    /// <summary>Each weight divided by their sum (all zeros when they sum to zero), in the order of <see cref="MatchFeatures.Names"/>.</summary>
    public double[] Shares()
    {
        var weights = ToArray();
        var total = weights.Sum();
        return weights.Select(w => total == 0 ? 0 : w / total).ToArray();
    }

    /// <remarks>
    /// The weighted mean of the features, clamped to [0, 1], without arrays: it runs for each of the 50 experts of
    /// every shortlist.
    /// </remarks>
    public double Score(MatchFeatures features)
    {
        ReadOnlySpan<double> weights =
            [TextWhole, TextWorks, TextProfile, FieldAffinity, IndustryMatch, RegionMatch, KeywordOverlap, KindPrior, CapacityRoom, PatentRecord];
        ReadOnlySpan<double> values =
        [
            features.TextWhole, features.TextWorks, features.TextProfile, features.FieldAffinity, features.IndustryMatch,
            features.RegionMatch, features.KeywordOverlap, features.KindPrior, features.CapacityRoom, features.PatentRecord,
        ];
        double total = 0, sum = 0;
        foreach (var weight in weights) total += weight;
        for (var i = 0; i < weights.Length; i++) sum += total == 0 ? 0 : weights[i] * values[i] / total;
        return Math.Clamp(sum, 0, 1);
    }
}

/// <summary>How the ranker combines its evidence: feature weights and pseudo-relevance feedback.</summary>
/// <param name="Weights">The feature weights of the final affinity.</param>
/// <param name="Feedback">Weight of the best experts' centroid added to the problem vector (0 turns feedback off).</param>
/// <param name="FeedbackDepth">How many of the first pass's best experts feed back.</param>
/// <param name="Limits">How much of the index a search may read (<see cref="SearchLimits.Exhaustive"/> for exact answers).</param>
public sealed record RankingOptions(FeatureWeights Weights, double Feedback, int FeedbackDepth, SearchLimits? Limits = null)
{
    /// <summary>Feedback 0.75 from the best 5, chosen on data/eval and csl-dev (see the README's quality section).</summary>
    public static RankingOptions Default { get; } = new(FeatureWeights.Default, Feedback: 0.75, FeedbackDepth: 5, SearchLimits.Default);
}
