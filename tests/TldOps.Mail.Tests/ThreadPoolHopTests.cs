namespace TldOps.Mail.Tests;

public sealed class ThreadPoolHopTests
{
    [Fact]
    public async Task Work_started_on_a_thread_outside_the_pool_runs_on_the_pool()
    {
        Task<bool>? task = null;
        ValueTask<bool> valueTask = default;
        var thread = new Thread(() =>
        {
            task = ThreadPoolHop.RunAsync(() => Task.FromResult(Thread.CurrentThread.IsThreadPoolThread));
            valueTask = ThreadPoolHop.RunAsync(() => ValueTask.FromResult(Thread.CurrentThread.IsThreadPoolThread));
        });
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(10)));

        Assert.True(await task!);
        Assert.True(await valueTask);
    }

    [Fact]
    public async Task Work_started_on_the_pool_runs_at_once_on_the_same_thread()
    {
        var (caller, worker) = await Task.Run(async () =>
        {
            var id = Environment.CurrentManagedThreadId;
            return (id, await ThreadPoolHop.RunAsync(() => Task.FromResult(Environment.CurrentManagedThreadId)));
        });

        Assert.Equal(caller, worker);
    }
}
