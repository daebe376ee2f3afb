namespace TldOps.Server.Tests.Support;

/// <summary>Waits for what the runners of a running host do with a post (<see cref="TldOps.Testing.ListPosting"/> sends it).</summary>
internal static class ListPoster
{
    /// <summary>Waits (at most 30 s, polling every 100 ms) until <paramref name="find"/> returns a value, and returns it.</summary>
    public static Task<T> WaitForAsync<T>(Func<Task<T?>> find, string what)
        where T : class =>
        PollAsync(find, $"Timed out waiting for {what}.");

    /// <summary>Waits (at most 30 s, polling every 100 ms) until <paramref name="condition"/> holds.</summary>
    public static Task WaitUntilAsync(Func<Task<bool>> condition, string what) =>
        PollAsync(async () => await condition() ? what : null, $"Timed out waiting until {what}.");

    private static async Task<T> PollAsync<T>(Func<Task<T?>> find, string timedOut)
        where T : class
    {
        for (var i = 0; i < 300; i++)
        {
            if (await find() is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException(timedOut);
    }
}
