namespace Matchmaker.Core.Text;

/// <summary>
/// A Chinese–English glossary of technical terms (data/glossary.tsv: <c>中文 TAB english[|variant…]</c>), used to
/// add the other language's terms to a problem so that overseas experts writing in English meet Chinese postings.
/// </summary>
public sealed class Glossary
{
    private readonly List<(string Chinese, string[] English)> _entries;

    // Entries by the first two characters of each of their terms: a text can only contain a term whose first two
    // characters it has side by side, so a problem looks at a few entries instead of all of them (by the first
    // character alone, common ones such as 高 or 材 brought hundreds).
    private readonly Dictionary<int, int[]> _byOpening;

    private Glossary(List<(string, string[])> entries)
    {
        _entries = entries;
        _byOpening = entries
            .SelectMany((entry, i) => entry.Item2.Append(entry.Item1).Select(term => (Key: Opening(term.AsSpan()), Entry: i)))
            .GroupBy(p => p.Key)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Entry).Distinct().ToArray());
    }

    // A term's first two characters as one key (a one-character term: that character and a mark no text has).
    private static int Opening(ReadOnlySpan<char> term) => term[0] << 16 | (term.Length > 1 ? term[1] : 0xFFFF);

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
        for (var at = 0; at < lower.Length; at++)
        {
            Mark(Opening(lower.AsSpan(at)));
            Mark(lower[at] << 16 | 0xFFFF);
        }
        void Mark(int opening)
        {
            if (_byOpening.TryGetValue(opening, out var entries))
                foreach (var i in entries) candidate[i] = true;
        }
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
