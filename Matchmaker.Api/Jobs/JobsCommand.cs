using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Matchmaker.Api.Hosting;
using Matchmaker.Core.Experts;
using Matchmaker.Core.Jobs;
using Matchmaker.Core.Learning;
using Matchmaker.Core.Problems;
using Matchmaker.Core.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Matchmaker.Api.Jobs;

/// <summary>The filters and the partner that <c>rank-all</c> and <c>campaign</c> share.</summary>
public class JobSettings : CommandSettings
{
    [CommandOption("--partner <ID>"), Description("the partner whose problems the job works on (default: the association's own records)")]
    public string? Partner { get; init; }

    [CommandOption("--region <TEXT>"), Description("problems whose region contains this, e.g. 湖州市德清县")]
    public string? Region { get; init; }

    [CommandOption("--industry <TEXT>"), Description("problems of this industry")]
    public string? Industry { get; init; }

    [CommandOption("--status <STATUS>"), Description("problems in this status: open (default), matched, solved, closed")]
    public ProblemStatus? Status { get; init; }

    [CommandOption("--problem <ID>"), Description("these problems only (repeatable)")]
    public string[]? Problems { get; init; }

    [CommandOption("--expert-kind <KIND>"), Description("experts of this kind: academician, societyExpert, overseasTalent, engineer")]
    public string? ExpertKind { get; init; }

    [CommandOption("--society <NAME>"), Description("experts of this society")]
    public string? Society { get; init; }

    [CommandOption("--expert-region <TEXT>"), Description("experts whose region contains this")]
    public string? ExpertRegion { get; init; }

    [CommandOption("--expert <ID>"), Description("these experts only (repeatable)")]
    public string[]? Experts { get; init; }

    [CommandOption("--detach"), Description("queue the job for a running server instead of running it here, and print its id")]
    public bool Detach { get; init; }

    protected ExpertFilter ExpertFilter() => new()
    {
        Kind = ExpertKinds.Parse(ExpertKind), Society = Society, Region = ExpertRegion, Ids = Experts,
    };

    protected ProblemFilter ProblemFilter() => new() { Region = Region, Industry = Industry, Status = Status, Ids = Problems };

    public override ValidationResult Validate() =>
        ExpertKind is not null && ExpertKinds.Parse(ExpertKind) is null
            ? ValidationResult.Error($"--expert-kind is {ExpertKinds.Names}")
            : ValidationResult.Success();

    public virtual JobRequest Request() => throw new NotSupportedException();
}

public sealed class RankAllSettings : JobSettings
{
    [CommandOption("--top <N>"), Description("experts per problem, 1–100 (default 10)")]
    public int? Top { get; init; }

    public override JobRequest Request() => new() { Kind = "rank-all", Top = Top, Problems = ProblemFilter(), Experts = ExpertFilter() };
}

public sealed class CampaignSettings : JobSettings
{
    [CommandOption("--min <N>"), Description("experts per problem served, at least (default 1)")]
    public int Min { get; init; } = 1;

    [CommandOption("--max <N>"), Description("experts per problem, at most (default 2)")]
    public int Max { get; init; } = 2;

    [CommandOption("--max-load <N>"), Description("problems per expert in this campaign, at most (default 2; also bounded by the expert's room this quarter)")]
    public int? MaxLoad { get; init; }

    [CommandOption("--min-score <X>"), Description("the least affinity an assignment may have, 0–1 (default 0)")]
    public double? MinScore { get; init; }

    [CommandOption("--mode <MODE>"), Description("total (default) or fairness")]
    public string? Mode { get; init; }

    [CommandOption("--candidates <N>"), Description("each problem's best N candidates the solver chooses from, 50–200 (default 50)")]
    public int? Candidates { get; init; }

    [CommandOption("--accept"), Description("accept the plan when the job has succeeded: its matches are created, proposed")]
    public bool Accept { get; init; }

    public override JobRequest Request() => new()
    {
        Kind = "campaign", Problems = ProblemFilter(), Experts = ExpertFilter(), PerProblem = new PerProblem(Min, Max), MaxLoad = MaxLoad,
        MinScore = MinScore, Mode = Mode, Candidates = Candidates,
    };
}

internal sealed class RankAllCommand : AsyncCommand<RankAllSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, RankAllSettings settings, CancellationToken cancellationToken) =>
        JobsCommand.SubmitAsync(settings, accept: false, cancellationToken);
}

internal sealed class CampaignCommand : AsyncCommand<CampaignSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, CampaignSettings settings, CancellationToken cancellationToken) =>
        JobsCommand.SubmitAsync(settings, settings.Accept, cancellationToken);
}

