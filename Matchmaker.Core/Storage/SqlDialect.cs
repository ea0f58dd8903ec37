using System.Data.Common;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Matchmaker.Core.Storage;

/// <summary>The database Matchmaker keeps its data in (<c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file: the default, for one machine.</summary>
    Sqlite,

    /// <summary>SQL Server through Microsoft.Data.SqlClient: production, and several API instances on one database.</summary>
    SqlServer,
}

/// <summary>
/// Everything that differs between the providers, written once per provider here: upserts, paging, the id of an
/// inserted row and how a time is kept (the pieces the stores' <see cref="StoreSql"/> texts are built from); the
/// data source, the set-up of each connection and retries; where the migrations are and how they are kept to one
/// process at a time.
/// </summary>
public abstract class SqlDialect
{
    public static SqlDialect For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => Sqlite,
        DatabaseProvider.SqlServer => SqlServer,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "unknown database provider"),
    };

    public static SqlDialect Sqlite { get; } = new SqliteDialect();

    public static SqlDialect SqlServer { get; } = new SqlServerDialect();

    public abstract DatabaseProvider Provider { get; }

    /// <summary>The folder under <c>Storage/Migrations</c> that holds this provider's scripts.</summary>
    public string MigrationsFolder => Provider.ToString();

    internal abstract DbDataSource DataSource(string connectionString);

    /// <summary>Run on every connection as it opens.</summary>
    internal virtual void Prepare(DbConnection connection)
    {
    }

    /// <summary>Run once before migrating: whatever must exist before the first connection.</summary>
    internal virtual void PrepareStore(string connectionString)
    {
    }

    internal abstract string CreateMigrationsTable { get; }

    internal string AppliedMigrations => "SELECT name FROM schema_migrations";

    internal string RecordMigration => "INSERT INTO schema_migrations (name, applied_at) VALUES (@name, @at)";

    /// <summary>This class's own SQL texts by name, for the test that parses every SQL Server text.</summary>
    public virtual IReadOnlyList<(string Name, string Sql)> Statements =>
    [
        (nameof(CreateMigrationsTable), CreateMigrationsTable), (nameof(AppliedMigrations), AppliedMigrations),
        (nameof(RecordMigration), RecordMigration),
    ];

    /// <summary>
    /// A time as this provider's column keeps it, in UTC on both so that they answer alike: SQLite's as ISO-8601 text,
    /// SQL Server's as a DATETIMEOFFSET.
    /// </summary>
    internal virtual object Time(DateTimeOffset value) => value.ToUniversalTime();

    /// <summary>The clause after <c>ORDER BY</c> that takes <c>@take</c> rows after <c>@skip</c>.</summary>
    public abstract string Page { get; }

    /// <summary>
    /// Inserts a row of <paramref name="columns"/> (comma-separated) with <paramref name="values"/> (parameters in the
    /// same order), or updates every other column of the row with the same <paramref name="key"/> columns.
    /// </summary>
    public abstract string Upsert(string table, string key, string columns, string values);

    /// <summary>Appended to an INSERT into a table with an identity column: selects the id it gave the row.</summary>
    public abstract string SelectInsertedId { get; }

    /// <summary>
    /// Inserts a change row into the change feed <paramref name="table"/> and selects its position. A feed's positions
    /// only grow, and <see cref="ChangesAfter"/> reads up to where every earlier write has committed, so that a reader
    /// never steps over a row that commits late.
    /// </summary>
    public abstract string InsertChange(string table, string columns, string values);

    /// <summary>(position, <paramref name="columns"/>) of the rows after <c>@after</c> that no open transaction can precede, in order.</summary>
    public abstract string ChangesAfter(string table, string columns);

    /// <summary>The position up to which every change of <paramref name="table"/> has committed.</summary>
    public abstract string ChangeMark(string table);

    /// <summary>Set on every connection before it opens: the provider's retry where it has one.</summary>
    internal virtual void Configure(DbConnection connection)
    {
    }

    /// <summary>
    /// Whether <paramref name="exception"/> is a passing condition of the database (a lock held too long, a deadlock,
    /// a failover) rather than a fault of the request or of the code: the API answers 503 with Retry-After, and a
    /// client retries a write with the same Idempotency-Key.
    /// </summary>
    public abstract bool IsTransient(DbException exception);

    /// <summary>Runs a read (which may open its own connection) again after a transient failure, where the provider has a retry.</summary>
    internal virtual Task<T> RetryReadAsync<T>(Func<Task<T>> read) => read();

    private protected static (string[] Key, string[] Columns, string[] Values) Split(string key, string columns, string values)
    {
        static string[] List(string text) => text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var (keys, names, parameters) = (List(key), List(columns), List(values));
        if (names.Length != parameters.Length || keys.Any(k => !names.Contains(k)))
            throw new ArgumentException($"An upsert needs as many values as columns, and its key among the columns: ({columns}) ({values}) key ({key}).");
        return (keys, names, parameters);
    }

    /// <summary>
    /// Takes the lock that keeps a second process from migrating at the same time, within
    /// <paramref name="transaction"/>, which holds it until it ends.
    /// </summary>
    internal abstract void LockMigrations(DbConnection connection, DbTransaction transaction);

    private sealed class SqliteDialect : SqlDialect
    {
        public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

        // Foreign keys on for every connection; a writer waits up to 30 s for another one rather than failing.
        internal override DbDataSource DataSource(string connectionString) => SqliteFactory.Instance.CreateDataSource(
            new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true, DefaultTimeout = 30 }.ToString());

        // synchronous=FULL: a committed match event survives a power cut (NORMAL may lose the last commits in WAL mode).
        internal override void Prepare(DbConnection connection) =>
            connection.Execute("PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;");

        // The file's folder is created, and the file is put in WAL mode (a property of the file, kept once set), so
        // that readers never wait for the writer.
        internal override void PrepareStore(string connectionString)
        {
            var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
            if (!string.IsNullOrEmpty(folder) && dataSource != ":memory:") Directory.CreateDirectory(folder);
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            connection.Execute("PRAGMA journal_mode = WAL;");
        }

        // One text format, UTC with seven decimals and a Z, so that ordering by the column orders by time.
        internal override object Time(DateTimeOffset value) =>
            value.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture);

        public override string Page => "LIMIT @take OFFSET @skip";

        // SQLITE_BUSY and SQLITE_LOCKED: another writer held the file past busy_timeout.
        public override bool IsTransient(DbException exception) => exception is SqliteException { SqliteErrorCode: 5 or 6 };

        public override string Upsert(string table, string key, string columns, string values)
        {
            var (keys, names, _) = Split(key, columns, values);
            var updates = string.Join(", ", names.Except(keys).Select(c => $"{c} = excluded.{c}"));
            return $"INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT ({key}) DO UPDATE SET {updates}";
        }

        public override string SelectInsertedId => "; SELECT last_insert_rowid()";

        // One writer at a time: ids are taken and committed in order, so the id is the position.
        public override string InsertChange(string table, string columns, string values) =>
            $"INSERT INTO {table} ({columns}) VALUES ({values}){SelectInsertedId}";

        public override string ChangesAfter(string table, string columns) =>
            $"SELECT id AS position, {columns} FROM {table} WHERE id > @after ORDER BY id";

        public override string ChangeMark(string table) => $"SELECT COALESCE(MAX(id), 0) FROM {table}";

        internal override string CreateMigrationsTable => """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                name       TEXT NOT NULL PRIMARY KEY,
                applied_at TEXT NOT NULL
            )
            """;

        // Microsoft.Data.Sqlite begins transactions with BEGIN IMMEDIATE: the transaction already holds the file's
        // write lock, which a second process waits for (busy_timeout) and then finds the migrations applied.
        internal override void LockMigrations(DbConnection connection, DbTransaction transaction)
        {
        }
    }

    private sealed class SqlServerDialect : SqlDialect
    {
        public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

        internal override DbDataSource DataSource(string connectionString) => SqlClientFactory.Instance.CreateDataSource(connectionString);

        public override string Page => "OFFSET @skip ROWS FETCH NEXT @take ROWS ONLY";

        // Deadlock victim, lock and command timeouts, and the errors of a failover or throttling that SqlClient's own
        // retry also treats as transient.
        private static readonly HashSet<int> TransientNumbers = [1205, 1222, -2, 233, 64, 4060, 10053, 10054, 10060, 40197, 40501, 40613, 49918, 49919, 49920];

        public override bool IsTransient(DbException exception) =>
            exception is SqlException sql && sql.Errors.Cast<SqlError>().Any(e => TransientNumbers.Contains(e.Number));

        // MERGE under HOLDLOCK: without it two sessions upserting one new id can both take the insert branch.
        public override string Upsert(string table, string key, string columns, string values)
        {
            var (keys, names, _) = Split(key, columns, values);
            var on = string.Join(" AND ", keys.Select(k => $"target.{k} = source.{k}"));
            var updates = string.Join(", ", names.Except(keys).Select(c => $"{c} = source.{c}"));
            var inserted = string.Join(", ", names.Select(c => $"source.{c}"));
            return $"""
                MERGE INTO {table} WITH (HOLDLOCK) AS target
                USING (VALUES ({values})) AS source ({columns})
                ON {on}
                WHEN MATCHED THEN UPDATE SET {updates}
                WHEN NOT MATCHED THEN INSERT ({columns}) VALUES ({inserted});
                """;
        }

        public override string SelectInsertedId => "; SELECT CAST(SCOPE_IDENTITY() AS BIGINT)";

        // Identities are taken before commit, so a later one can commit first. The position is the row's
        // ROWVERSION instead, read only below MIN_ACTIVE_ROWVERSION(): every row under it has committed.
        public override string InsertChange(string table, string columns, string values) =>
            $"INSERT INTO {table} ({columns}) OUTPUT CAST(INSERTED.version AS BIGINT) VALUES ({values})";

        public override string ChangesAfter(string table, string columns) => $"""
            SELECT CAST(version AS BIGINT) AS position, {columns} FROM {table}
            WHERE version > CAST(@after AS BINARY(8)) AND version < MIN_ACTIVE_ROWVERSION()
            ORDER BY version
            """;

        public override string ChangeMark(string table) => "SELECT CAST(MIN_ACTIVE_ROWVERSION() AS BIGINT) - 1";

        // SqlClient's configurable retry: exponential back-off over the transient errors it knows (plus the ones
        // of a failover), for opening connections and for reads. Writes are never retried blindly: a timed-out
        // write may have committed; callers make them safe with idempotency keys and unique constraints.
        private static readonly SqlRetryLogicBaseProvider Retry = SqlConfigurableRetryFactory.CreateExponentialRetryProvider(new SqlRetryLogicOption
        {
            NumberOfTries = 5,
            DeltaTime = TimeSpan.FromMilliseconds(200),
            MaxTimeInterval = TimeSpan.FromSeconds(10),
        });

        internal override void Configure(DbConnection connection) => ((SqlConnection)connection).RetryLogicProvider = Retry;

        internal override Task<T> RetryReadAsync<T>(Func<Task<T>> read) => Retry.ExecuteAsync(this, read);

        internal override string CreateMigrationsTable => """
            IF OBJECT_ID(N'dbo.schema_migrations', N'U') IS NULL
                CREATE TABLE dbo.schema_migrations (
                    name       NVARCHAR(200)     NOT NULL PRIMARY KEY,
                    applied_at DATETIMEOFFSET(7) NOT NULL
                );
            """;

        // An application lock owned by the transaction: a second instance starting at the same time waits (up to
        // a minute) and then finds the migrations applied. A negative result means the lock was not granted.
        private const string MigrationLock = """
            DECLARE @result INT;
            EXEC @result = sp_getapplock @Resource = N'matchmaker-migrations', @LockMode = N'Exclusive',
                @LockOwner = N'Transaction', @LockTimeout = 60000;
            SELECT @result;
            """;

        public override IReadOnlyList<(string Name, string Sql)> Statements => [.. base.Statements, (nameof(MigrationLock), MigrationLock)];

        internal override void LockMigrations(DbConnection connection, DbTransaction transaction)
        {
            var result = connection.ExecuteScalar<int>(MigrationLock, transaction: transaction);
            if (result < 0) throw new InvalidOperationException($"The migration lock was not granted (sp_getapplock returned {result}).");
        }
    }
}
