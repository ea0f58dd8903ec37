using System.Text;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Problems;

namespace Matchmaker.Core.Ranking;

/// <summary>The texts the ranker reads: an expert's profile document, each work, and a problem.</summary>
public static class ExpertText
{
    /// <summary>Profile and fields. Fields are the expert's own summary of the specialty: read twice.</summary>
    public static string Profile(Expert expert)
    {
        var text = new StringBuilder();
        text.AppendLine(expert.Profile);
        text.AppendJoin(' ', expert.Fields).AppendLine();
        text.AppendJoin(' ', expert.Fields).AppendLine();
        return text.ToString();
    }

    public static string Of(Work work)
    {
        var text = new StringBuilder();
        text.AppendLine(work.Title);
        text.AppendLine(work.Abstract);
        text.AppendJoin(' ', work.Keywords).AppendLine();
        return text.ToString();
    }

    /// <summary>All of an expert's text (what a one-document-per-expert baseline indexes).</summary>
    public static string Of(Expert expert) => Profile(expert) + string.Concat(expert.Works.Select(Of));

    public static string Of(ProblemQuery problem)
    {
        var text = new StringBuilder();
        text.AppendLine(problem.Title);
        text.AppendLine(problem.Description);
        text.AppendJoin(' ', problem.Keywords).AppendLine();
        text.AppendLine(problem.Industry);
        return text.ToString();
    }
}

/// <summary>The parts of a problem the ranker uses; a stored problem or ad-hoc text.</summary>
public sealed record ProblemQuery(string? Title, string? Description, string? Industry, string? Region, IReadOnlyList<string> Keywords)
{
    public static ProblemQuery From(Problem problem) =>
        new(problem.Title, problem.Description, problem.Industry, problem.Region, problem.Keywords);

    /// <summary>A SHA-256 of everything a ranking reads of the problem: equal fingerprints, equal rankings on one index.</summary>
    public string Fingerprint()
    {
        // Each part with its length in front, so that no two different problems give the same text to hash.
        var text = new StringBuilder();
        foreach (var part in new[] { Title, Description, Industry, Region }.Concat(Keywords))
            text.Append(part?.Length ?? -1).Append(':').Append(part);
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