/// <summary>
/// <c>rank-all</c>, <c>campaign</c> and <c>jobs ...</c>: jobs from a terminal. A job submitted here is run here,
/// with a live progress bar (plain lines where the output is no terminal), unless a server on the same database
/// takes it first, in which case its progress is followed; Ctrl+C lets it go, to be resumed by a server or
/// <c>jobs resume</c>. Exit code 0 when the job succeeded, 1 when it failed or was cancelled, 2 for bad usage.
/// </summary>
internal static class JobsCommand
{
    public static void Configure(IConfigurator<CommandSettings> jobs)
    {
        jobs.SetDescription("List, show, cancel, resume and read jobs; accept a campaign's plan.");
        jobs.AddCommand<List>("list").WithDescription("The latest jobs of every partner, newest first.");
        jobs.AddCommand<Show>("show").WithDescription("A job's status, progress, counts and (campaigns) summary.");
        jobs.AddCommand<Cancel>("cancel").WithDescription("Cancel a job: a queued one at once, a running one at its next checkpoint.");
        jobs.AddCommand<Resume>("resume").WithDescription("Run a job here that no instance holds (its instance stopped), from its last checkpoint.");
        jobs.AddCommand<Results>("results").WithDescription("Write a finished job's results as CSV (default) or JSON Lines.")
            .WithExample("jobs", "results", "J-0193…", "--out", "plan.csv");
        jobs.AddCommand<Accept>("accept").WithDescription("Accept a succeeded campaign's plan: its matches are created, proposed.");
    }

    public static async Task<int> SubmitAsync(JobSettings settings, bool accept, CancellationToken cancellationToken)
    {
        var request = settings.Request();
        var errors = request.Validate();
        if (settings.Partner is not null) errors.Id("--partner", settings.Partner);
        if (errors.Any)
        {
            Console.Error.WriteLine(errors.Summary());
            return 2;
        }
        await using var app = await StaffCommandLine.ServicesAsync();
        var jobs = app.Services.GetRequiredService<JobStore>();
        var tenant = settings.Partner ?? Tenants.Default;
        var job = await jobs.CreateAsync(tenant, request, "command line");
        if (settings.Detach)
        {
            Console.WriteLine(job.Id);
            return 0;
        }
        var status = await RunOrFollowAsync(app, job.Id, cancellationToken);
        if (status != JobStatus.Succeeded || !accept) return status == JobStatus.Succeeded ? 0 : 1;
        return PrintAccepted(await app.Services.GetRequiredService<PlanAcceptance>().AcceptAsync(tenant, job.Id, "command line", cancellationToken: cancellationToken));
    }

