using System.Globalization;
using System.Text.RegularExpressions;

namespace Matchmaker.Bench;

/// <summary>Small edits that keep recombined demo text readable but not verbatim: numbers, terms, synonyms, title splices and framings.</summary>
internal static partial class TextVariation
{
    public static bool IsChinese(string? text) => text is not null && text.Any(c => c is >= '\u4e00' and <= '\u9fff');

    /// <summary>Sentences of a Chinese (。；) or English (. ; followed by a capital or digit) text, punctuation kept.</summary>
    public static IEnumerable<string> Sentences(string? text) => string.IsNullOrWhiteSpace(text)
        ? []
        : SentenceEnd().Split(text.Trim()).Select(s => s.Trim()).Where(s => s.Length > 1);

    /// <summary>
    /// Scales some numbers by 0.6–1.4, keeping their decimals. Integers of four digits or more (years, standards,
    /// alloy grades), numbers glued to a letter (C6, PM2.5) or after a code (GB 8624, NFPA 701) stay as they are;
    /// percentages stay below 100.
    /// </summary>
    public static string VaryNumbers(string text, Random random, double probability) => Number().Replace(text, match =>
    {
        var value = match.Value;
        var before = match.Index > 0 ? text[match.Index - 1] : ' ';
        var word = match.Index > 1 && before == ' ' ? text[match.Index - 2] : ' ';
        if (char.IsAsciiLetter(before) || before is '-' or '.' or ',' or '·' or '/' || char.IsAsciiLetterUpper(word)) return value;
        var dot = value.IndexOf('.');
        if (value.Contains(',') || dot < 0 && value.Length >= 4 || random.NextDouble() >= probability) return value;
        var number = double.Parse(value, CultureInfo.InvariantCulture) * (0.6 + 0.8 * random.NextDouble());
        var percent = match.Index + value.Length < text.Length && text[match.Index + value.Length] == '%';
        if (percent && double.Parse(value, CultureInfo.InvariantCulture) <= 100) number = Math.Min(number, 99);
        var decimals = dot < 0 ? 0 : value.Length - dot - 1;
        return dot < 0 ? Math.Max(1, (long)Math.Round(number)).ToString(CultureInfo.InvariantCulture)
            : number.ToString("F" + decimals, CultureInfo.InvariantCulture);
    });

    /// <summary>Replaces the first of <paramref name="terms"/> found in <paramref name="text"/> by <paramref name="substitute"/>.</summary>
    public static string Substitute(string text, IReadOnlyList<string> terms, string substitute)
    {
        if (text.Contains(substitute, StringComparison.OrdinalIgnoreCase)) return text;
        foreach (var term in terms)
        {
            var at = term.Length >= 2 ? text.IndexOf(term, StringComparison.OrdinalIgnoreCase) : -1;
            if (at >= 0 && !term.Equals(substitute, StringComparison.OrdinalIgnoreCase))
                return string.Concat(text.AsSpan(0, at), substitute, text.AsSpan(at + term.Length));
        }
        return text;
    }

    /// <summary>
    /// Puts a title in a new framing, as papers and projects phrase the same topic: the demo's own project and case
    /// study wrappers are mostly taken off, a word may give way to a synonym, then a prefix, a suffix or both are added,
    /// some with a term of the specialty.
    /// </summary>
    public static string Reframe(string title, IReadOnlySet<string> demoTitles, Func<string> term, bool chinese, Random random)
    {
        foreach (var wrapper in Wrappers)
        {
            if (random.NextDouble() >= 0.6) continue;
            if (title.StartsWith(wrapper, StringComparison.Ordinal) && title.Length > wrapper.Length + 4) title = title[wrapper.Length..];
            else if (title.EndsWith(wrapper, StringComparison.Ordinal) && title.Length > wrapper.Length + 4) title = title[..^wrapper.Length];
        }
        if (random.NextDouble() < 0.5) title = Synonyms(title, chinese, random);
        if (random.NextDouble() < 0.3) title = chinese ? ChinesePrefix(title, term(), random) : EnglishPrefix(title, term(), random);
        // A title no step has changed always gets a suffix: no expert repeats a demo title verbatim.
        if (random.NextDouble() < 0.55 || demoTitles.Contains(title)) title = chinese ? ChineseSuffix(title, term, random) : EnglishSuffix(title, term, random);
        return chinese || title.Length == 0 ? title : char.ToUpperInvariant(title[0]) + title[1..];
    }

    /// <summary>
    /// The beginning of one title joined to the end of another (of the same specialty) at a connector both contain:
    /// "带随形冷却水路的注塑模具镶件" + "…的湿法凝固方法" → "带随形冷却水路的湿法凝固方法".
    /// </summary>
    public static string Recombine(string first, string second, bool chinese, Random random)
    {
        var connectors = chinese ? ChineseConnectors : EnglishConnectors;
        var start = random.Next(connectors.Length);
        for (var k = 0; k < connectors.Length; k++)
        {
            var connector = connectors[(start + k) % connectors.Length];
            var a = first.IndexOf(connector, StringComparison.Ordinal);
            var b = second.LastIndexOf(connector, StringComparison.Ordinal);
            if (a > 1 && b >= 0 && b + connector.Length < second.Length - 1)
                return string.Concat(first.AsSpan(0, a + connector.Length), second.AsSpan(b + connector.Length));
        }
        return first;
    }

