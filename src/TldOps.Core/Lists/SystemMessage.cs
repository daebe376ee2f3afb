using TldOps.Core.Storage.Queues;

namespace TldOps.Core.Lists;

/// <summary>
/// A message the system itself wrote (a notice, an approval request, a reminder, the monthly
/// contact repository), ready to send: its bytes and who gets it.
/// </summary>
/// <param name="Raw">The whole message, headers and body, as it should be delivered.</param>
/// <param name="Recipients">Envelope recipients; each gets a personal copy.</param>
/// <param name="Priority">The lane: alert, normal (default) or bulk (the monthly repository).</param>
/// <param name="Correlation">What it belongs to, for status queries ("join:12", "repository:2026-11").</param>
/// <param name="EnvelopeSender">Return path; null means the list's bounce address (VERP per recipient where it is a member).</param>
public sealed record SystemMessage(
    ReadOnlyMemory<byte> Raw,
    IReadOnlyList<string> Recipients,
    int Priority = QueuePriority.Normal,
    string? Correlation = null,
    string? EnvelopeSender = null);
