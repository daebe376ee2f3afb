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

    [Fact]
    public async Task A_producer_waits_for_a_lease_of_its_queue_only_while_a_runner_of_it_runs_here()
    {
        var signal = new QueueSignal();
        var seen = signal.LeaseGeneration(QueueNames.Out);

        // Nobody leases from out on this node (a command draining queues itself): no wait.
        Assert.True(signal.WaitLeasedAsync(QueueNames.Out, seen, Long).IsCompleted);

        var runner = signal.Attach(QueueNames.Out);
        var waiting = signal.WaitLeasedAsync(QueueNames.Out, seen, Long);
        signal.Leased(QueueNames.Retry);
        Assert.False(waiting.IsCompleted);
        signal.Leased(QueueNames.Out);
        await waiting.WaitAsync(Long);
        Assert.Equal(seen + 1, signal.LeaseGeneration(QueueNames.Out));

        // A lease between reading the generation and waiting is not missed.
        Assert.True(signal.WaitLeasedAsync(QueueNames.Out, seen, Long).IsCompleted);

        // Runners busy elsewhere: the wait ends at its timeout, without an error.
        var current = signal.LeaseGeneration(QueueNames.Out);
        await signal.WaitLeasedAsync(QueueNames.Out, current, TimeSpan.FromMilliseconds(20)).WaitAsync(Long);

        // Once the runner stopped, nobody waits for it.
        runner.Dispose();
        runner.Dispose();
        Assert.True(signal.WaitLeasedAsync(QueueNames.Out, current, Long).IsCompleted);
    }
}
