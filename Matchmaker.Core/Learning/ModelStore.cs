using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Matchmaker.Core.Storage;

namespace Matchmaker.Core.Learning;

/// <summary>Where a learned model stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModelStatus>))]
public enum ModelStatus
{
    /// <summary>Being trained by one instance.</summary>
    [JsonStringEnumMemberName("training")] Training,

    /// <summary>Trained and better than the model serving at the time, not promoted (asked not to be).</summary>
    [JsonStringEnumMemberName("candidate")] Candidate,

    /// <summary>The model every instance serves (at most one).</summary>
    [JsonStringEnumMemberName("promoted")] Promoted,

    /// <summary>Not better than the serving one on its holdout, too few outcomes to train, or rolled back.</summary>
    [JsonStringEnumMemberName("rejected")] Rejected,

    /// <summary>Served once, replaced by a later promotion.</summary>
    [JsonStringEnumMemberName("retired")] Retired,

    /// <summary>The training broke off (an error, or the instance training it stopped).</summary>
    [JsonStringEnumMemberName("failed")] Failed,
}

/// <summary>
/// A learned model as the API lists it (without its bytes): what it was trained on, NDCG@10 on its holdout (the
/// latest problems with outcomes) of the base ranker, of the model and of the model serving when it was trained
/// (<c>servingVersion</c>, null for the base ranker), and its status.
/// </summary>
public sealed record ModelRecord(
    long Version, ModelStatus Status, string? Reason, string? RequestedBy, DateTimeOffset CreatedAt, DateTimeOffset? TrainedAt,
    DateTimeOffset? PromotedAt, DateTimeOffset? RetiredAt, int Outcomes, int TrainingRows, int TrainingGroups, int HoldoutRows,
    int HoldoutGroups, DateTimeOffset? HoldoutFrom, double? BaseNdcg, double? ModelNdcg, long? ServingVersion, double? ServingNdcg,
    double? TrainingSeconds, IReadOnlyList<string>? Features);

/// <summary>What a finished training hands the store: the figures, the decision and the model's bytes.</summary>
public sealed record TrainedModel(
    ModelStatus Status, string? Reason, int Outcomes, int TrainingRows, int TrainingGroups, int HoldoutRows, int HoldoutGroups,
    DateTimeOffset? HoldoutFrom, double? BaseNdcg, double? ModelNdcg, long? ServingVersion, double? ServingNdcg,
    double TrainingSeconds, IReadOnlyList<string> Features, byte[]? Model);

/// <summary>The learned models in the database, and which one serves. The database keeps one training and one promoted model at most.</summary>
public sealed class ModelStore(Database database, TimeProvider clock)
{
    /// <summary>A training still running after this long is taken for dead (its instance stopped) and marked failed.</summary>
    public static readonly TimeSpan TrainingGivenUpAfter = TimeSpan.FromMinutes(30);

    private const string Columns = """
        version, status, reason, requested_by, created_at, trained_at, promoted_at, retired_at, outcomes, training_rows,
        training_groups, holdout_rows, holdout_groups, holdout_from, base_ndcg, model_ndcg, serving_version, serving_ndcg,
        training_seconds, features
        """;

    private sealed class Sql(SqlDialect dialect) : StoreSql(dialect)
    {
        public string List => $"SELECT {Columns} FROM models ORDER BY version DESC";

        public string Find => $"SELECT {Columns} FROM models WHERE version = @version";

        public string GiveUpStale => """
            UPDATE models SET status = 'failed', reason = 'the instance training it stopped'
            WHERE status = 'training' AND created_at < @before
            """;

        public string Running => "SELECT version FROM models WHERE status = 'training'";

        public string Start => """
            INSERT INTO models (status, requested_by, created_at) VALUES ('training', @requestedBy, @now)
            """ + Dialect.SelectInsertedId;

        public string Finish => """
            UPDATE models SET status = @Status, reason = @Reason, trained_at = @now, outcomes = @Outcomes,
                training_rows = @TrainingRows, training_groups = @TrainingGroups, holdout_rows = @HoldoutRows,
                holdout_groups = @HoldoutGroups, holdout_from = @holdoutFrom, base_ndcg = @BaseNdcg, model_ndcg = @ModelNdcg,
                serving_version = @ServingVersion, serving_ndcg = @ServingNdcg, training_seconds = @TrainingSeconds,
                features = @features, model = @Model, promoted_at = @promotedAt
            WHERE version = @version AND status = 'training'
            """;

        public string Fail => "UPDATE models SET status = 'failed', reason = @reason WHERE version = @version AND status = 'training'";

        public string Serving => "SELECT version FROM models WHERE status = 'promoted'";

