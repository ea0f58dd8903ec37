using Dapper;
using Microsoft.Data.Sqlite;

namespace Matchmaker.Core.Storage;

/// <summary>
/// Opens connections to the embedded SQLite database, one per operation. Every connection runs with
/// foreign keys on and <c>synchronous=FULL</c>, so a committed match event survives a power cut.
/// </summary>
public sealed class Database
{
    static Database()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    public Database(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            ForeignKeys = true,
            DefaultTimeout = 30,
        };
        ConnectionString = builder.ToString();
    }

    public string ConnectionString { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        connection.Execute("PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;");
        return connection;
    }

    /// <summary>Creates the database file if needed, turns on WAL and applies pending migrations.</summary>
    public void Migrate()
    {
        var dataSource = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder) && dataSource != ":memory:") Directory.CreateDirectory(folder);

        using var connection = Open();
        connection.Execute("PRAGMA journal_mode = WAL;");
        Migrations.Apply(connection);
    }
}
