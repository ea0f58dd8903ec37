using System.Data;
using System.Globalization;
using Dapper;

namespace Matchmaker.Core.Storage;

/// <summary>
/// Reads a time column into a <see cref="DateTimeOffset"/> whichever way the provider keeps it: SQL Server hands
/// back a DATETIMEOFFSET, SQLite the ISO-8601 text that <see cref="SqlDialect.Time"/> wrote (or the round-trip
/// format of rows written before one format was settled).
/// </summary>
internal sealed class TimeColumn : SqlMapper.TypeHandler<DateTimeOffset>
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        SqlMapper.AddTypeHandler(new TimeColumn());
    }

    public override DateTimeOffset Parse(object value) => value switch
    {
        DateTimeOffset time => time,
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        _ => throw new DataException($"A time column held a {value.GetType().Name}."),
    };

    // Times are written through SqlDialect.Time, which already gives each provider its own form.
    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value) => parameter.Value = value;
}
