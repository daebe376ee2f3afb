using System.Text;

namespace TldOps.Server.Tests.Support;

/// <summary>A thread-safe text writer a test can wait on ("until the output says X").</summary>
internal sealed class WatchedWriter : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly List<(string Needle, TaskCompletionSource Seen)> _waiters = [];

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    public override void Write(char value) => Append(value.ToString());

    public override void Write(string? value) => Append(value ?? string.Empty);

    public override void Write(char[] buffer, int index, int count) => Append(new string(buffer, index, count));

    public Task WaitForAsync(string needle)
    {
        lock (_text)
        {
            if (_text.ToString().Contains(needle, StringComparison.Ordinal))
            {
                return Task.CompletedTask;
            }

            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((needle, seen));
            return seen.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    private void Append(string value)
    {
        lock (_text)
        {
            _text.Append(value);
            var text = _text.ToString();
            _waiters.RemoveAll(w => text.Contains(w.Needle, StringComparison.Ordinal) && w.Seen.TrySetResult());
        }
    }
}