        public string Bytes => "SELECT model FROM models WHERE version = @version";

        public string Retire => """
            UPDATE models SET status = @status, reason = @reason, retired_at = @now WHERE status = 'promoted'
            """;

        public string Promote => """
            UPDATE models SET status = 'promoted', promoted_at = @now, retired_at = NULL WHERE version = @version AND status = @current
            """;

        // The model served before the current one: the latest promoted of those a later promotion retired.
        public string Previous => "SELECT version FROM models WHERE status = 'retired' ORDER BY promoted_at DESC, version DESC";
    }

    private readonly Sql _sql = new(database.Dialect);

    public Task<List<ModelRecord>> ListAsync() => database.ReadAsync(async connection =>
        (await connection.QueryAsync<Row>(_sql.List)).Select(r => r.ToRecord()).ToList());

    public Task<ModelRecord?> FindAsync(long version, DbTransaction? transaction = null) => database.ReadAsync(transaction, async (connection, tx) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(_sql.Find, new { version }, tx))?.ToRecord());

    /// <summary>
    /// Records a new training (status <c>training</c>) and returns its version; a conflict while another is running
    /// (one abandoned for <see cref="TrainingGivenUpAfter"/> is marked failed first).
    /// </summary>
    public async Task<long> StartAsync(string? requestedBy, DbTransaction? transaction = null)
    {
        var now = clock.GetUtcNow();
        try
        {
            return await database.WriteAsync(transaction, async (connection, tx) =>
            {
                await connection.ExecuteAsync(_sql.GiveUpStale, new { before = database.Time(now - TrainingGivenUpAfter) }, tx);
                if (await connection.QuerySingleOrDefaultAsync<long?>(_sql.Running, transaction: tx) is { } running) throw Running(running);
                return await connection.ExecuteScalarAsync<long>(_sql.Start, new { requestedBy, now = database.Time(now) }, tx);
            });
        }
        catch (DbException exception) when (!database.Dialect.IsTransient(exception))
        {
            // Another request started one between the check and the insert (the insert waited for it to commit): the
            // unique index refused this one. The caller's transaction, if any, rolls back with the conflict.
            if (await RunningAsync() is { } running) throw Running(running);
            throw;
        }
    }

    private Task<long?> RunningAsync() => database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<long?>(_sql.Running));

    private static ConflictException Running(long version) => new(
        $"model {version} is being trained; wait for it (GET /api/v1/models/{version})",
        new Dictionary<string, object?> { ["runningVersion"] = version });

    /// <summary>
    /// Stores a finished training. A model promoted by its training replaces the serving one only if that is still
    /// the one it was compared with; otherwise it stays a candidate, with the reason.
    /// </summary>
    public Task<ModelStatus> FinishAsync(long version, TrainedModel trained) => database.WriteAsync(null, async (connection, tx) =>
    {
        var now = database.Time(clock.GetUtcNow());
        var status = trained.Status;
        var reason = trained.Reason;
        if (status == ModelStatus.Promoted)
        {
            var serving = await connection.QuerySingleOrDefaultAsync<long?>(_sql.Serving, transaction: tx);
            if (serving != trained.ServingVersion)
            {
                status = ModelStatus.Candidate;
                reason = $"better than {Name(trained.ServingVersion)}, but {Name(serving)} was promoted meanwhile: train again to compare with it";
            }
            else await connection.ExecuteAsync(_sql.Retire, new { status = "retired", reason = $"replaced by model {version}", now }, tx);
        }
        var finished = await connection.ExecuteAsync(_sql.Finish, new
        {
            version, trained.Outcomes, trained.TrainingRows, trained.TrainingGroups, trained.HoldoutRows, trained.HoldoutGroups,
            holdoutFrom = trained.HoldoutFrom is { } from ? database.Time(from) : null, trained.BaseNdcg, trained.ModelNdcg,
            trained.ServingVersion, trained.ServingNdcg, trained.TrainingSeconds, trained.Model, now, Reason = reason,
            Status = EnumColumn.Write(status), features = JsonSerializer.Serialize(trained.Features),
            promotedAt = status == ModelStatus.Promoted ? now : null,
        }, tx);
        // Given up as abandoned meanwhile: nothing of this transaction (the retirement above included) is kept.
        if (finished == 0) throw new ConflictException($"model {version} is no longer being trained");
        return status;
    });

    public Task FailAsync(long version, string reason) => database.WriteAsync(null, (connection, tx) =>
        connection.ExecuteAsync(_sql.Fail, new { version, reason }, tx));

    /// <summary>The version of the promoted model, or null when the base ranker serves.</summary>
    public Task<long?> ServingAsync() => database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<long?>(_sql.Serving));

    /// <summary>A model's ML.NET zip (null for one that was never trained).</summary>
    public Task<byte[]?> BytesAsync(long version) => database.ReadAsync(connection =>
        connection.QuerySingleOrDefaultAsync<byte[]?>(_sql.Bytes, new { version }));

    /// <summary>
    /// Promotes a candidate: it was trained against the model serving then, and beat it on its holdout; if another
    /// has been promoted since, the comparison no longer holds and the promotion is refused (train again). Null when
    /// there is no such model.
    /// </summary>
    public Task<ModelRecord?> PromoteAsync(long version) => database.WriteAsync(null, async (connection, tx) =>
    {
        var model = (await connection.QuerySingleOrDefaultAsync<Row>(_sql.Find, new { version }, tx))?.ToRecord();
        if (model is null) return null;
        if (model.Status != ModelStatus.Candidate)
            throw new ConflictException($"model {version} is {EnumColumn.Write(model.Status)}: only a candidate can be promoted (rollback returns to the previous model)",
                new Dictionary<string, object?> { ["currentStatus"] = model.Status });
        var serving = await connection.QuerySingleOrDefaultAsync<long?>(_sql.Serving, transaction: tx);
        if (serving != model.ServingVersion)
            throw new ConflictException(
                $"model {version} beat {Name(model.ServingVersion)}, but {Name(serving)} serves now: train again to compare with it",
                new Dictionary<string, object?> { ["servingVersion"] = serving });
        var now = database.Time(clock.GetUtcNow());
        await connection.ExecuteAsync(_sql.Retire, new { status = "retired", reason = $"replaced by model {version}", now }, tx);
        if (await connection.ExecuteAsync(_sql.Promote, new { version, now, current = "candidate" }, tx) == 0)
            throw new ConflictException($"model {version} changed meanwhile; read it again"); // rolls the retirement back too
        return (ModelRecord?)(await connection.QuerySingleAsync<Row>(_sql.Find, new { version }, tx)).ToRecord();
    });

    /// <summary>
    /// Takes the promoted model out of service (rejected, with the reason) and serves the one it replaced, or the base
    /// ranker when there is none. Returns the version now serving (null: the base ranker).
    /// </summary>
    public Task<long?> RollbackAsync(string? who) => database.WriteAsync(null, async (connection, tx) =>
    {
        var serving = await connection.QuerySingleOrDefaultAsync<long?>(_sql.Serving, transaction: tx)
            ?? throw new ConflictException("the base ranker is serving: there is nothing to roll back");
        var now = database.Time(clock.GetUtcNow());
        await connection.ExecuteAsync(_sql.Retire, new { status = "rejected", reason = $"rolled back{(who is null ? "" : $" by {who}")}", now }, tx);
        var previous = await connection.QueryFirstOrDefaultAsync<long?>(_sql.Previous, transaction: tx);
        if (previous is { } back) await connection.ExecuteAsync(_sql.Promote, new { version = back, now, current = "retired" }, tx);
        return previous;
    });

    /// <summary>How reasons name a model: <c>model 3</c>, or <c>the base ranker</c> for none.</summary>
    internal static string Name(long? version) => version is { } v ? $"model {v}" : "the base ranker";

    private sealed class Row
    {
        public long Version { get; init; }
        public string Status { get; init; } = "";
        public string? Reason { get; init; }
        public string? RequestedBy { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? TrainedAt { get; init; }
        public DateTimeOffset? PromotedAt { get; init; }
        public DateTimeOffset? RetiredAt { get; init; }
        public int Outcomes { get; init; }
        public int TrainingRows { get; init; }
        public int TrainingGroups { get; init; }
        public int HoldoutRows { get; init; }
        public int HoldoutGroups { get; init; }
        public DateTimeOffset? HoldoutFrom { get; init; }
        public double? BaseNdcg { get; init; }
        public double? ModelNdcg { get; init; }
        public long? ServingVersion { get; init; }
        public double? ServingNdcg { get; init; }
        public double? TrainingSeconds { get; init; }
        public string? Features { get; init; }

        public ModelRecord ToRecord() => new(
            Version, EnumColumn.Read<ModelStatus>(Status), Reason, RequestedBy, CreatedAt, TrainedAt, PromotedAt, RetiredAt, Outcomes,
            TrainingRows, TrainingGroups, HoldoutRows, HoldoutGroups, HoldoutFrom, Round(BaseNdcg), Round(ModelNdcg), ServingVersion,
            Round(ServingNdcg), TrainingSeconds is { } s ? Math.Round(s, 2) : null,
            Features is null ? null : JsonSerializer.Deserialize<List<string>>(Features));

        private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;
    }
}
