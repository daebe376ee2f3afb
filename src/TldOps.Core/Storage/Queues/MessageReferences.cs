namespace TldOps.Core.Storage.Queues;

/// <summary>
/// Which tables may hold on to a stored message. Features that keep messages (the archive, held
/// posts) add their table here so that purging never deletes what they still show.
/// </summary>
internal static class MessageReferences
{
    /// <summary>Tables with a <c>message_id</c> column referring to <c>mail_message</c>.</summary>
    public static IReadOnlyList<string> Tables { get; } = ["queue_entry", "list_post", "list_fanout", "archive_message"];

    public static string OrphanDeleteSql =>
        "DELETE FROM mail_message WHERE created_at < @cutoff" +
        string.Concat(Tables.Select(t => $" AND NOT EXISTS (SELECT 1 FROM {t} r WHERE r.message_id = mail_message.id)"));
}
