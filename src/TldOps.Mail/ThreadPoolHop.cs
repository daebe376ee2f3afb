namespace TldOps.Mail;

/// <summary>
/// Runs work that may block (a database commit waiting for the disk, a receiver's own code) on
/// the thread pool when the caller is on another thread. Where .NET runs socket continuations on
/// its socket event threads (<c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c>, as
/// <c>tldops serve</c> does), the code after a socket read runs on such a thread, and every
/// socket served by it waits while that code blocks. On a thread-pool thread the work runs
/// directly, without a hop.
/// </summary>
public static class ThreadPoolHop
{
    /// <summary>Runs <paramref name="work"/> on the thread pool, moving there first if needed.</summary>
    public static Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Thread.CurrentThread.IsThreadPoolThread ? work() : Task.Run(work);
    }

    /// <inheritdoc cref="RunAsync{T}(Func{Task{T}})"/>
    public static ValueTask<T> RunAsync<T>(Func<ValueTask<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Thread.CurrentThread.IsThreadPoolThread ? work() : new ValueTask<T>(Task.Run(() => work().AsTask()));
    }
}
