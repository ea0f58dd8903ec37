using Matchmaker.Core.Reports;

namespace Matchmaker.Api.Reports;

/// <summary>The names of the figures and breakdowns as a report shows them, in Chinese (the default) or English.</summary>
internal sealed class KpiLabels
{
    private KpiLabels(bool chinese) => Chinese = chinese;

    public static KpiLabels Zh { get; } = new(true);
    public static KpiLabels En { get; } = new(false);

    public static KpiLabels For(string? lang) => lang == "en" ? En : Zh;

    public bool Chinese { get; }

    private string Pick(string zh, string en) => Chinese ? zh : en;

    /// <summary>Every figure: its JSON name, its label, and its value in a row of figures.</summary>
    public IReadOnlyList<(string Name, string Label, Func<KpiFigures, object?> Value)> Figures => Chinese ? ZhFigures : EnFigures;

    private static readonly (string, string, string, Func<KpiFigures, object?>)[] All =
    [
        ("societiesEngaged", "参与学会", "Societies engaged", f => f.SocietiesEngaged),
        ("distinctExperts", "服务专家（人）", "Distinct experts", f => f.DistinctExperts),
        ("expertVisits", "专家走访（人次）", "Expert visits", f => f.ExpertVisits),
        ("enterprisesServed", "服务企业", "Enterprises served", f => f.EnterprisesServed),
        ("problemsPosted", "发布难题", "Problems posted", f => f.ProblemsPosted),
        ("problemsMatched", "已匹配难题", "Problems matched", f => f.ProblemsMatched),
        ("problemsContacted", "已对接难题", "Problems contacted", f => f.ProblemsContacted),
        ("problemsVisited", "已走访难题", "Problems visited", f => f.ProblemsVisited),
        ("problemsSolved", "已解决难题", "Problems solved", f => f.ProblemsSolved),
        ("matchedRate", "匹配率", "Matched rate", f => f.MatchedRate),
        ("contactedRate", "对接率", "Contacted rate", f => f.ContactedRate),
        ("visitedRate", "走访率", "Visited rate", f => f.VisitedRate),
        ("solvedRate", "解决率", "Solved rate", f => f.SolvedRate),
        ("profitAddedYuan", "新增利润（元）", "Profit added (yuan)", f => f.ProfitAddedYuan),
        ("patents", "专利", "Patents", f => f.Patents),
        ("standards", "标准", "Standards", f => f.Standards),
        ("awards", "奖项", "Awards", f => f.Awards),
        ("projects", "项目", "Projects", f => f.Projects),
        ("medianDaysToFirstContact", "发布至首次对接（天，中位数）", "Median days to first contact", f => f.MedianDaysToFirstContact),
        ("medianDaysToSolved", "发布至解决（天，中位数）", "Median days to solved", f => f.MedianDaysToSolved),
    ];

    private static readonly (string, string, Func<KpiFigures, object?>)[] ZhFigures = All.Select(f => (f.Item1, f.Item2, f.Item4)).ToArray();
    private static readonly (string, string, Func<KpiFigures, object?>)[] EnFigures = All.Select(f => (f.Item1, f.Item3, f.Item4)).ToArray();

    /// <summary>A breakdown's name: <c>total</c>, <c>month</c> or one of <see cref="KpiReport.Dimensions"/>.</summary>
    public string Breakdown(string name) => name switch
    {
        "total" => Pick("总计", "Total"),
        "month" => Pick("月度趋势", "Monthly"),
        "region" => Pick("地区", "Region"),
        "industry" => Pick("行业", "Industry"),
        "society" => Pick("学会", "Society"),
        "expertKind" => Pick("专家类型", "Expert kind"),
        "partner" => Pick("合作方", "Partner"),
        _ => name,
    };

    /// <summary>A key of a breakdown as shown (expert kinds named; others as they are).</summary>
    public string Key(string breakdown, string key) => breakdown != "expertKind" ? key : key switch
    {
        "academician" => Pick("院士", "Academician"),
        "societyExpert" => Pick("学会专家", "Society expert"),
        "overseasTalent" => Pick("海智人才", "Overseas talent"),
        "engineer" => Pick("工程师", "Engineer"),
        _ => key,
    };

    public string Breakdowns => Pick("分组", "Breakdown");
    public string KeyColumn => Pick("名称", "Key");
    public string Title => Pick("科技服务绩效报告", "Matchmaking performance report");
    public string Period => Pick("统计期间", "Period");
    public string Filters => Pick("筛选条件", "Filters");
    public string All_ => Pick("全部", "all");
    public string Generated => Pick("生成时间", "Generated");
    public string Funnel => Pick("难题转化漏斗", "Problem funnel");
    public string SolvedByIndustry => Pick("按行业的已解决难题", "Problems solved by industry");
    public string Trend => Pick("月度趋势：专家走访与已解决难题", "Monthly trend: expert visits and problems solved");
    public string NoData => Pick("本期无数据", "No data in this period");
    public string Definitions => Pick("指标定义见 README 与 OpenAPI 说明。", "Each figure's definition is in the README and the OpenAPI description.");
}