    private static readonly string[] ChineseConnectors = ["的", "与", "中", "对"];
    private static readonly string[] EnglishConnectors = [" for ", " of ", " in ", " with ", " by ", " and "];

    /// <summary>Swaps one common title word for a near synonym (研究 → 分析, method → approach).</summary>
    public static string Synonyms(string title, bool chinese, Random random)
    {
        var pairs = chinese ? ChineseSynonyms : EnglishSynonyms;
        var start = random.Next(pairs.Length);
        for (var k = 0; k < pairs.Length; k++)
        {
            var (word, synonym) = pairs[(start + k) % pairs.Length];
            var at = title.IndexOf(word, StringComparison.Ordinal);
            if (at >= 0) return string.Concat(title.AsSpan(0, at), synonym, title.AsSpan(at + word.Length));
        }
        return title;
    }

    private static readonly (string, string)[] ChineseSynonyms =
    [
        ("研究", "分析"), ("应用", "实践"), ("方法", "技术"), ("优化", "改进"), ("控制", "调控"), ("检测", "监测"),
        ("设计", "开发"), ("提高", "提升"), ("影响", "作用"), ("评价", "评估"), ("构建", "建立"), ("系统", "平台"),
    ];

    private static readonly (string, string)[] EnglishSynonyms =
    [
        ("method", "approach"), ("improved", "enhanced"), ("analysis", "assessment"), ("control", "regulation"),
        ("optimisation", "tuning"), ("detection", "identification"), ("monitoring", "tracking"), ("prediction", "forecasting"),
        ("reduction", "mitigation"), ("design", "development"), ("review", "survey"), ("evaluation", "assessment"),
    ];

    /// <summary>The title without the demo's project and case study wrappers.</summary>
    public static string Unwrap(string title)
    {
        foreach (var wrapper in Wrappers)
        {
            if (title.StartsWith(wrapper, StringComparison.Ordinal)) title = title[wrapper.Length..];
            if (title.EndsWith(wrapper, StringComparison.Ordinal)) title = title[..^wrapper.Length];
        }
        return title;
    }

    private static string ChinesePrefix(string title, string term, Random random) => random.Next(6) switch
    {
        0 => $"基于{term}的{title}",
        1 => $"面向{term}的{title}",
        2 => $"{term}条件下{title}",
        3 => $"考虑{term}的{title}",
        4 => $"{term}约束下的{title}",
        _ => $"{Projects[random.Next(Projects.Length)]}：{title}",
    };

    private static string ChineseSuffix(string title, Func<string> term, Random random) => random.Next(12) switch
    {
        0 => $"{title}的试验研究",
        1 => $"{title}及其工程应用",
        2 => $"{title}中的{term()}问题",
        3 => $"{title}的机理与调控",
        4 => $"{title}：中试验证",
        5 => $"{title}：以{ChineseCities[random.Next(ChineseCities.Length)]}企业为例",
        6 => $"{title}（{term()}方向）",
        7 => $"{title}的数值模拟与验证",
        8 => $"{title}：{random.Next(3, 40)}家企业的调查",
        9 => $"{title}：研究现状与展望",
        10 => $"{title}：工程应用案例分析",
        _ => $"{title}的优化设计",
    };

    private static string EnglishPrefix(string title, string term, Random random)
    {
        var lower = title.Length > 1 && char.IsUpper(title[0]) && !char.IsUpper(title[1]) ? char.ToLowerInvariant(title[0]) + title[1..] : title;
        return random.Next(6) switch
        {
            0 => $"Towards {lower}",
            1 => $"Revisiting {lower}",
            2 => $"Data-driven {lower}",
            3 => $"{char.ToUpperInvariant(term[0])}{term[1..]}-aware {lower}",
            4 => $"Low-cost {lower}",
            _ => $"{(random.Next(2) == 0 ? "Contract research" : "Knowledge-transfer project")}: {lower}",
        };
    }

    private static string EnglishSuffix(string title, Func<string> term, Random random) => random.Next(10) switch
    {
        0 => $"{title}: a pilot study",
        1 => $"{title} in {term()} applications",
        2 => $"{title}: field validation",
        3 => $"{title} with {term()}",
        4 => $"{title}: lessons from {random.Next(3, 40)} industrial sites",
        5 => $"{title}: a case study in {ForeignCities[random.Next(ForeignCities.Length)]}",
        6 => $"{title} under {term()} constraints",
        7 => $"{title}: pilot-scale validation",
        8 => $"{title}: an industrial case study",
        _ => $"{title}: a comparative study",
    };

    private static readonly string[] Projects = ["科技特派员服务项目", "“科技助企”服务项目", "企业委托项目", "横向合作课题", "产学研合作项目"];
    private static readonly string[] Wrappers =
    [
        .. Projects.Select(p => p + "："), "：研究现状与展望", "：工程应用案例分析",
        "Contract research: ", "Knowledge-transfer project: ", ": pilot-scale validation", ": an industrial case study",
    ];
    private static readonly string[] ChineseCities = ["杭州", "湖州", "宁波", "嘉兴", "绍兴", "苏州", "上海", "德清", "余杭", "温州", "台州"];
    private static readonly string[] ForeignCities = ["Munich", "Manchester", "Singapore", "Delft", "Osaka", "Lyon", "Toronto", "Zurich", "Hangzhou"];

    [GeneratedRegex(@"(?<=[。；！？])|(?<=[.;!?])\s+(?=[A-Z0-9])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?")]
    private static partial Regex Number();
}
