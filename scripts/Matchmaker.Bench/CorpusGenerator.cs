using Matchmaker.Core.Experts;

namespace Matchmaker.Bench;

/// <summary>
/// Synthetic experts recombined from the demo experts, the same on every run. Each copies a demo expert's kind,
/// language, title and specialty (fields, profile sentences); each of its five works starts from a seed work of the
/// specialty (55% the template's own, 30% its three nearest demo experts') or of a neighbouring one (15%, the next
/// five). Titles are spliced with another title of the specialty, get a term or a word swapped and a new framing;
/// numbers vary; abstracts keep the seed's sentences with one now and then dropped, added or borrowed; keywords are
/// reshuffled.
/// </summary>
internal sealed class CorpusGenerator
{
    public const int Seed = 20261129;
    private const int WorksPerExpert = 5;
    private const double EnglishShare = 0.2;

    private readonly Random _random = new(Seed);
    private readonly List<Template> _chinese;
    private readonly List<Template> _english;
    private readonly Dictionary<(ExpertKind, bool), Expert[]> _affiliations;
    private readonly HashSet<string> _demoTitles;
    private readonly string[] _surnames;
    private readonly string[] _givenNameCharacters;
    private readonly string[] _firstNames;
    private readonly string[] _lastNames;

    public CorpusGenerator(IReadOnlyList<Expert> demo)
    {
        var templates = Templates.From(demo);
        _chinese = templates.Where(t => t.Chinese).ToList();
        _english = templates.Where(t => !t.Chinese).ToList();
        _affiliations = templates.GroupBy(t => (t.Expert.Kind, t.Chinese)).ToDictionary(g => g.Key, g => g.Select(t => t.Expert).ToArray());
        _demoTitles = [.. demo.SelectMany(e => e.Works).SelectMany(w => new[] { w.Title, TextVariation.Unwrap(w.Title) })];
        var chineseNames = demo.Select(e => e.Name).Where(TextVariation.IsChinese).ToList();
        _surnames = [.. chineseNames.Select(n => n[..1]).Distinct(StringComparer.Ordinal)];
        _givenNameCharacters = [.. chineseNames.SelectMany(n => n[1..]).Select(c => c.ToString()).Distinct(StringComparer.Ordinal)];
        var englishNames = demo.Select(e => e.Name).Where(n => !TextVariation.IsChinese(n)).Select(n => n.Split(' ')).ToList();
        _firstNames = [.. englishNames.Select(p => p[0]).Distinct(StringComparer.Ordinal)];
        _lastNames = [.. englishNames.Select(p => p[^1]).Distinct(StringComparer.Ordinal)];
    }

    public List<Expert> Generate(int count)
    {
        var experts = new List<Expert>(count);
        for (var i = 0; i < count; i++) experts.Add(Next($"B-{i + 1:D6}"));
        return experts;
    }

    private Expert Next(string id)
    {
        var template = PickTemplate();
        var source = template.Expert;
        var affiliation = _random.NextDouble() < 0.5 ? source : Pick(_affiliations[(source.Kind, template.Chinese)]);
        return new Expert
        {
            Id = id,
            Name = template.Chinese
                ? Pick(_surnames) + string.Concat(Enumerable.Range(0, _random.NextDouble() < 0.65 ? 2 : 1).Select(_ => Pick(_givenNameCharacters)))
                : $"{Pick(_firstNames)} {Pick(_lastNames)}",
            Kind = source.Kind,
            Title = source.Title,
            Organization = affiliation.Organization,
            Region = affiliation.Region,
            Societies = affiliation.Societies,
            Fields = Fields(template),
            Profile = Profile(template),
            Works = Works(template),
            Languages = source.Languages,
            Capacity = _random.Next(1, 6),
            Available = _random.NextDouble() < 0.88,
        };
    }

    private Template PickTemplate()
    {
        var pool = _random.NextDouble() < EnglishShare ? _english : _chinese;
        while (true)
        {
            // Academicians are 13% of the demo's Chinese experts; in a national pool of 100,000 they are rare.
            var template = Pick(pool);
            if (template.Expert.Kind != ExpertKind.Academician || _random.NextDouble() < 0.1) return template;
        }
    }

    private List<Work> Works(Template template)
    {
        var seeds = new List<(Expert From, Work Seed)>(WorksPerExpert);
        while (seeds.Count < WorksPerExpert)
        {
            var roll = _random.NextDouble();
            var from = roll < 0.55 ? template.Expert : roll < 0.85 ? Pick(template.Near) : Pick(template.Neighbouring);
            var seed = Pick(from.Works);
            // One seed per expert where possible: an expert does not publish the same work twice.
            if (seeds.All(s => s.Seed != seed) || _random.NextDouble() < 0.1) seeds.Add((from, seed));
        }
        return [.. seeds.Select(s => Work(template, s.From, s.Seed)).OrderByDescending(w => w.Year)];
    }

