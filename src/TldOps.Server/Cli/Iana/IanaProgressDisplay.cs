using Spectre.Console;
using TldOps.Core.Registry.Iana;

namespace TldOps.Server.Cli.Iana;

/// <summary>
/// A progress bar on standard error while an import or sync runs, only when standard error is a
/// terminal (never in tests, pipes or logs, which get the summary alone).
/// </summary>
internal static class IanaProgressDisplay
{
    public static async Task<T> RunAsync<T>(CliRuntime runtime, string title, Func<IProgress<IanaImportProgress>?, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(work);
        if (!ReferenceEquals(runtime.Error, Console.Error) || Console.IsErrorRedirected)
        {
            return await work(null);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(title);
                result = await work(new TaskProgress(task, title));
                task.StopTask();
            });
        return result;
    }

    /// <summary>Updates the bar on the reporting thread (Progress&lt;T&gt; would post out of order).</summary>
    private sealed class TaskProgress(ProgressTask task, string title) : IProgress<IanaImportProgress>
    {
        public void Report(IanaImportProgress value)
        {
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = value.Done;
            task.Description = Markup.Escape($"{title}: {value.Phase} {Path.GetFileName(value.Current)}");
        }
    }
}
