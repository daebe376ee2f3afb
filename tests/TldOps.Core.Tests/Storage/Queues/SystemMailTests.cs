using System.Text;
using TldOps.Core.Lists;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;
using TldOps.Testing;

namespace TldOps.Core.Tests.Storage.Queues;

public sealed class SystemMailTests
{
    [Theory, SqliteData, PostgresData]
    public async Task A_system_message_waits_in_the_virgin_queue_with_its_bytes(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var queues = new QueueStore(db.Database, new QueueSignal(), TimeProvider.System);
        var messages = new MessageStore(db.Database, TimeProvider.System);
        var mail = new SystemMail(db.Database, messages, queues);
        var raw = Encoding.UTF8.GetBytes("Subject: Contact repository\r\n\r\nÄ\r\n");

        var id = await mail.EnqueueAsync(new SystemMessage(raw, ["a@example.org", "b@example.net"], QueuePriority.Bulk, "repository:2026-11"));

        var entry = await queues.GetAsync(id);
        Assert.Equal(QueueNames.Virgin, entry!.Queue);
        Assert.Equal(QueuePriority.Bulk, entry.Priority);
        Assert.Equal(["a@example.org", "b@example.net"], entry.RecipientList);
        Assert.Equal("repository:2026-11", entry.Correlation);
        Assert.Equal(raw, await messages.GetAsync(entry.MessageId!.Value));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_rolled_back_transaction_leaves_no_mail_behind(SqlDialect dialect)
    {
        await using var db = await TestDatabase.CreateAsync(dialect);
        var queues = new QueueStore(db.Database, new QueueSignal(), TimeProvider.System);
        var mail = new SystemMail(db.Database, new MessageStore(db.Database, TimeProvider.System), queues);

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.Database.InTransactionAsync(async (c, t) =>
        {
            await mail.EnqueueAsync(c, t, new SystemMessage(new byte[] { 65 }, ["a@example.org"]));
            throw new InvalidOperationException("the caller's change failed");
        }));

        Assert.Empty(await queues.ListAsync(null, null));
    }
}
