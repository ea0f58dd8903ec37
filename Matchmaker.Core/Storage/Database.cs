using System.Data.Common;
using Dapper;

namespace Matchmaker.Core.Storage;

/// <summary>
/// Matchmaker's database on one provider: connections from a <see cref="DbDataSource"/>, one per operation, each set
/// up as its <see cref="SqlDialect"/> says, and the provider's migrations. SQLite runs every connection with foreign
/// keys on and <c>synchronous=FULL</c>, so a committed match event survives a power cut.
/// </summary>
public sealed class Database
{
    static Database()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    /// <summary>An embedded SQLite database.</summary>
    public Database(string connectionString) : this(DatabaseProvider.Sqlite, connectionString)
    {
    }

    public Database(DatabaseProvider provider, string connectionString)
    {
        Dialect = SqlDialect.For(provider);
        ConnectionString = connectionString;
        DataSource = Dialect.DataSource(connectionString);
    }

    public SqlDialect Dialect { get; }

    public DatabaseProvider Provider => Dialect.Provider;

    public string ConnectionString { get; }

    public DbDataSource DataSource { get; }

    public DbConnection Open()
    {
        var connection = DataSource.OpenConnection();
        Dialect.Prepare(connection);
        return connection;
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        Dialect.Prepare(connection);
        return connection;
    }

    /// <summary>Prepares the store (SQLite: the file's folder and WAL mode) and applies pending migrations, one process at a time.</summary>
    public void Migrate()
    {
        Dialect.PrepareStore(ConnectionString);
        using var connection = Open();
        Migrations.Apply(connection, Dialect);
    }
}
