using Dapper;
using Matchmaker.Core.Storage;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Matchmaker.Tests.Storage;

/// <summary>
/// A database of its own for one test or one test server: a SQLite file in the temp folder, or, when
/// <c>MATCHMAKER_TEST_SQLSERVER</c> holds a connection string, a database created on that server for it and dropped
/// afterwards (so that runs and fixtures never see each other's rows).
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string SqlServerVariable = "MATCHMAKER_TEST_SQLSERVER";

    private readonly string? _file;
    private readonly string? _name;

    public TestDatabase()
    {
        if (Environment.GetEnvironmentVariable(SqlServerVariable) is { Length: > 0 } server)
        {
            Provider = DatabaseProvider.SqlServer;
            _name = $"matchmaker_test_{Guid.NewGuid():N}";
            var builder = new SqlConnectionStringBuilder(server);
            using (var master = new SqlConnection(new SqlConnectionStringBuilder(server) { InitialCatalog = "master" }.ConnectionString))
                master.Execute($"CREATE DATABASE [{_name}]");
            builder.InitialCatalog = _name;
            ConnectionString = builder.ConnectionString;
        }
        else
        {
            Provider = DatabaseProvider.Sqlite;
            _file = Path.Combine(Path.GetTempPath(), $"matchmaker-test-{Guid.NewGuid():N}.db");
            ConnectionString = $"Data Source={_file}";
        }
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public bool IsSqlite => Provider == DatabaseProvider.Sqlite;

    public Database Open() => new(Provider, ConnectionString);

    /// <summary>The table names, from the provider's catalog.</summary>
    public string TablesQuery => IsSqlite
        ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        : "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME";

    /// <summary>The same database for the command line (<c>Matchmaker.Api keys ...</c>).</summary>
    public string[] CommandLine => [$"--Database:Provider={Provider}", $"--ConnectionStrings:Matchmaker={ConnectionString}"];

    public void Dispose()
    {
        if (_file is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_file + suffix);
            return;
        }
        SqlConnection.ClearAllPools();
        var server = Environment.GetEnvironmentVariable(SqlServerVariable)!;
        using var master = new SqlConnection(new SqlConnectionStringBuilder(server) { InitialCatalog = "master" }.ConnectionString);
        master.Execute($"ALTER DATABASE [{_name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_name}];");
    }
}
