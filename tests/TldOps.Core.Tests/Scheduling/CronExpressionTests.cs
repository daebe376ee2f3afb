using TldOps.Core.Scheduling;

namespace TldOps.Core.Tests.Scheduling;

public sealed class CronExpressionTests
{
    private static DateTimeOffset Utc(int y, int mo, int d, int h = 0, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0 6 1 * *", "2026-11-01T06:00", "2026-12-01T06:00")]
    [InlineData("0 6 1 * *", "2026-12-15T00:00", "2027-01-01T06:00")]
    [InlineData("*/15 * * * *", "2026-11-01T06:07", "2026-11-01T06:15")]
    [InlineData("5,35 9-10 * * *", "2026-11-01T10:35", "2026-11-02T09:05")]
    [InlineData("0 0 * * MON-FRI", "2026-11-06T12:00", "2026-11-09T00:00")]
    [InlineData("0 0 * * 7", "2026-11-02T00:00", "2026-11-08T00:00")]
    [InlineData("0 12 1-7/3 JAN,jul *", "2026-11-01T00:00", "2027-01-01T12:00")]
    [InlineData("30 2 29 2 *", "2026-03-01T00:00", "2028-02-29T02:30")]
    [InlineData("0 0 13 * 5", "2026-11-01T00:00", "2026-11-06T00:00")]
    [InlineData("10/20 * * * *", "2026-11-01T00:31", "2026-11-01T00:50")]
    public void The_next_occurrence_follows_crontab_5(string expression, string after, string expected)
    {
        var cron = CronExpression.Parse(expression);
        var next = cron.GetNextOccurrence(DateTimeOffset.Parse(after + "Z", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DateTimeOffset.Parse(expected + "Z", System.Globalization.CultureInfo.InvariantCulture), next);
        Assert.True(cron.Matches(next!.Value));
    }

    [Theory]
    [InlineData("0 6 1 * *", "2026-11-01T06:00", "2026-11-01T06:00")]
    [InlineData("0 6 1 * *", "2026-11-01T05:59", "2026-10-01T06:00")]
    [InlineData("45 5 * * *", "2026-11-03T05:44", "2026-11-02T05:45")]
    [InlineData("30 2 29 2 *", "2027-06-01T00:00", "2024-02-29T02:30")]
    public void The_previous_occurrence_is_the_last_at_or_before(string expression, string atOrBefore, string expected)
    {
        var previous = CronExpression.Parse(expression).GetPreviousOccurrence(DateTimeOffset.Parse(atOrBefore + "Z", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DateTimeOffset.Parse(expected + "Z", System.Globalization.CultureInfo.InvariantCulture), previous);
    }

    [Fact]
    public void A_schedule_that_never_matches_has_no_occurrence()
    {
        var cron = CronExpression.Parse("0 0 31 2 *");
        Assert.Null(cron.GetNextOccurrence(Utc(2026, 1, 1)));
        Assert.Null(cron.GetPreviousOccurrence(Utc(2026, 1, 1)));
    }

    [Theory]
    [InlineData("", 0, "minute field is missing")]
    [InlineData("0 6 1 *", 7, "day of week field is missing")]
    [InlineData("0 6 1 * * *", 10, "more than five fields")]
    [InlineData("60 * * * *", 0, "'60' is not a minute")]
    [InlineData("0 24 * * *", 2, "'24' is not a hour")]
    [InlineData("0 0 0 * *", 4, "'0' is not a day of month")]
    [InlineData("0 0 * 13 *", 6, "'13' is not a month")]
    [InlineData("0 0 * FOO *", 6, "'FOO' is not a month")]
    [InlineData("0 0 * * 8", 8, "'8' is not a day of week")]
    [InlineData("5-1 * * * *", 0, "runs backwards")]
    [InlineData("*/0 * * * *", 2, "step in the minute field")]
    [InlineData("1,,2 * * * *", 2, "empty item")]
    [InlineData("0 6 1 * @", 8, "'@' is not a day of week")]
    public void A_bad_expression_names_the_offset(string expression, int offset, string reason)
    {
        var error = Assert.Throws<CronFormatException>(() => CronExpression.Parse(expression));
        Assert.Equal(offset, error.Offset);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.False(CronExpression.TryParse(expression, out _));
    }

    [Fact]
    public void Every_strict_prefix_of_a_valid_expression_fails_cleanly_or_parses()
    {
        const string Valid = "0,30 6-18/2 1-7 JAN-DEC MON-FRI";
        Assert.True(CronExpression.TryParse(Valid, out _));
        for (var length = 0; length < Valid.Length; length++)
        {
            var prefix = Valid[..length];
            var parsed = CronExpression.TryParse(prefix, out var cron);
            if (!parsed)
            {
                Assert.ThrowsAny<FormatException>(() => CronExpression.Parse(prefix));
            }
            else
            {
                Assert.NotNull(cron!.GetNextOccurrence(Utc(2026, 1, 1)));
            }
        }
    }

    [Fact]
    public void The_length_and_list_limits_are_enforced()
    {
        var tooLong = string.Join(',', Enumerable.Range(0, 60)) + " * * * *" + new string(' ', 100);
        Assert.Contains("longer than", Assert.Throws<CronFormatException>(() => CronExpression.Parse(tooLong)).Message, StringComparison.Ordinal);
        var options = CronParserOptions.Default.Clone();
        options.MaxListItems = 3;
        Assert.Contains("more than 3 items", Assert.Throws<CronFormatException>(() => CronExpression.Parse("1,2,3,4 * * * *", options)).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => CronParserOptions.Default.MaxLength = 10);
    }
}
