using System.Text.Json;
using Matchmaker.Core.Enterprises;
using Matchmaker.Core.Problems;
using Matchmaker.Core.Storage;

namespace Matchmaker.Bench;

/// <summary>
/// Synthetic problems varied from the demo and evaluation problems (the bench's queries), the same on every run. Each
/// keeps its template's industry, region and enterprise (an evaluation problem, which has none, takes an enterprise of
/// its industry, so that every ranking reads its enterprise's exclusions). Its title gets numbers varied, a word
/// swapped for a synonym or its end spliced from another title of the industry, and half the time a request's
/// framing; its description keeps the template's sentences, numbers varied, now and then one borrowed from another
/// problem of the industry and a sentence about the enterprise added; its keywords are reshuffled with one of the
/// industry's. Every problem is open.
/// </summary>
internal sealed class ProblemGenerator
{
    public const int Seed = 20261204;

    private readonly Random _random = new(Seed);
    private readonly Problem[] _templates;
    private readonly Dictionary<string, Problem[]> _byIndustry;
    private readonly Dictionary<string, string[]> _enterprisesByIndustry;
    private readonly string[] _enterprises;

    public ProblemGenerator(IReadOnlyList<Problem> templates, IReadOnlyList<Enterprise> enterprises)
    {
        _templates = [.. templates];
        _byIndustry = templates.GroupBy(p => p.Industry ?? "").ToDictionary(g => g.Key, g => g.ToArray());
        _enterprisesByIndustry = enterprises.GroupBy(e => e.Industry ?? "").ToDictionary(g => g.Key, g => g.Select(e => e.Id).ToArray());
        _enterprises = [.. enterprises.Select(e => e.Id)];
    }

    /// <summary>The demo problems (data/problems.jsonl) and the evaluation problems (data/eval/problems.jsonl), as the API imports them.</summary>
    public static List<Problem> DemoProblems(string root) =>
        [.. Lines<Problem>(Path.Combine(root, "data", "problems.jsonl")), .. Lines<Problem>(Path.Combine(root, "data", "eval", "problems.jsonl"))];

    public static List<Enterprise> DemoEnterprises(string root) => [.. Lines<Enterprise>(Path.Combine(root, "data", "enterprises.jsonl"))];

    public List<Problem> Generate(int count)
    {
        var problems = new List<Problem>(count);
        for (var i = 0; i < count; i++) problems.Add(Next($"BP-{i + 1:D6}", _templates[i % _templates.Length]));
        return problems;
    }

    private Problem Next(string id, Problem template)
    {
        var chinese = TextVariation.IsChinese(template.Title ?? template.Description);
        var industry = _byIndustry[template.Industry ?? ""];
        return template with
        {
            Id = id,
            EnterpriseId = template.EnterpriseId ?? Pick(_enterprisesByIndustry.GetValueOrDefault(template.Industry ?? "") ?? _enterprises),
            Title = template.Title is { } title ? Title(title, Pick(industry).Title, chinese) : null,
            Description = Description(template.Description, Pick(industry).Description, chinese),
            Keywords = Keywords(template.Keywords, Pick(industry).Keywords),
            Status = ProblemStatus.Open,
        };
    }

    private string Title(string title, string? other, bool chinese)
    {
        title = TextVariation.VaryNumbers(title, _random, 0.5);
        var roll = _random.NextDouble();
        if (roll < 0.4) title = TextVariation.Synonyms(title, chinese, _random);
        else if (roll < 0.7 && other is not null) title = TextVariation.Recombine(title, other, chinese, _random);
        return _random.NextDouble() < 0.5 ? Frame(title, chinese) : title;
    }

    // How enterprises word a request around the problem itself.
    private string Frame(string title, bool chinese) => chinese
        ? _random.Next(5) switch
        {
            0 => $"急需解决：{title}",
            1 => $"{title}，求专家指导",
            2 => $"关于{title}的问题",
            3 => $"{title}（{_random.Next(1, 10)}号产线）",
            _ => $"{title}，影响交货",
        }
        : _random.Next(4) switch
        {
            0 => $"Urgent: {title}",
            1 => $"{title}: seeking advice",
            2 => $"{title} on line {_random.Next(1, 10)}",
            _ => $"Help needed: {title}",
        };

    private string? Description(string? description, string? other, bool chinese)
    {
        var sentences = TextVariation.Sentences(description).Select(s => TextVariation.VaryNumbers(s, _random, 0.7)).ToList();
        var borrowed = TextVariation.Sentences(other).ToList();
        if (borrowed.Count > 0 && _random.NextDouble() < 0.3) sentences.Add(borrowed[_random.Next(borrowed.Count)]);
        if (_random.NextDouble() < 0.5) sentences.Insert(0, Context(chinese));
        if (sentences.Count > 1 && _random.NextDouble() < 0.3) sentences[^1] = TextVariation.Synonyms(sentences[^1], chinese, _random);
        return sentences.Count == 0 ? description : string.Join(chinese ? "" : " ", sentences.Distinct(StringComparer.Ordinal));
    }

    // What an enterprise says of itself before the problem: words every problem may share, numbers that vary.
    private string Context(bool chinese) => chinese
        ? _random.Next(4) switch
        {
            0 => $"我们是一家{_random.Next(20, 800)}人左右的企业。",
            1 => $"目前年产值约{_random.Next(1, 30)}亿元。",
            2 => $"已经试过{_random.Next(2, 6)}种方案，效果都不理想。",
            _ => $"希望{_random.Next(2, 12)}个月内解决。",
        }
        : _random.Next(3) switch
        {
            0 => $"We are a company of about {_random.Next(20, 800)} people.",
            1 => $"We have tried {_random.Next(2, 6)} approaches without success.",
            _ => $"We hope to solve this within {_random.Next(2, 12)} months.",
        };

    private List<string> Keywords(IReadOnlyList<string> own, IReadOnlyList<string> other)
    {
        var keywords = own.OrderBy(_ => _random.Next()).ToList();
        if (other.Count > 0 && _random.NextDouble() < 0.3) keywords.Add(other[_random.Next(other.Count)]);
        return [.. keywords.Distinct(StringComparer.Ordinal)];
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static IEnumerable<T> Lines<T>(string file) => File.ReadLines(file)
        .Where(line => !string.IsNullOrWhiteSpace(line))
        .Select(line => JsonSerializer.Deserialize<T>(line, MatchmakerJson.Options)!);
}
