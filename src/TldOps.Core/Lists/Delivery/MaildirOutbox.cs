using System.Globalization;
using System.Text;

namespace TldOps.Core.Lists.Delivery;

/// <summary>
/// The transport of a fresh installation: copies go into a maildir (DATA/outbox/new), readable
/// with any mail client (<c>mutt -f data/outbox</c>), so a newcomer sees what the list would
/// send without configuring a relay. Each file starts with Return-Path and Delivered-To, as a
/// local delivery agent writes them. Files are written to tmp/ and renamed into new/ (the
/// maildir protocol), so a reader never sees half a message.
/// </summary>
public sealed class MaildirOutbox : IMailTransport
{
    private readonly string _root;
    private readonly TimeProvider _clock;
    private long _counter;

    public MaildirOutbox(string root, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _root = root;
        _clock = clock;
        foreach (var folder in new[] { "tmp", "new", "cur" })
        {
            Directory.CreateDirectory(Path.Combine(root, folder));
        }
    }

    public string Description => $"outbox maildir {_root}";

    public async Task<DeliveryResult> DeliverAsync(OutgoingCopy copy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(copy);
        // time.entry_counter.host: unique per copy and per process (maildir(5) naming).
        var name = string.Create(CultureInfo.InvariantCulture,
            $"{_clock.GetUtcNow().ToUnixTimeSeconds()}.E{copy.EntryId}_{Interlocked.Increment(ref _counter)}P{Environment.ProcessId}.{Environment.MachineName}");
        var temporary = Path.Combine(_root, "tmp", name);
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 16384, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                var prefix = Encoding.UTF8.GetBytes($"Return-Path: <{copy.ReturnPath}>\r\nDelivered-To: {copy.Recipient}\r\n");
                await stream.WriteAsync(prefix, cancellationToken).ConfigureAwait(false);
                await stream.WriteAsync(copy.Content, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, Path.Combine(_root, "new", name));
        }
        catch (IOException ex)
        {
            // A full disk or a missing folder is the machine's trouble, not the copy's: try again later.
            return new DeliveryResult.Transient($"Cannot write to the outbox: {ex.Message}");
        }

        return new DeliveryResult.Delivered($"250 stored as {name}");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