    private Work Work(Template template, Expert from, Work seed)
    {
        // Terms swapped into a title come from the same expert's works, so that the title stays within one topic.
        var terms = from.Works.SelectMany(w => w.Keywords).ToList();
        var title = seed.Title;
        if (_random.NextDouble() < 0.6) title = TextVariation.Recombine(title, Pick(Pick(template.Near).Works).Title, template.Chinese, _random);
        if (_random.NextDouble() < 0.45) title = TextVariation.Substitute(title, seed.Keywords, Pick(terms));
        title = TextVariation.Reframe(TextVariation.VaryNumbers(title, _random, 0.5), _demoTitles, () => Pick(terms), template.Chinese, _random);
        return new Work
        {
            Kind = seed.Kind,
            Title = title,
            Abstract = Abstract(template, seed),
            Keywords = Keywords(template, seed),
            Year = _random.Next(2008, 2027),
        };
    }

    // The seed's sentences in their order, mostly as many as the seed has; now and then one dropped, one added or one
    // replaced by a sentence of the specialty.
    private string Abstract(Template template, Work seed)
    {
        var sentences = TextVariation.Sentences(seed.Abstract).ToList();
        var roll = _random.NextDouble();
        if (sentences.Count > 1 && roll < 0.15) sentences.RemoveAt(_random.Next(1, sentences.Count));
        else if (sentences.Count < 3 && roll > 0.9 || sentences.Count == 0) sentences.Add(Pick(template.Sentences));
        else if (sentences.Count > 1 && roll < 0.4) sentences[_random.Next(1, sentences.Count)] = Pick(template.Sentences);
        return Join(sentences.Distinct(StringComparer.Ordinal)
            .Select(s => _random.NextDouble() < 0.15 ? TextVariation.Substitute(s, seed.Keywords, Pick(seed.Keywords)) : s),
            template.Chinese, numberProbability: 0.7);
    }

    private List<string> Keywords(Template template, Work seed)
    {
        var keywords = seed.Keywords.ToList();
        if (keywords.Count > 0 && _random.NextDouble() < 0.3) keywords[_random.Next(keywords.Count)] = Pick(template.Keywords);
        if (_random.NextDouble() < 0.25) keywords.Insert(_random.Next(keywords.Count + 1), Pick(template.Keywords));
        keywords = [.. keywords.Distinct(StringComparer.Ordinal)];
        for (var guard = 0; keywords.Count < 2 && guard < 10; guard++)
        {
            var keyword = Pick(template.Keywords);
            if (!keywords.Contains(keyword)) keywords.Add(keyword);
        }
        return [.. keywords.Take(5)];
    }

    private string Profile(Template template)
    {
        var own = TextVariation.Sentences(template.Expert.Profile).ToList();
        if (own.Count == 0) return "";
        // The opening sentence says who the expert is (院士, years in the trade); the rest may come from the specialty.
        var sentences = new List<string> { own[0] };
        var roll = _random.NextDouble();
        var count = Math.Clamp(own.Count + (roll < 0.2 ? -1 : roll > 0.85 ? 1 : 0), Math.Min(2, own.Count), 4);
        for (var guard = 0; sentences.Count < count && guard < 10; guard++)
        {
            var sentence = own.Count > 1 && (_random.NextDouble() < 0.5 || template.ProfileSentences.Length == 0)
                ? own[_random.Next(1, own.Count)]
                : template.ProfileSentences.Length > 0 ? Pick(template.ProfileSentences) : own[0];
            if (!sentences.Contains(sentence)) sentences.Add(sentence);
        }
        return Join(sentences, template.Chinese, numberProbability: 0.5);
    }

    private List<string> Fields(Template template)
    {
        var fields = template.Expert.Fields.ToList();
        if (fields.Count > 0 && _random.NextDouble() < 0.4) fields[_random.Next(fields.Count)] = Pick(template.Fields);
        return [.. fields.Distinct(StringComparer.Ordinal)];
    }

    private string Join(IEnumerable<string> sentences, bool chinese, double numberProbability) => string.Join(chinese ? "" : " ",
        sentences.Select(s => TextVariation.VaryNumbers(s, _random, numberProbability))
            .Select(s => s[^1] is '。' or '；' or '！' or '？' or '.' or ';' or '!' or '?' ? s : s + (chinese ? "。" : ".")));

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
