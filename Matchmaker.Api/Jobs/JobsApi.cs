using System.Globalization;
using System.Text;
using System.Text.Json;
using Matchmaker.Api.Access;
using Matchmaker.Api.Hosting;
using Matchmaker.Core.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Matchmaker.Api.Jobs;

public static class JobsApi
{
    private const string Kinds =
        "`rank-all` ranks the `top` experts (default 10) of every problem the `problems` filter takes (default: the open ones) " +
        "among the `experts` filter's. `campaign` assigns experts to those problems globally: each problem's best `candidates` " +
        "(N, 50–200, default 50) from the ranker, conflicts of interest left out, among the pool's experts available today with " +
        "room this quarter; then the plan with the highest total affinity (`mode` `total`) or, in `fairness` mode, the highest " +
        "weakest assignment first, where each problem served gets `perProblem.min`–`perProblem.max` experts of affinity at least " +
        "`minScore`, and no expert more than `maxLoad` problems nor more than their room (capacity per quarter less their load: " +
        "open matches, and those of this quarter that came to a visit). The summary compares the plan with greedy top-k.";

    public static void MapJobs(this IEndpointRouteBuilder routes)
    {
        var jobs = routes.MapGroup("/jobs").WithTags("Jobs");
        jobs.MapPost("/", Create).WithName("CreateJob").RequireAuthorization(Policies.Staff)
            .WithSummary("Start a batch job, rank-all or campaign (staff): 202, with the job's address in Location.")
            .WithDescription(Kinds + " A job runs on one instance at a time under a lease, checkpoints every 50 problems, and resumes from its last checkpoint if its instance stops.")
            .WithRequestExample("""
                {"kind":"campaign","problems":{"region":"湖州市德清县"},"experts":{"kind":"societyExpert"},"perProblem":{"min":1,"max":2},"maxLoad":2,"minScore":0.1,"mode":"total"}
                """).WithIdempotency();
        jobs.MapGet("/", List).WithName("ListJobs").RequireAuthorization(Policies.Insight)
            .WithSummary("List the jobs of the partner this request acts for, newest first (staff and analysts).");
        jobs.MapGet("/{id}", Get).WithName("GetJob").RequireAuthorization(Policies.Insight).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Get a job: status (queued, running, succeeded, failed, cancelled), phase, progress, counts, messages and, for a campaign, its summary.");
        jobs.MapDelete("/{id}", Cancel).WithName("CancelJob").RequireAuthorization(Policies.Staff).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesConflict("The job has finished (succeeded or failed): there is nothing to cancel.")
            .WithSummary("Cancel a job (staff): a queued one at once, a running one at its next checkpoint (cancelRequested).");
        jobs.MapGet("/{id}/results", Results).WithName("GetJobResults").RequireAuthorization(Policies.Insight)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesConflict("The job is still queued or running: its results are not complete.")
            .Produces<JobResultLine>(StatusCodes.Status200OK, JsonLinesBody.ContentType, CsvType)
            .WithQueryValues("format", Formats, "jsonl")
            .WithSummary("Stream a finished job's results as JSON Lines or CSV (format=, or Accept), one row per problem and expert.")
            .WithDescription("Rows in the order of the job's problems, each with `problemId`, `expertId`, `expertName`, `score`, `rank` and " +
                "`matchedTerms`; a campaign's problem left unassigned is one row with `rank` 0, no expert, and `unassigned`: why. " +
                "A cancelled or failed rank-all job gives the problems it finished. CSV is UTF-8 with a byte order mark (Excel shows Chinese), " +
                "cells starting with =, +, - or @ escaped.");
        jobs.MapGet("/{id}/exclusions", Exclusions).WithName("GetJobExclusions").RequireAuthorization(Policies.Insight).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A campaign's audit: every expert of its pool that a conflict of interest kept from a problem, and why.");
        jobs.MapPost("/{id}/accept", Accept).WithName("AcceptCampaignPlan").RequireAuthorization(Policies.Staff).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesConflict("Only a succeeded campaign's plan can be accepted, and only once.")
            .WithSummary("Accept a campaign's plan (staff): its matches are created, proposed, in one transaction.")
            .WithDescription("Conflicts of interest and experts' loads are read again at this moment: an assignment that a conflict declared since, " +
                "a full expert, an expert away today or a deleted problem is skipped (`skipped`, with the reason), never created.")
            .WithIdempotency();
    }

    private const string CsvType = "text/csv";
    private static readonly string[] Formats = ["jsonl", "csv"];

    private static async Task<Results<Accepted<Job>, ValidationProblem>> Create(JobRequest request, HttpContext context, JobStore jobs, JobWorker worker)
    {
        var errors = request.Validate();
        if (errors.Any) return ApiResults.Invalid(errors);
        var job = await jobs.CreateAsync(context.Tenant(), request, context.KeyId(), context.IdempotentTransaction());
        // Looked for once the answer is out, when the request's transaction (and with it the job) has committed.
        context.Response.OnCompleted(() =>
        {
            worker.Nudge();
            return Task.CompletedTask;
        });
        return TypedResults.Accepted($"/api/v1/jobs/{job.Id}", job);
    }

