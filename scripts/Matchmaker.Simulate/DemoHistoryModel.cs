using System.Text.RegularExpressions;
using Matchmaker.Core.Enterprises;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Matching;
using Matchmaker.Core.Problems;

namespace Matchmaker.Simulate;

/// <summary>
/// What staff, experts and enterprises of the demo history plausibly do next, with its chances, delays, outcome
/// figures and the notes staff write (in Chinese). The chances are set so that the year comes out at the scale of
/// the associations' own yearly reports, shrunk to the demo's 269 problems: a few hundred matches, 100–150 visits,
/// 60–90 problems solved, added profit in the tens of millions of yuan. An expert's answer depends on what the base
/// ranker does not weigh (academicians and overseas talents decline more, local experts accept more, a busy expert
/// declines), and on the fit (the affinity against the best of the ranking), so the outcomes carry something to learn.
/// </summary>
internal sealed partial class DemoHistoryModel(Random random)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    // 百名专家进百企: the spring campaign that takes up many of the problems posted before the year.
    private static readonly DateTimeOffset SpringCampaign = new(2026, 3, 9, 0, 0, 0, China);

    /// <summary>The least affinity, against the best of the ranking, of an expert staff propose: none far below the best.</summary>
    public const double LeastFit = 0.5;

    /// <summary>When staff first take a problem up: some days after it is posted, or for an older one during the year; null when not in the year.</summary>
    public DateTimeOffset? FirstTakeUp(Problem problem, DateTimeOffset start, DateTimeOffset end)
    {
        var posted = problem.PostedAt ?? start;
        var draw = random.NextDouble();
        if (posted >= start)
        {
            if (draw >= 0.7) return null;
            var at = Later(posted, 2, 21);
            return at < end.AddDays(-3) ? at : null;
        }
        if (draw >= 0.35) return null;
        return draw < 0.2 ? Later(SpringCampaign, 0, 45) : Later(start, 1, 330);
    }

    /// <summary>Experts proposed when a problem is taken up: one to three at first (the enterprise picks), one when it is taken up again.</summary>
    public int ExpertsPerTakeUp(int round) => round > 1 ? 1 : random.NextDouble() switch { < 0.45 => 1, < 0.85 => 2, _ => 3 };

    /// <summary>
    /// The expert staff propose from the ranking: near the top, an academician mostly for an urgent problem of a
    /// larger enterprise, an overseas talent mostly for a problem written in English, local experts a little more often.
    /// </summary>
    public DemoHistory.Candidate Choose(IReadOnlyList<DemoHistory.Candidate> candidates, Func<DemoHistory.Candidate, Expert> expertOf, Problem problem,
        Enterprise? enterprise)
    {
        var weights = candidates.Select(c =>
        {
            var kind = expertOf(c).Kind switch
            {
                ExpertKind.Academician => problem.Urgency == Urgency.High && enterprise?.Size is EnterpriseSize.Medium or EnterpriseSize.Large ? 0.6 : 0.15,
                ExpertKind.OverseasTalent => IsEnglish(problem) ? 1 : 0.35,
                _ => 1,
            };
            return Math.Exp(-c.Rank / 3.0) * kind * (c.RegionMatch >= 0.5 ? 1.4 : 1);
        }).ToList();
        var draw = random.NextDouble() * weights.Sum();
        for (var i = 0; i < candidates.Count; i++)
            if ((draw -= weights[i]) <= 0) return candidates[i];
        return candidates[^1];
    }

    /// <summary>After the proposal: the expert is contacted within days, or the enterprise lets the problem wait.</summary>
    public (MatchStatus, (double, double)) AfterProposal() =>
        random.NextDouble() < 0.96 ? (MatchStatus.Contacted, (0.5, 6)) : (MatchStatus.Withdrawn, (3, 15));

    /// <summary>The step that follows <paramref name="status"/>, and when; null when nothing follows by itself (a final status).</summary>
    public (MatchStatus Status, DateTimeOffset At)? Following(MatchStatus status, Expert expert, DemoHistory.Candidate candidate, int load, DateTimeOffset at)
    {
        switch (status)
        {
            case MatchStatus.Contacted:
                return (Answer(expert, candidate, load), Later(at, 1, 8));
            case MatchStatus.Accepted:
                // The visit (on site, or online for an expert abroad), or a withdrawal when no date is found.
                return random.NextDouble() < 0.9 ? (MatchStatus.Visited, Later(at, 5, 30)) : (MatchStatus.Withdrawn, Later(at, 5, 20));
            case MatchStatus.Visited:
                // Trials take weeks to months, longer with an academician's team or an expert abroad.
                var outcome = Outcome(expert, candidate);
                return expert.Kind is ExpertKind.Academician or ExpertKind.OverseasTalent ? (outcome, Later(at, 30, 110)) : (outcome, Later(at, 20, 90));
            default:
                return null;
        }
    }

    /// <summary>The expert's answer to the contact, by kind, fit, region and how busy they are (<paramref name="load"/> counts this match).</summary>
    private MatchStatus Answer(Expert expert, DemoHistory.Candidate candidate, int load)
    {
        var accept = expert.Kind switch
        {
            ExpertKind.Academician => 0.3,
            ExpertKind.OverseasTalent => 0.5,
            ExpertKind.SocietyExpert => 0.78,
            _ => 0.82,
        };
        accept *= 0.55 + 0.45 * Math.Sqrt(Math.Clamp(candidate.Relative, 0, 1));
        accept *= candidate.RegionMatch >= 1 ? 1.1 : candidate.RegionMatch >= 0.5 ? 1 : 0.85;
        if (load > expert.Capacity) accept *= 0.7;
        var draw = random.NextDouble();
        return draw < 0.03 ? MatchStatus.Withdrawn : draw < 0.03 + 0.97 * Math.Min(accept, 0.95) ? MatchStatus.Accepted : MatchStatus.Declined;
    }

    /// <summary>Whether another expert still waiting is withdrawn once one has accepted.</summary>
    public bool WithdrawOthers() => random.NextDouble() < 0.6;

    /// <summary>The outcome of a visit, by fit and kind.</summary>
    private MatchStatus Outcome(Expert expert, DemoHistory.Candidate candidate)
    {
        var solve = 0.35 + 0.3 * Math.Clamp(candidate.Relative, 0, 1) + expert.Kind switch
        {
            ExpertKind.Academician => 0.1,
            ExpertKind.Engineer => 0.05,
            _ => 0,
        };
        return random.NextDouble() < Math.Min(solve, 0.92) ? MatchStatus.Solved : MatchStatus.Unsolved;
    }

    /// <summary>Whether staff take a problem up again after its experts all declined or withdrew, or after a visit that did not solve it.</summary>
    public bool TakeUpAgain(MatchStatus last) => random.NextDouble() < (last == MatchStatus.Unsolved ? 0.3 : 0.65);

    // The long public holidays of the year (元旦, 春节, 劳动节, 国庆): nobody visits an enterprise then.
    private static readonly (DateTime From, DateTime To)[] Holidays =
    [
        (new(2026, 1, 1), new(2026, 1, 3)), (new(2026, 2, 15), new(2026, 2, 23)), (new(2026, 5, 1), new(2026, 5, 5)),
        (new(2026, 10, 1), new(2026, 10, 7)),
    ];

    /// <summary>
    /// A working time (weekdays outside the long holidays, 9:00–17:30 China time) <paramref name="minDays"/> to
    /// <paramref name="maxDays"/> after <paramref name="from"/>, never before it.
    /// </summary>
    public DateTimeOffset Later(DateTimeOffset from, double minDays, double maxDays)
    {
        var day = from.ToOffset(China).AddDays(minDays + random.NextDouble() * (maxDays - minDays)).Date;
        while (true)
        {
            while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || Holidays.Any(h => day >= h.From && day <= h.To)) day = day.AddDays(1);
            var at = new DateTimeOffset(day, China).AddMinutes(9 * 60 + 5 * random.Next(0, 103));
            if (at > from) return at;
            day = day.AddDays(1);
        }
    }

    /// <summary>
    /// The event as staff record it: the step, its time and note, and for an outcome its figures (profit by the size
    /// of the enterprise, patents more often with an expert who holds some, now and then a standard, an award or a
    /// joint project) and the enterprise's rating.
    /// </summary>
    public NewMatchEvent Figures(MatchStatus status, Problem problem, Expert expert, Enterprise? enterprise, MatchStatus before,
        DateTimeOffset? visit, bool othersAccepted, int load, DateTimeOffset at)
    {
        var e = new NewMatchEvent { Status = status, OccurredAt = at };
        var topic = Topic(problem);
        switch (status)
        {
            case MatchStatus.Contacted:
                return e with
                {
                    Note = expert.Kind == ExpertKind.OverseasTalent ? $"邮件联系{Who(expert)}，附英文需求说明，约线上沟通"
                        : expert.Societies.Count > 0 && random.NextDouble() < 0.4 ? $"经{expert.Societies[0]}联系{Who(expert)}，介绍企业需求"
                        : $"电话联系{Who(expert)}，介绍企业在{topic}方面的需求，发送问题说明",
                };
            case MatchStatus.Accepted:
                return e with
                {
                    Note = visit is not { } v ? $"{Who(expert)}同意对接，时间待定"
                        : expert.Kind == ExpertKind.OverseasTalent ? $"{Who(expert)}同意线上会诊，约定{v:M月d日}视频会议"
                        : $"{Who(expert)}同意对接，约定{v:M月d日}赴企业",
                };
            case MatchStatus.Declined:
                return e with
                {
                    Note = load > expert.Capacity ? "专家本季度对接任务已满，婉拒"
                        : expert.Kind == ExpertKind.Academician ? "院士日程已排满，建议由其团队成员另行对接"
                        : expert.Kind == ExpertKind.OverseasTalent ? "专家近期无法来华，线上会诊时间也难以协调，婉拒"
                        : Pick("专家近期承担重点课题，时间冲突，婉拒", "专家认为该问题与其研究方向不够对口，建议另请专家", "专家近期出差较多，暂无法对接"),
                };
            case MatchStatus.Withdrawn:
                return e with
                {
                    Note = before switch
                    {
                        MatchStatus.Accepted => "双方日程难以协调，撤回",
                        _ when othersAccepted => "企业已与其他专家对接，撤回",
                        MatchStatus.Proposed => "企业需求调整，暂缓对接",
                        _ => "企业联系人变动，暂停对接",
                    },
                };
            case MatchStatus.Visited:
                return e with
                {
                    Note = expert.Kind == ExpertKind.OverseasTalent ? $"视频会诊{topic}问题，企业技术团队参加，专家提出初步方案"
                        : expert.Kind == ExpertKind.Academician ? $"{Who(expert)}带队赴企业调研{topic}问题，提出攻关思路"
                        : $"{Who(expert)}赴{enterprise?.Name ?? "企业"}现场调研{topic}问题，与技术人员座谈，提出初步方案",
                };
            case MatchStatus.Solved:
                return Solved(e, problem, expert, enterprise);
            default:
                var project = random.NextDouble() < 0.12;
                return e with
                {
                    Rating = random.NextDouble() < 0.8 ? random.Next(2, 4) : 4,
                    Projects = project ? 1 : null,
                    Note = Pick("试验效果未达预期，企业暂缓投入", "改造需更换关键设备，企业资金不足，暂时搁置", "原因已查明，但改进成本高于预期，企业另寻方案",
                        "试验周期长，企业决定明年再议") + (project ? "；双方联合申报科技项目继续攻关" : ""),
                };
        }
    }

    private NewMatchEvent Solved(NewMatchEvent e, Problem problem, Expert expert, Enterprise? enterprise)
    {
        // Added profit in units of 10,000 yuan (万元), log-uniform within a range by the enterprise's size.
        var (low, high) = enterprise?.Size switch
        {
            EnterpriseSize.Micro => (3, 40),
            EnterpriseSize.Medium => (30, 500),
            EnterpriseSize.Large => (80, 1500),
            _ => (10, 150),
        };
        decimal? profit = random.NextDouble() < 0.85 ? 10_000m * (decimal)Math.Round(Math.Exp(Math.Log(low) + random.NextDouble() * (Math.Log(high) - Math.Log(low)))) : null;
        var holdsPatents = expert.Works.Any(w => w.Kind == WorkKind.Patent);
        int? patents = random.NextDouble() < (holdsPatents ? 0.3 : 0.15) ? (random.NextDouble() < 0.8 ? 1 : 2) : null;
        int? standards = random.NextDouble() < 0.05 ? 1 : null;
        int? awards = random.NextDouble() < 0.05 ? 1 : null;
        int? projects = random.NextDouble() < 0.18 ? 1 : null;
        var rating = random.NextDouble() switch { < 0.55 => 5, < 0.95 => 4, _ => 3 };
        var city = problem.Region?.StartsWith("湖州", StringComparison.Ordinal) == true ? "湖州市" : "杭州市";
        var note = $"采用专家提出的{Topic(problem)}方案，" + problem.Industry switch
            {
                "梨产业与生态农业" => Pick("示范园试用效果良好，已在基地推广", "当季验证达到预期", "技术措施已纳入生产规程"),
                "地理信息" or "人工智能与数字经济" or "数字文旅" => Pick("系统上线试运行稳定，达到预期", "方案落地后运行稳定", "经一个季度试运行，效果达到预期"),
                _ => Pick("小批量试产验证有效，已在生产线推广", "关键指标达到企业要求", "经三个月生产验证，效果稳定"),
            }
            + (patents is { } p ? $"；联合申请发明专利{p}项" : "")
            + (standards is not null ? "；共同起草团体标准1项" : "")
            + (awards is not null ? $"；成果获{city}科学技术进步奖三等奖" : "")
            + (projects is not null ? "；签订产学研合作项目1项" : "");
        return e with { ProfitAddedYuan = profit, Patents = patents, Standards = standards, Awards = awards, Projects = projects, Rating = rating, Note = note };
    }

    /// <summary>
    /// A problem's status at the end of the year: solved when a match solved it, matched while an expert who accepted
    /// is at work, and otherwise open, except that an enterprise closes now and then a problem nobody solved (some of
    /// those whose matches all ended over six weeks before the end, and a few older ones never taken up).
    /// </summary>
    public ProblemStatus ProblemStatus(Problem problem, IReadOnlyList<(MatchStatus Status, DateTimeOffset Last)> matches, DateTimeOffset start, DateTimeOffset end)
    {
        if (matches.Any(m => m.Status == MatchStatus.Solved)) return Core.Problems.ProblemStatus.Solved;
        if (matches.Any(m => m.Status is MatchStatus.Accepted or MatchStatus.Visited)) return Core.Problems.ProblemStatus.Matched;
        var closes = matches.Count > 0
            ? matches.All(m => MatchLifecycle.IsFinal(m.Status)) && matches.Max(m => m.Last) < end.AddDays(-45) && random.NextDouble() < 0.2
            : (problem.PostedAt ?? start) < start && random.NextDouble() < 0.1;
        return closes ? Core.Problems.ProblemStatus.Closed : Core.Problems.ProblemStatus.Open;
    }

    /// <summary>How staff name an expert in a note: 王建国教授, 李明院士, 张华高工; an expert abroad with the organization.</summary>
    private static string Who(Expert expert) => expert.Kind switch
    {
        ExpertKind.Academician => $"{expert.Name}院士",
        ExpertKind.OverseasTalent => $"{expert.Name}（{expert.Organization}）",
        _ => expert.Name + expert.Title switch
        {
            "高级工程师" => "高工",
            "正高级工程师" or "教授级高级工程师" => "教授级高工",
            null => "",
            var title => title,
        },
    };

    // The problem as a note names it: its first two keywords (注塑模具、冷却水路), or its title when it has none.
    private static string Topic(Problem problem) =>
        problem.Keywords.Count > 0 ? string.Join("、", problem.Keywords.Take(2)) : $"「{problem.Title}」";

    private static bool IsEnglish(Problem problem) => !Han().IsMatch(problem.Title ?? "");

    private string Pick(params string[] options) => options[random.Next(options.Length)];

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();
}
