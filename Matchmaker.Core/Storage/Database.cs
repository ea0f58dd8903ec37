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
        TimeColumn.Register();
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
        var connection = DataSource.CreateConnection();
        try
        {
            Dialect.Configure(connection);
            connection.Open();
            Dialect.Prepare(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = DataSource.CreateConnection();
        try
        {
            Dialect.Configure(connection);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            Dialect.Prepare(connection);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A read on a connection of its own, tried again after a transient failure where the provider retries.</summary>
    public Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read) => Dialect.RetryReadAsync(async () =>
    {
        await using var connection = await OpenAsync().ConfigureAwait(false);
        return await read(connection).ConfigureAwait(false);
    });

    /// <summary>A read within <paramref name="transaction"/> when the caller has one (so that it sees the transaction's writes), otherwise as above.</summary>
    public Task<T> ReadAsync<T>(DbTransaction? transaction, Func<DbConnection, DbTransaction?, Task<T>> read) =>
        transaction is not null ? read(transaction.Connection!, transaction) : ReadAsync(connection => read(connection, null));

    /// <summary>
    /// A write within <paramref name="transaction"/> when the caller has one (it commits), otherwise within a
    /// transaction of its own, committed here. Writes are not retried: one that timed out may have committed.
    /// </summary>
    public async Task<T> WriteAsync<T>(DbTransaction? transaction, Func<DbConnection, DbTransaction, Task<T>> write)
    {
        if (transaction is not null) return await write(transaction.Connection!, transaction).ConfigureAwait(false);
        await using var connection = await OpenAsync().ConfigureAwait(false);
        await using var own = await connection.BeginTransactionAsync().ConfigureAwait(false);
        var result = await write(connection, own).ConfigureAwait(false);
        await own.CommitAsync().ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Which of <paramref name="ids"/> <paramref name="sql"/> finds (a query on <c>IN @ids</c>, with <c>@tenant</c>
    /// where it has one), in sets small enough for one query each.
    /// </summary>
    public Task<HashSet<string>> ExistingIdsAsync(string sql, IEnumerable<string> ids, string? tenant, DbTransaction? transaction) =>
        ReadAsync(transaction, async (connection, tx) =>
        {
            var existing = new HashSet<string>(StringComparer.Ordinal);
            foreach (var chunk in Chunks(ids))
                existing.UnionWith(await connection.QueryAsync<string>(sql, new { tenant, ids = chunk }, tx).ConfigureAwait(false));
            return existing;
        });

    /// <summary>
    /// One page of a tenant's rows (<paramref name="pageSql"/> takes <c>@take</c> rows after <c>@skip</c>) and the
    /// number of them all (<paramref name="countSql"/>), read on one connection.
    /// </summary>
    public Task<(IReadOnlyList<T> Items, int Total)> TenantPageAsync<TRow, T>(
        string countSql, string pageSql, string tenant, int page, int pageSize, Func<TRow, T> map) => ReadAsync(async connection =>
    {
        var total = await connection.ExecuteScalarAsync<int>(countSql, new { tenant }).ConfigureAwait(false);
        var rows = await connection.QueryAsync<TRow>(pageSql, new { tenant, take = pageSize, skip = (page - 1) * pageSize }).ConfigureAwait(false);
        return ((IReadOnlyList<T>)rows.Select(map).ToList(), total);
    });

    /// <summary><paramref name="ids"/> in sets small enough for one <c>IN @ids</c> each (SQL Server takes at most 2,100 parameters).</summary>
    public static IEnumerable<List<string>> Chunks(IEnumerable<string> ids) => ids.Distinct(StringComparer.Ordinal).Chunk(1000).Select(c => c.ToList());

    /// <summary>A time as this database's columns keep it.</summary>
    public object Time(DateTimeOffset value) => Dialect.Time(value);

    /// <summary>
    /// Prepares the store (SQLite: the file's folder and WAL mode) and applies pending migrations, then runs <paramref name="once"/> within the same
    /// transaction and lock: instances starting together migrate and seed one after the other, never at once.
    /// </summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(Func<DbTransaction, Task>? once = null)
    {
        Dialect.PrepareStore(ConnectionString);
        await using var connection = await OpenAsync().ConfigureAwait(false);
        return await Migrations.ApplyAsync(connection, Dialect, once).ConfigureAwait(false);
    }
}
