using Matchmaker.Core.Experts;
using Matchmaker.Core.Ranking;
using Matchmaker.Core.Text;

namespace Matchmaker.Bench;

/// <summary>
/// A second synthetic corpus, unlike the one recombined from the demo experts, so that no pruning budget is tuned to
/// one distribution: a small vocabulary (glossary concepts, in a fixed random order, until their analyzer terms number
/// <see cref="Vocabulary"/>), long problems, and every word drawn from Zipf distributions. Each expert and each problem
/// mixes a few topics; a topic is a Zipf distribution over its own concepts, and a corpus-wide Zipf background adds the
/// common words every text shares (the long postings). Problems are drawn the same way, so the experts of a problem's
/// topics are the relevant ones. 15 % of experts and problems write the concepts' English forms.
/// </summary>
internal sealed class ZipfCorpus
{
    public const int Seed = 20261203;
    public const int Vocabulary = 5_000;
    public const double EnglishShare = 0.15;
    public const int ProblemCount = 300;

    private const int Topics = 150;
    private const int ConceptsPerTopic = 80;
    private const double BackgroundExponent = 1.5, TopicExponent = 1.1;
    private const double TopicPopularityExponent = 0.7;
    private const double BackgroundShare = 0.5; // of the words of any text
    private const double SecondTopicShare = 0.3; // of the topical words, for texts with a second topic
    private const int WorksPerExpert = 5;
    // Lengths in analyzer terms (estimated per concept while drawing; the statistics measure them with the analyzer).
    private const int ProfileTerms = 30, TitleTerms = 18, AbstractTerms = 70, ProblemTitleTerms = 14, ProblemTerms = 30;

    private static readonly string[] Cities = ["浙江省杭州市", "浙江省湖州市", "浙江省宁波市", "浙江省嘉兴市", "浙江省绍兴市", "江苏省苏州市", "江苏省南京市", "上海市", "广东省深圳市", "湖北省武汉市"];
    private static readonly string[] Abroad = ["Germany", "United Kingdom", "Singapore", "Japan", "Canada", "Netherlands"];

    private readonly Random _random = new(Seed);
    private readonly (string Chinese, string English, int ChineseTerms, int EnglishTerms)[] _concepts;
    private readonly Sampler _background;
    private readonly int[] _backgroundOrder;
    private readonly int[][] _topics;
    private readonly Sampler _inTopic = new(ConceptsPerTopic, TopicExponent);
    private readonly Sampler _topicPopularity = new(Topics, TopicPopularityExponent);

    /// <param name="analyzer">Counts each concept's terms as the index will.</param>
    /// <param name="glossary">data/glossary.tsv: each line a Chinese term and its English forms.</param>
    public ZipfCorpus(TextAnalyzer analyzer, string glossary)
    {
        var entries = File.ReadLines(glossary).Select(line => line.Split('\t')).Where(p => p.Length >= 2 && p[0].Trim().Length > 0)
            .Select(p => (Chinese: p[0].Trim(), English: p[1].Split('|')[0].Trim().ToLowerInvariant())).ToArray();
        _random.Shuffle(entries);
        var terms = new HashSet<string>(StringComparer.Ordinal);
        var concepts = new List<(string, string, int, int)>();
        foreach (var (chinese, english) in entries)
        {
            var (zh, en) = (analyzer.Tokenize(chinese), analyzer.Tokenize(english));
            if (zh.Count == 0 || en.Count == 0) continue; // a stop word in one language
            terms.UnionWith(zh);
            terms.UnionWith(en);
            concepts.Add((chinese, english, zh.Count, en.Count));
            if (terms.Count >= Vocabulary) break;
        }
        _concepts = [.. concepts];
        VocabularyTerms = terms.Count;
        _background = new Sampler(_concepts.Length, BackgroundExponent);
        _backgroundOrder = Permutation(_concepts.Length);
        _topics = Enumerable.Range(0, Topics).Select(_ => Permutation(_concepts.Length)[..Math.Min(ConceptsPerTopic, _concepts.Length)]).ToArray();
        Problems = [.. Enumerable.Range(0, ProblemCount).Select(_ => NextProblem())];
    }

    /// <summary>Distinct analyzer terms of the concepts the corpus draws from.</summary>
    public int VocabularyTerms { get; }

    public int Concepts => _concepts.Length;

    /// <summary>The problems (queries), drawn from the same distribution as the experts; the same for every corpus size.</summary>
    public IReadOnlyList<ProblemQuery> Problems { get; }

    public List<Expert> Generate(int count)
    {
        var experts = new List<Expert>(count);
        for (var i = 0; i < count; i++) experts.Add(NextExpert($"Z-{i + 1:D6}"));
        return experts;
    }

