using System.Text.RegularExpressions;

namespace Matchmaker.Core.Ranking;

/// <summary>The non-text facts of a problem that the ranker compares with an expert: industry, region, keywords.</summary>
internal sealed class ProblemContext(ProblemQuery problem)
{
    private readonly string? _industry = string.IsNullOrWhiteSpace(problem.Industry) ? null : problem.Industry.Trim();
    private readonly string? _industryLower = string.IsNullOrWhiteSpace(problem.Industry) ? null : problem.Industry.Trim().ToLowerInvariant();
    private readonly (string? City, string? Province) _region = Places.Of(problem.Region);
    private readonly string[] _keywords = problem.Keywords.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim().ToLowerInvariant()).Distinct().ToArray();

    public int Year { get; } = DateTime.UtcNow.Year;

    public bool HasIndustry => _industry is not null;

    public string? City => _region.City;

    public string? Province => _region.Province;

    public double Industry(IndexedExpert expert) =>
        _industry is not null && (Array.IndexOf(expert.Fields, _industry) >= 0 || expert.Evidence.Contains(_industryLower!, StringComparison.Ordinal)) ? 1 : 0;

    public double Region(IndexedExpert expert)
    {
        if (_region.City is null && _region.Province is null) return 0;
        if (expert.City is not null && expert.City == _region.City) return 1;
        return expert.Province is not null && expert.Province == _region.Province ? 0.5 : 0;
    }

    public double KeywordOverlap(IndexedExpert expert) =>
        _keywords.Length == 0 ? 0 : _keywords.Count(k => expert.Evidence.Contains(k, StringComparison.Ordinal)) / (double)_keywords.Length;
}

/// <summary>City and province of a Chinese place name.</summary>
internal static partial class Places
{
    // "浙江省杭州市" → (杭州, 浙江); "湖州市德清县" → (湖州, 浙江); "Germany" → (null, null).
    public static (string? City, string? Province) Of(string? region)
    {
        if (string.IsNullOrWhiteSpace(region)) return (null, null);
        var city = City().Match(region) is { Success: true } c ? c.Groups[1].Value : null;
        var province = Province().Match(region) is { Success: true } p ? p.Groups[1].Value
            : city is not null && ZhejiangCities.Contains(city) ? "浙江" : null;
        return (city, province);
    }

    private static readonly HashSet<string> ZhejiangCities = ["杭州", "宁波", "温州", "嘉兴", "湖州", "绍兴", "金华", "衢州", "舟山", "台州", "丽水"];

    [GeneratedRegex(@"(?:省|^)([\u4e00-\u9fff]{2,3}?)市")]
    private static partial Regex City();

    [GeneratedRegex(@"([\u4e00-\u9fff]{2,3}?)省")]
    private static partial Regex Province();
}
