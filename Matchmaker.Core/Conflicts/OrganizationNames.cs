using System.Text;

namespace Matchmaker.Core.Conflicts;

/// <summary>
/// Organization names compared as people mean them: full-width and half-width alike (NFKC), case, spaces and
/// punctuation ignored, and the legal form dropped from the end (股份有限公司, 有限责任公司, 有限公司, 集团, 公司;
/// Co., Ltd., Inc., GmbH …), so that 杭州示例家纺有限公司 and 杭州示例家纺股份有限公司 are one organization.
/// </summary>
public static class OrganizationNames
{
    private static readonly string[] ChineseForms = ["股份有限公司", "有限责任公司", "有限公司", "集团公司", "集团", "公司"];

    private static readonly HashSet<string> LatinForms = new(StringComparer.Ordinal)
    {
        "co", "company", "corp", "corporation", "inc", "incorporated", "ltd", "limited", "llc", "plc", "gmbh", "ag", "sa", "group",
    };

    /// <summary>The name's comparison key, or null for no name.</summary>
    public static string? Key(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var folded = name.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        // Words (runs of letters and digits); a legal form is dropped only as whole words at the end.
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c)) word.Append(c);
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
        if (word.Length > 0) words.Add(word.ToString());
        while (words.Count > 1 && LatinForms.Contains(words[^1])) words.RemoveAt(words.Count - 1);
        var key = string.Concat(words);
        for (var stripped = true; stripped;)
        {
            stripped = false;
            foreach (var form in ChineseForms)
                if (key.Length > form.Length && key.EndsWith(form, StringComparison.Ordinal))
                {
                    key = key[..^form.Length];
                    stripped = true;
                    break;
                }
        }
        return key.Length == 0 ? null : key;
    }
}
