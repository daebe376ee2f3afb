using TldOps.Core.Lists.Delivery;

namespace TldOps.Core.Tests.Lists.Delivery;

public sealed class RetryScheduleTests
{
    private static readonly DateTimeOffset Queued = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    private readonly RetrySchedule _schedule = new([TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1)], TimeSpan.FromHours(4));

    [Theory]
    [InlineData(0, 5)]
    [InlineData(4, 5)]
    [InlineData(5, 20)]
    [InlineData(21, 80)]
    [InlineData(80, 140)]
    [InlineData(200, 240)]
    public void The_next_attempt_is_the_first_due_time_after_now_counted_from_the_first_queueing(int ageMinutes, int dueMinutes)
    {
        var next = _schedule.Next(Queued, Queued.AddMinutes(ageMinutes));

        Assert.Equal(Queued.AddMinutes(dueMinutes), next);
    }

    [Fact]
    public void Past_the_maximum_age_the_copy_is_given_up()
    {
        Assert.Null(_schedule.Next(Queued, Queued.AddHours(4)));
        Assert.Null(_schedule.Next(Queued, Queued.AddDays(9)));
    }

    [Fact]
    public void The_defaults_follow_rfc_5321_after_the_greylisting_retry()
    {
        var schedule = RetrySchedule.From(new DeliveryOptions());

        Assert.Equal(Queued.AddMinutes(5), schedule.Next(Queued, Queued));
        Assert.Equal(TimeSpan.FromDays(5), schedule.MaxAge);
        Assert.Throws<ArgumentException>(() => new RetrySchedule([], TimeSpan.FromDays(1)));
    }
}
