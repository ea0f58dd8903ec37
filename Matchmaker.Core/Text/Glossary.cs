namespace Matchmaker.Core.Text;

/// <summary>
/// A Chinese–English glossary of technical terms (data/glossary.tsv: <c>中文 TAB english[|variant…]</c>), used to
/// add the other language's terms to a problem so that overseas experts writing in English meet Chinese postings.
/// </summary>
public sealed class Glossary
{
    private readonly List<(string Chinese, string[] English)> _entries;

    // Entries by the first character of each of their terms: a text can only contain a term whose first character
    // it has, so a problem looks at a few dozen entries instead of all of them.
    private readonly Dictionary<char, int[]> _byFirstCharacter;

    private Glossary(List<(string, string[])> entries)
    {
        _entries = entries;
        _byFirstCharacter = entries
            .SelectMany((entry, i) => entry.Item2.Append(entry.Item1).Select(term => (First: term[0], Entry: i)))
            .GroupBy(p => p.First)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Entry).Distinct().ToArray());
    }

    public static Glossary Empty { get; } = new([]);

    public static Glossary Load(string file)
    {
        var entries = new List<(string, string[])>();
        foreach (var line in File.ReadLines(file))
        {
            var parts = line.Split('\t');
            if (parts.Length < 2 || parts[0].Trim().Length == 0) continue;
            var english = parts.Skip(1).SelectMany(p => p.Split('|')).Select(e => e.Trim().ToLowerInvariant()).Where(e => e.Length > 0).ToArray();
            if (english.Length > 0) entries.Add((parts[0].Trim(), english));
        }
        // Longer terms first, so that 超临界二氧化碳染色 is found before 染色.
        return new Glossary(entries.OrderByDescending(e => e.Item1.Length).ToList());
    }

    /// <summary>The other language's terms for the glossary terms that <paramref name="text"/> contains.</summary>
    public IReadOnlyList<string> Expand(string text)
    {
        if (_entries.Count == 0 || string.IsNullOrWhiteSpace(text)) return [];
        var lower = text.ToLowerInvariant();
        var candidate = new bool[_entries.Count];
        var seen = new HashSet<char>();
        foreach (var c in lower)
            if (seen.Add(c) && _byFirstCharacter.TryGetValue(c, out var entries))
                foreach (var i in entries) candidate[i] = true;
        var added = new List<string>();
        for (var i = 0; i < _entries.Count; i++)
        {
            if (!candidate[i]) continue;
            var (chinese, english) = _entries[i];
            if (lower.Contains(chinese, StringComparison.Ordinal)) added.Add(english[0]);
            else if (english.Any(e => ContainsWord(lower, e))) added.Add(chinese);
        }
        return added;
    }

    private static bool ContainsWord(string text, string phrase)
    {
        for (var at = text.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = text.IndexOf(phrase, at + 1, StringComparison.Ordinal))
        {
            var before = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
            var end = at + phrase.Length;
            var after = end >= text.Length || !char.IsLetterOrDigit(text[end]) || (text[end] == 's' && (end + 1 >= text.Length || !char.IsLetterOrDigit(text[end + 1])));
            if (before && after) return true;
        }
        return false;
    }
}