    private Expert NextExpert(string id)
    {
        var english = _random.NextDouble() < EnglishShare;
        var mixture = Mixture(secondTopicProbability: 0.6);
        var works = new List<Work>(WorksPerExpert);
        for (var w = 0; w < WorksPerExpert; w++)
        {
            // A work is about one of the expert's topics; the mixture decides which.
            var topic = new Mix(mixture.Pick(_random), -1);
            works.Add(new Work
            {
                Kind = (WorkKind)_random.Next(4),
                Title = Text(topic, english, Vary(TitleTerms), sentence: 99),
                Abstract = Text(topic, english, Vary(AbstractTerms), sentence: 7),
                Keywords = [.. Enumerable.Range(0, 3).Select(_ => Word(Topical(topic), english)).Distinct(StringComparer.Ordinal)],
                Year = _random.Next(2008, 2027),
            });
        }
        var kindRoll = _random.NextDouble();
        return new Expert
        {
            Id = id,
            Name = english ? $"Expert {id}" : $"专家{id}",
            Kind = english ? ExpertKind.OverseasTalent : kindRoll < 0.02 ? ExpertKind.Academician : kindRoll < 0.8 ? ExpertKind.SocietyExpert : ExpertKind.Engineer,
            Region = english ? Abroad[_random.Next(Abroad.Length)] : Cities[_random.Next(Cities.Length)],
            Fields = mixture.Topics().Select(t => Word(_topics[t][0], english)).Distinct(StringComparer.Ordinal).ToList(),
            Profile = Text(mixture, english, Vary(ProfileTerms), sentence: 8),
            Works = works,
            Languages = [english ? "en" : "zh"],
            Capacity = _random.Next(1, 6),
            Available = _random.NextDouble() < 0.9,
        };
    }

    private ProblemQuery NextProblem()
    {
        var english = _random.NextDouble() < EnglishShare;
        var mixture = Mixture(secondTopicProbability: 0.5);
        return new ProblemQuery(
            Text(mixture, english, Vary(ProblemTitleTerms), sentence: 99),
            Text(mixture, english, Vary(ProblemTerms), sentence: 7),
            Word(_topics[mixture.First][0], english),
            Cities[_random.Next(5)],
            [.. Enumerable.Range(0, 3).Select(_ => Word(Topical(new Mix(mixture.First, -1)), english)).Distinct(StringComparer.Ordinal)]);
    }

    // One or two topics, popular topics more often.
    private Mix Mixture(double secondTopicProbability)
    {
        var first = _topicPopularity.Next(_random);
        var second = _random.NextDouble() < secondTopicProbability ? _topicPopularity.Next(_random) : -1;
        return new Mix(first, second == first ? -1 : second);
    }

    // Concepts drawn until their analyzer terms reach the length asked for, written as sentences of a few concepts.
    private string Text(Mix mixture, bool english, int terms, int sentence)
    {
        var words = new List<string>();
        for (var total = 0; total < terms;)
        {
            var concept = _random.NextDouble() < BackgroundShare ? _backgroundOrder[_background.Next(_random)] : Topical(mixture);
            words.Add(Word(concept, english));
            total += english ? _concepts[concept].EnglishTerms : _concepts[concept].ChineseTerms;
        }
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            text.Append(words[i]);
            var end = i == words.Count - 1 || (i + 1) % sentence == 0;
            // Chinese concepts are kept apart by punctuation, so no bigram spans two of them and the vocabulary stays the concepts'.
            text.Append(english ? (end ? ". " : " ") : end ? "。" : "，");
        }
        return text.ToString().TrimEnd();
    }

    private int Topical(Mix mixture)
    {
        var topic = mixture.Second >= 0 && _random.NextDouble() < SecondTopicShare ? mixture.Second : mixture.First;
        return _topics[topic][_inTopic.Next(_random)];
    }

    private string Word(int concept, bool english) => english ? _concepts[concept].English : _concepts[concept].Chinese;

    private int Vary(int terms) => (int)Math.Round(terms * (0.7 + 0.6 * _random.NextDouble()));

    private int[] Permutation(int n)
    {
        var order = Enumerable.Range(0, n).ToArray();
        _random.Shuffle(order);
        return order;
    }

    private readonly record struct Mix(int First, int Second)
    {
        public int Pick(Random random) => Second >= 0 && random.NextDouble() < SecondTopicShare ? Second : First;

        public IEnumerable<int> Topics() => Second >= 0 ? [First, Second] : [First];
    }

    /// <summary>Ranks 0..n-1 with probability proportional to 1 / (rank + 1)^s, by binary search over the cumulative weights.</summary>
    private sealed class Sampler
    {
        private readonly double[] _cumulative;

        public Sampler(int n, double exponent)
        {
            _cumulative = new double[n];
            double sum = 0;
            for (var r = 0; r < n; r++) _cumulative[r] = sum += 1 / Math.Pow(r + 1, exponent);
            for (var r = 0; r < n; r++) _cumulative[r] /= sum;
        }

        public int Next(Random random)
        {
            var at = Array.BinarySearch(_cumulative, random.NextDouble());
            return Math.Min(at >= 0 ? at : ~at, _cumulative.Length - 1);
        }
    }
}