    // Claims the job and runs it here; when a server took it first, follows its progress in the database.
    private static async Task<JobStatus?> RunOrFollowAsync(WebApplication app, string id, CancellationToken cancellationToken)
    {
        var jobs = app.Services.GetRequiredService<JobStore>();
        var options = app.Services.GetRequiredService<JobOptions>();
        await app.Services.GetRequiredService<ServingModel>().RefreshAsync(cancellationToken);
        var watch = Stopwatch.StartNew();
        var claimed = await jobs.ClaimAsync(JobWorker.Owner, options.Lease, id);
        if (claimed is null) Console.Error.WriteLine($"job {id} is run by a server on this database; following it");
        else Console.Error.WriteLine($"job {id} ({EnumName(claimed.Job.Kind)}) runs here, attempt {claimed.Job.Attempts}");
        JobStatus? status = null;
        await Progress(async report =>
        {
            if (claimed is not null)
            {
                status = await app.Services.GetRequiredService<JobRunner>().RunAsync(claimed, report, cancellationToken);
                return;
            }
            while (!cancellationToken.IsCancellationRequested)
            {
                var current = (await jobs.FindAnyAsync(id))!.Value.Job;
                report(current);
                if (current.IsFinished)
                {
                    status = current.Status;
                    return;
                }
                await Task.Delay(500, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        });
        var final = (await jobs.FindAnyAsync(id))!.Value.Job;
        PrintJob(final, watch.Elapsed);
        if (status is null) Console.Error.WriteLine($"job {id} was let go at its last checkpoint: a server resumes it, or `jobs resume {id}`");
        return status;
    }

    // A live bar on a terminal; elsewhere (CI, a pipe) a plain line at each step of at least a tenth.
    private static async Task Progress(Func<Action<Job>, Task> work)
    {
        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("preparing", maxValue: 1);
                    await work(job =>
                    {
                        task.Description = $"{job.Phase} {job.Progress.Done:N0}/{job.Progress.Total:N0}";
                        task.MaxValue = Math.Max(1, job.Progress.Total);
                        task.Value = job.Progress.Done;
                    });
                    task.Value = task.MaxValue;
                });
            return;
        }
        var shown = -1;
        await work(job =>
        {
            var tenth = job.Progress.Total == 0 ? 10 : job.Progress.Done * 10 / job.Progress.Total;
            if (tenth == shown && job.Phase != JobPhase.Solving) return;
            shown = tenth;
            Console.Error.WriteLine($"{job.Phase} {job.Progress.Done}/{job.Progress.Total}");
        });
    }

    private static void PrintJob(Job job, TimeSpan? elapsed = null)
    {
        var table = new Table().AddColumns("", "").HideHeaders().Border(TableBorder.Rounded);
        void Row(string name, object? value) => table.AddRow(Markup.Escape(name), Markup.Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "-"));
        Row("job", job.Id);
        Row("kind", EnumName(job.Kind));
        Row("status", EnumName(job.Status) + (job.CancelRequested && !job.IsFinished ? " (cancel requested)" : ""));
        Row("phase", job.Phase);
        Row("problems", $"{job.Progress.Done:N0} of {job.Progress.Total:N0}");
        Row("result rows", job.ResultRows.ToString("N0", CultureInfo.InvariantCulture));
        if (job.Skipped > 0) Row("skipped", $"{job.Skipped}: {string.Join("; ", job.Messages.Take(3))}");
        Row("attempts", job.Attempts);
        if (elapsed is { } time) Row("time here", $"{time.TotalSeconds:F1} s");
        else if (job is { StartedAt: { } started, FinishedAt: { } finished }) Row("time", $"{(finished - started).TotalSeconds:F1} s");
        if (job.Error is not null) Row("error", job.Error);
        if (job.Summary is { } s)
        {
            Row("assigned problems", $"{s.AssignedProblems} of {s.Problems} ({s.Assignments} assignments; {s.UnassignedProblems} unassigned)");
            Row("total affinity", $"{s.Total:F4} (greedy top-k: {s.GreedyTotal:F4} over {s.GreedyAssignedProblems} problems; +{(s.GreedyTotal > 0 ? (s.Total / s.GreedyTotal - 1) * 100 : 0):F1} %)");
            Row("weakest assignment", s.Weakest.ToString("F4", CultureInfo.InvariantCulture));
            Row("optimal", s.Optimal ? "proven" : "not proven within the time limit");
            Row("pool", $"{s.PoolExperts} experts: {s.ExpertsWithRoom} with room, {s.ExpertsFull} full, {s.ExpertsUnavailable} away");
            Row("conflicts left out", s.Exclusions);
            Row("solver", $"{s.Mode}, max load {s.MaxLoad}, {s.CandidatesPerProblem} candidates each, {s.SolveSeconds:F2} s");
        }
        if (job.Accepted is { } a) Row("accepted", $"{a.At:u}: {a.Created} matches created, {a.Existing} existed, {a.Skipped.Count} skipped");
        AnsiConsole.Write(table);
    }

    private static int PrintAccepted(AcceptedPlan? accepted)
    {
        if (accepted is null) return 1;
        Console.WriteLine($"plan accepted: {accepted.Created} matches created (proposed), {accepted.Existing} existed, {accepted.Skipped.Count} skipped");
        foreach (var skipped in accepted.Skipped) Console.WriteLine($"  skipped {skipped.ProblemId} / {skipped.ExpertId}: {skipped.Reason}");
        return 0;
    }

    private static string EnumName<T>(T value) where T : struct, Enum => System.Text.Json.JsonSerializer.Serialize(value).Trim('"');

    public sealed class IdSettings : CommandSettings
    {
        [CommandArgument(0, "<jobId>")]
        public string Id { get; init; } = "";
    }

    private static async Task<(Job Job, string Tenant)?> FindAsync(JobStore jobs, string id)
    {
        if (await jobs.FindAnyAsync(id) is { } found) return found;
        Console.Error.WriteLine($"no job '{id}'");
        return null;
    }

    private static JobStore Store(Database database) => new(database, TimeProvider.System);

    private sealed class List : AsyncCommand<EmptyCommandSettings>
    {
        public override async Task<int> ExecuteAsync(CommandContext context, EmptyCommandSettings settings, CancellationToken cancellationToken)
        {
            var latest = await Store(await StaffCommandLine.DatabaseAsync()).LatestAsync(50);
            var rows = latest.Select(l => new[]
            {
                l.Job.Id, l.Tenant, EnumName(l.Job.Kind), EnumName(l.Job.Status), $"{l.Job.Progress.Done}/{l.Job.Progress.Total}",
                l.Job.ResultRows.ToString(CultureInfo.InvariantCulture), l.Job.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            }).ToList();
            string[] header = ["job", "partner", "kind", "status", "progress", "rows", "created (UTC)"];
            if (!AnsiConsole.Profile.Capabilities.Interactive)
            {
                // For scripts: tab-separated lines, never wrapped.
                foreach (var row in rows.Prepend(header)) Console.WriteLine(string.Join('\t', row));
                return 0;
            }
            var table = new Table().AddColumns(header).Border(TableBorder.Rounded);
            table.Columns[0].NoWrap();
            foreach (var row in rows) table.AddRow(row.Select(Markup.Escape).ToArray());
            AnsiConsole.Write(table);
            return 0;
        }
    }

    private sealed class Show : AsyncCommand<IdSettings>
    {
        public override async Task<int> ExecuteAsync(CommandContext context, IdSettings settings, CancellationToken cancellationToken)
        {
            if (await FindAsync(Store(await StaffCommandLine.DatabaseAsync()), settings.Id) is not { } found) return 1;
            PrintJob(found.Job);
            return 0;
        }
    }

    private sealed class Cancel : AsyncCommand<IdSettings>
    {
        public override async Task<int> ExecuteAsync(CommandContext context, IdSettings settings, CancellationToken cancellationToken)
        {
            var jobs = Store(await StaffCommandLine.DatabaseAsync());
            if (await FindAsync(jobs, settings.Id) is not { } found) return 1;
            PrintJob((await jobs.CancelAsync(found.Tenant, settings.Id))!);
            return 0;
        }
    }

    private sealed class Resume : AsyncCommand<IdSettings>
    {
        public override async Task<int> ExecuteAsync(CommandContext context, IdSettings settings, CancellationToken cancellationToken)
        {
            await using var app = await StaffCommandLine.ServicesAsync();
            if (await FindAsync(app.Services.GetRequiredService<JobStore>(), settings.Id) is not { } found) return 1;
            if (found.Job.IsFinished)
            {
                PrintJob(found.Job);
                return found.Job.Status == JobStatus.Succeeded ? 0 : 1;
            }
            return await RunOrFollowAsync(app, settings.Id, cancellationToken) == JobStatus.Succeeded ? 0 : 1;
        }
    }

    public sealed class ResultsSettings : CommandSettings
    {
        [CommandArgument(0, "<jobId>")]
        public string Id { get; init; } = "";

        [CommandOption("--format <FORMAT>"), Description("csv (default) or jsonl")]
        public string Format { get; init; } = "csv";

        [CommandOption("--out <FILE>"), Description("the file to write (default: the standard output)")]
        public string? Out { get; init; }

        public override ValidationResult Validate() =>
            Format is "csv" or "jsonl" ? ValidationResult.Success() : ValidationResult.Error("--format is csv or jsonl");
    }

    private sealed class Results : AsyncCommand<ResultsSettings>
    {
        public override async Task<int> ExecuteAsync(CommandContext context, ResultsSettings settings, CancellationToken cancellationToken)
        {
            var jobs = Store(await StaffCommandLine.DatabaseAsync());
            if (await FindAsync(jobs, settings.Id) is not { } found) return 1;
            if (found.Job.Unfinished() is { } unfinished) throw unfinished;
            await using var output = settings.Out is null ? Console.OpenStandardOutput() : File.Create(settings.Out);
            var rows = await JobResults.WriteAsync(output, jobs.RowsAsync(settings.Id, JobRows.Result, cancellationToken), settings.Format == "csv", cancellationToken);
            if (settings.Out is not null) Console.Error.WriteLine($"{rows:N0} rows written to {Path.GetFullPath(settings.Out)}");
            return 0;
        }
    }

    private sealed class Accept : AsyncCommand<IdSettings>
    {
        public override async Task<int> ExecuteAsync(CommandContext context, IdSettings settings, CancellationToken cancellationToken)
        {
            await using var app = await StaffCommandLine.ServicesAsync();
            if (await FindAsync(app.Services.GetRequiredService<JobStore>(), settings.Id) is not { } found) return 1;
            return PrintAccepted(await app.Services.GetRequiredService<PlanAcceptance>().AcceptAsync(found.Tenant, settings.Id, "command line", cancellationToken: cancellationToken));
        }
    }
}
