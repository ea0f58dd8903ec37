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
        string text => ParseText(text),
        _ => throw new DataException($"A time column held a {value.GetType().Name}."),
    };

    /// <summary>
    /// A time as SQLite keeps it. The one format <see cref="SqlDialect.Time"/> writes, <c>2026-03-09T04:04:24.4448355Z</c>,
    /// is read by its digits (reads of hundreds of thousands of times, as a KPI report's, spent most of their time in
    /// the general parser); anything else goes to the general parser.
    /// </summary>
    public static DateTimeOffset ParseText(string text)
    {
        if (text.Length != 28 || text[4] != '-' || text[10] != 'T' || text[19] != '.' || text[27] != 'Z')
            return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        static int Digits(string s, int at, int count)
        {
            var number = 0;
            for (var i = at; i < at + count; i++) number = number * 10 + (s[i] - '0');
            return number;
        }
        var day = new DateOnly(Digits(text, 0, 4), Digits(text, 5, 2), Digits(text, 8, 2)).DayNumber;
        var ticks = day * TimeSpan.TicksPerDay + Digits(text, 11, 2) * TimeSpan.TicksPerHour + Digits(text, 14, 2) * TimeSpan.TicksPerMinute
            + Digits(text, 17, 2) * TimeSpan.TicksPerSecond + Digits(text, 20, 7);
        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    // Times are written through SqlDialect.Time, which already gives each provider its own form.
    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value) => parameter.Value = value;
}
