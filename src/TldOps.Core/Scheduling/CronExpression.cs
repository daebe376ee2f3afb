using System.Diagnostics.CodeAnalysis;

namespace TldOps.Core.Scheduling;

/// <summary>
/// A five-field cron schedule (minute, hour, day of month, month, day of week) as Vixie cron and
/// POSIX crontab(5) read it: <c>*</c>, single values, ranges <c>a-b</c>, lists <c>a,b</c>, steps
/// <c>*/n</c> and <c>a-b/n</c>, month names JAN–DEC and day names SUN–SAT, Sunday as 0 or 7.
/// When both day fields are restricted a day matches if either does (crontab(5)); when one is
/// <c>*</c> only the other counts. Times are UTC, to the minute.
/// </summary>
public sealed partial class CronExpression
{
    // A schedule such as "0 0 29 2 1" (Feb 29 or Mondays) always matches within a week, but
    // "0 0 29 2 *" only every four years, and a Feb 29 that is a given weekday can be 28 years
    // away; eight years covers every expression that matches at all with plain '*' weekdays.
    private const int SearchDays = 366 * 8 + 2;

    private readonly ulong _minutes;
    private readonly uint _hours;
    private readonly uint _daysOfMonth;
    private readonly ushort _months;
    private readonly byte _daysOfWeek;
    private readonly bool _dayOfMonthRestricted;
    private readonly bool _dayOfWeekRestricted;

    private CronExpression(string text, ulong minutes, uint hours, uint daysOfMonth, ushort months, byte daysOfWeek, bool domRestricted, bool dowRestricted)
    {
        Text = text;
        _minutes = minutes;
        _hours = hours;
        _daysOfMonth = daysOfMonth;
        _months = months;
        _daysOfWeek = daysOfWeek;
        _dayOfMonthRestricted = domRestricted;
        _dayOfWeekRestricted = dowRestricted;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>Reads <paramref name="text"/>; throws <see cref="CronFormatException"/> naming the offset.</summary>
    public static CronExpression Parse(string text, CronParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParseCore(text, options ?? CronParserOptions.Default, out var expression, out var error)
            ? expression
            : throw error;
    }

    /// <summary>Reads <paramref name="text"/>; false when it is not a valid expression.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out CronExpression? expression, CronParserOptions? options = null)
    {
        expression = null;
        return text is not null && TryParseCore(text, options ?? CronParserOptions.Default, out expression, out _);
    }

    /// <summary>The first matching minute strictly after <paramref name="after"/>, or null if none within eight years.</summary>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset after)
    {
        var start = Truncate(after).AddMinutes(1);
        var date = start.Date;
        for (var day = 0; day < SearchDays; day++, date = date.AddDays(1))
        {
            if (!DayMatches(date))
            {
                continue;
            }

            var from = date == start.Date ? (start.Hour * 60) + start.Minute : 0;
            for (var minuteOfDay = from; minuteOfDay < 24 * 60; minuteOfDay++)
            {
                if (TimeMatches(minuteOfDay))
                {
                    return new DateTimeOffset(date.AddMinutes(minuteOfDay), TimeSpan.Zero);
                }
            }
        }

        return null;
    }

    /// <summary>The last matching minute at or before <paramref name="atOrBefore"/>, or null if none within eight years.</summary>
    public DateTimeOffset? GetPreviousOccurrence(DateTimeOffset atOrBefore)
    {
        var end = Truncate(atOrBefore);
        var date = end.Date;
        for (var day = 0; day < SearchDays; day++, date = date.AddDays(-1))
        {
            if (!DayMatches(date))
            {
                continue;
            }

            var from = date == end.Date ? (end.Hour * 60) + end.Minute : (24 * 60) - 1;
            for (var minuteOfDay = from; minuteOfDay >= 0; minuteOfDay--)
            {
                if (TimeMatches(minuteOfDay))
                {
                    return new DateTimeOffset(date.AddMinutes(minuteOfDay), TimeSpan.Zero);
                }
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="time"/> (to the minute, UTC) matches.</summary>
    public bool Matches(DateTimeOffset time)
    {
        var t = Truncate(time);
        return DayMatches(t.Date) && TimeMatches((t.Hour * 60) + t.Minute);
    }

    public override string ToString() => Text;

    private static DateTime Truncate(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, DateTimeKind.Utc);
    }

    private bool TimeMatches(int minuteOfDay) =>
        (_hours & (1u << (minuteOfDay / 60))) != 0 && (_minutes & (1ul << (minuteOfDay % 60))) != 0;

    private bool DayMatches(DateTime date)
    {
        if ((_months & (1 << date.Month)) == 0)
        {
            return false;
        }

        var dom = (_daysOfMonth & (1u << date.Day)) != 0;
        var dow = (_daysOfWeek & (1 << (int)date.DayOfWeek)) != 0;
        return (_dayOfMonthRestricted, _dayOfWeekRestricted) switch
        {
            (true, true) => dom || dow,
            (true, false) => dom,
            (false, true) => dow,
            _ => true,
        };
    }
}
