using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace TldOps.Core.Storage;

/// <summary>
/// Makes <see cref="DateTimeOffset"/> round-trip on both databases: SQLite stores it as ISO 8601
/// text in UTC (so that text comparison in SQL is time order), PostgreSQL as timestamptz.
/// </summary>
internal static class StorageTypeHandlers
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
        {
            return;
        }

        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
    }

    /// <summary>The one text form SQLite columns hold: fixed width, UTC, so ordering is lexical.</summary>
    public static string ToSqliteText(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads the one form <see cref="ToSqliteText"/> writes ("2026-11-21T10:48:52.4531365Z")
    /// without the general parser: queue leasing reads several per row, thousands of rows a second.
    /// </summary>
    internal static bool TryParseSqliteText(string text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length != 28 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != '.' || text[27] != 'Z')
        {
            return false;
        }

        if (!Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)
            || !Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute) || !Digits(text, 17, 2, out var second)
            || !Digits(text, 20, 7, out var fraction)
            || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(1, year), month) || hour > 23 || minute > 59 || second > 59 || year < 1)
        {
            return false;
        }

        value = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(fraction));
        return true;
    }

    /// <summary>
    /// Reads a timestamp column with the reader's typed getters (text on SQLite, timestamptz on
    /// PostgreSQL), for the few hot paths that map rows by hand instead of through Dapper.
    /// </summary>
    internal static DateTimeOffset ReadTime(System.Data.Common.DbDataReader reader, int ordinal) =>
        reader.GetFieldType(ordinal) == typeof(string)
            ? ParseText(reader.GetString(ordinal))
            : new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc));

    private static DateTimeOffset ParseText(string text) =>
        TryParseSqliteText(text, out var fast) ? fast : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static bool Digits(string text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if (digit is < 0 or > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = ToSqliteText(value);
            }
            else
            {
                parameter.DbType = DbType.DateTimeOffset;
                parameter.Value = value.ToUniversalTime();
            }
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset dto => dto,
            DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, dt.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : dt.Kind)),
            string text => ParseText(text),
            _ => throw new DataException($"Cannot read a timestamp from a {value.GetType().Name}."),
        };
    }
}
