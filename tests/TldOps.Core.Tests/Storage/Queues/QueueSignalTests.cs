using TldOps.Core.Storage.Queues;

namespace TldOps.Core.Tests.Storage.Queues;

public sealed class QueueSignalTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_notification_wakes_a_waiting_runner_and_one_sent_before_the_wait_is_kept()
    {
        var signal = new QueueSignal();
        var waiting = signal.WaitAsync([QueueNames.Retry, QueueNames.Out], Long, CancellationToken.None);
        signal.Notify(QueueNames.Out);
        signal.Notify(QueueNames.Pipeline);

        Assert.True(await waiting.WaitAsync(Long));
        Assert.True(await signal.WaitAsync([QueueNames.Pipeline], Long, CancellationToken.None).WaitAsync(Long));
    }

    [Fact]
    public async Task The_poll_interval_ends_a_wait_as_time_to_look_and_a_cancelled_wait_says_not_to()
    {
        var signal = new QueueSignal();
        using var cancel = new CancellationTokenSource();
        var cancelled = signal.WaitAsync([QueueNames.Out], Long, cancel.Token);

        var polled = await signal.WaitAsync([QueueNames.Retry], TimeSpan.FromMilliseconds(20), CancellationToken.None).WaitAsync(Long);
        await cancel.CancelAsync();

        Assert.True(polled);
        Assert.False(await cancelled.WaitAsync(Long));
        // The cancelled wait took nothing: a later notification still wakes the next one.
        signal.Notify(QueueNames.Out);
        Assert.True(await signal.WaitAsync([QueueNames.Out], Long, CancellationToken.None).WaitAsync(Long));
    }

    [Fact]
    public void The_generation_of_a_set_of_queues_moves_with_every_notification_of_one_of_them()
    {
        var signal = new QueueSignal();
        var start = signal.Generation([QueueNames.Out]);

        signal.Notify(QueueNames.Retry);
        var afterOther = signal.Generation([QueueNames.Out]);
        signal.Notify(QueueNames.Out);
        signal.Notify(QueueNames.Out);

        Assert.Equal(0, start);
        Assert.Equal(start, afterOther);
        Assert.Equal(2, signal.Generation([QueueNames.Out]));
        Assert.Equal(3, signal.Generation([QueueNames.Out, QueueNames.Retry]));
    }
}
