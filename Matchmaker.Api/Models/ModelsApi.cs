using Matchmaker.Api.Access;
using Matchmaker.Api.Hosting;
using Matchmaker.Core.Learning;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Matchmaker.Api.Models;

/// <summary>The body of <c>POST /api/v1/models/train</c> (optional): <c>promote</c> false leaves a better model a candidate.</summary>
public sealed record ModelTrainingRequest(bool Promote = true);

/// <summary>What serves after a rollback: a model's version, or null for the base ranker.</summary>
public sealed record ServingAnswer(long? ServingVersion, string ModelVersion);

public static class ModelsApi
{
    private const string Rules =
        "A model is trained on every finished match (its grade: solved 4, unsolved 3, declined 0, withdrawn by how far it got) " +
        "except those of the latest 20 % of problems, which are held out to judge it: NDCG@10 of the base ranker, of the new " +
        "model and of the serving one on that holdout. It is promoted only when it beats the serving one; with fewer than " +
        "200 finished matches nothing is trained and the serving ranker stays (status `rejected`, with the reason).";

    public static void MapModels(this IEndpointRouteBuilder routes)
    {
        var models = routes.MapGroup("/models").WithTags("Models");
        models.MapPost("/train", Train).WithName("TrainModel").RequireAuthorization(Policies.Staff)
            .ProducesConflict("A training is running already: `runningVersion` names it.")
            .WithSummary("Train a learned ranking model from the recorded outcomes (staff): 202, with the model's address in Location.")
            .WithDescription(Rules + " Every instance serves a promoted model within seconds.")
            .WithRequestExample("""{"promote":true}""").WithIdempotency();
        models.MapGet("/", List).WithName("ListModels").RequireAuthorization(Policies.Insight)
            .WithSummary("List the learned models, newest first, with their holdout figures and status (staff and analysts).");
        models.MapGet("/{version}", Get).WithName("GetModel").RequireAuthorization(Policies.Insight).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Get one learned model: its status (training, candidate, promoted, rejected, retired, failed) and holdout figures.");
        models.MapPost("/{version}/promote", Promote).WithName("PromoteModel").RequireAuthorization(Policies.Staff)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesConflict("Only a candidate that beat the model serving now can be promoted.")
            .WithSummary("Promote a candidate model (staff); it must have beaten the model that serves now.");
        models.MapPost("/rollback", Rollback).WithName("RollbackModel").RequireAuthorization(Policies.Staff)
            .ProducesConflict("The base ranker is serving: there is nothing to roll back.")
            .WithSummary("Take the promoted model out of service (staff): the one it replaced serves again, or the base ranker.");
    }

    private static async Task<Accepted<ModelRecord>> Train(
        [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] ModelTrainingRequest? request,
        HttpContext context, ModelStore models, ModelTrainings trainings)
    {
        var version = await models.StartAsync(context.KeyId(), context.IdempotentTransaction());
        var promote = request?.Promote ?? true;
        // Started once the answer is out, when the request's transaction (and with it the new row) has committed.
        context.Response.OnCompleted(() =>
        {
            trainings.Start(version, promote);
            return Task.CompletedTask;
        });
        return TypedResults.Accepted($"/api/v1/models/{version}", (await models.FindAsync(version, context.IdempotentTransaction()))!);
    }

    private static async Task<Results<Ok<PageOf<ModelRecord>>, ValidationProblem>> List(HttpContext context, ModelStore models, int? page, int? pageSize)
    {
        var (number, size, errors) = Paging.Check(page, pageSize);
        if (errors.Any) return ApiResults.Invalid(errors);
        return Paging.Answer(context, await models.ListAsync(), number, size);
    }

    private static async Task<Results<Ok<ModelRecord>, ProblemHttpResult>> Get(long version, ModelStore models) =>
        await models.FindAsync(version) is { } model ? TypedResults.Ok(model) : ApiResults.NotFound("Model", version.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<Results<Ok<ModelRecord>, ProblemHttpResult>> Promote(long version, ModelStore models, ServingModel serving)
    {
        if (await models.PromoteAsync(version) is not { } promoted) return ApiResults.NotFound("Model", version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await serving.RefreshAsync(); // this instance at once; the others at their next poll
        return TypedResults.Ok(promoted);
    }

    private static async Task<Ok<ServingAnswer>> Rollback(HttpContext context, ModelStore models, ServingModel serving)
    {
        var now = await models.RollbackAsync(context.KeyId());
        await serving.RefreshAsync();
        return TypedResults.Ok(new ServingAnswer(now, serving.Current.Name));
    }
}