    private static async Task<Results<Ok<PageOf<Job>>, ValidationProblem>> List(HttpContext context, JobStore jobs, int? page, int? pageSize)
    {
        var (number, size, errors) = Paging.Check(page, pageSize);
        if (errors.Any) return ApiResults.Invalid(errors);
        var (items, total) = await jobs.PageAsync(context.Tenant(), number, size);
        return Paging.Answer(context, items, number, size, total);
    }

    private static async Task<Results<Ok<Job>, ProblemHttpResult>> Get(string id, HttpContext context, JobStore jobs) =>
        await jobs.FindAsync(context.Tenant(), id) is { } job ? TypedResults.Ok(job) : ApiResults.NotFound("Job", id);

    private static async Task<Results<Ok<Job>, ProblemHttpResult>> Cancel(string id, HttpContext context, JobStore jobs) =>
        await jobs.CancelAsync(context.Tenant(), id) is { } job ? TypedResults.Ok(job) : ApiResults.NotFound("Job", id);

    private static async Task<Results<Ok<PageOf<JobExclusion>>, ValidationProblem, ProblemHttpResult>> Exclusions(
        string id, int? page, int? pageSize, HttpContext context, JobStore jobs)
    {
        var (number, size, errors) = Paging.Check(page, pageSize);
        if (errors.Any) return ApiResults.Invalid(errors);
        if (await jobs.FindAsync(context.Tenant(), id) is null) return ApiResults.NotFound("Job", id);
        var (items, total) = await jobs.ExclusionsAsync(id, number, size);
        return Paging.Answer(context, items, number, size, total);
    }

    private static async Task<Results<Ok<AcceptedPlan>, ProblemHttpResult>> Accept(string id, HttpContext context, PlanAcceptance acceptance, CancellationToken cancellationToken) =>
        await acceptance.AcceptAsync(context.Tenant(), id, context.KeyId(), context.IdempotentTransaction(), cancellationToken) is { } accepted
            ? TypedResults.Ok(accepted)
            : ApiResults.NotFound("Job", id);

    private static async Task<IResult> Results(string id, string? format, HttpContext context, JobStore jobs)
    {
        var csv = format is null ? Prefers(context.Request, CsvType) : string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (format is not null && !Formats.Contains(format, StringComparer.OrdinalIgnoreCase)) return ApiResults.Invalid("format", "must be jsonl or csv");
        if (await jobs.FindAsync(context.Tenant(), id) is not { } job) return ApiResults.NotFound("Job", id);
        if (job.Unfinished() is { } unfinished) throw unfinished;
        return TypedResults.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: csv), 1 << 16);
            if (csv) await writer.WriteLineAsync("problemId,expertId,expertName,score,rank,matchedTerms,unassigned");
            var written = 0;
            await foreach (var row in jobs.RowsAsync(id, JobRows.Result, context.RequestAborted))
            {
                if (csv)
                    await writer.WriteLineAsync(string.Join(',', Cell(row.ProblemId), Cell(row.ExpertId), Cell(row.ExpertName),
                        row.Score?.ToString("0.####", CultureInfo.InvariantCulture) ?? "", row.Rank.ToString(CultureInfo.InvariantCulture),
                        Cell(row.MatchedTerms), Cell(row.Reason)));
                else
                    await writer.WriteLineAsync(JsonSerializer.Serialize(new JobResultLine(row.ProblemId, row.ExpertId, row.ExpertName,
                        row.Score is { } s ? Math.Round(s, 4) : null, row.Rank, row.MatchedTerms?.Split('、'), row.Reason), JobLineOptions));
                if (++written % 1000 == 0) await writer.FlushAsync(context.RequestAborted);
            }
        }, csv ? $"{CsvType}; charset=utf-8" : JsonLinesBody.ContentType, fileDownloadName: $"{id}.{(csv ? "csv" : "jsonl")}");
    }

    /// <summary>One line of a job's JSON Lines results.</summary>
    public sealed record JobResultLine(string ProblemId, string? ExpertId, string? ExpertName, double? Score, int Rank, string[]? MatchedTerms, string? Unassigned);

    private static readonly JsonSerializerOptions JobLineOptions = new(Matchmaker.Core.Storage.MatchmakerJson.Options)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static bool Prefers(HttpRequest request, string mediaType) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && accepted.Any(a => a.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase) && (a.Quality ?? 1) > 0);

    // RFC 4180 quoting, and a cell that a spreadsheet would read as a formula (=, +, -, @, tab, return) starts with a quote mark.
    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
