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
/// What differs between the providers apart from query texts, written once per provider here: the data source and the
/// set-up of each connection, where the migrations are, and how migrations are kept to one process at a time.
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

    /// <summary>This class's own SQL texts by name, for the test that parses every SQL Server text.</summary>
    public virtual IReadOnlyList<(string Name, string Sql)> Statements => [(nameof(CreateMigrationsTable), CreateMigrationsTable)];

    /// <summary>A time as this provider's column keeps it: SQLite's as ISO-8601 text, SQL Server's as a DATETIMEOFFSET.</summary>
    internal virtual object Time(DateTimeOffset value) => value;

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

        internal override object Time(DateTimeOffset value) => value.ToString("O");

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
