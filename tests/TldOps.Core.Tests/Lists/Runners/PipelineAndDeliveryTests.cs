using System.Net;
using TldOps.Core.Lists;
using TldOps.Core.Lists.Delivery;
using TldOps.Core.Lists.Posts;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;
using TldOps.Core.Tests.Lists.Support;
using TldOps.Mail.Dkim;
using TldOps.Mail.Mime;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Server;
using TldOps.Mail.Smtp.Sink;
using TldOps.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace TldOps.Core.Tests.Lists.Runners;

public sealed class PipelineAndDeliveryTests
{
    [Theory, SqliteData, PostgresData]
    public async Task An_accepted_post_is_archived_prepared_signed_and_delivered_once_per_member_over_smtp(SqlDialect dialect)
    {
        await using var sink = new SmtpSink(new SmtpSinkOptions { KeepInMemory = true });
        await sink.StartAsync();
        var options = Posts.Options();
        options.Delivery.Smarthost = $"127.0.0.1:{sink.EndPoint.Port}";
        options.ArchiveUrl = "https://portal.example/archive";
        await using var transport = new SmarthostTransport(options.Delivery, "lists.example", NullLogger.Instance, TimeProvider.System);
        await using var fixture = await ListFixture.CreateAsync(dialect, options, transport);
        var people = await fixture.AddMembersAsync("br:Ana Silva:ana@nic.example.br", "fr:Jeanne:jeanne@nic.example.fr:fr", "de:Bernd:bernd@nic.example.de");
        await fixture.ReceiveAsync(Posts.Raw(subject: "[ALERT] flood"), "ana@nic.example.br", "tld-ops@lists.example");

        await fixture.DrainAllAsync();

        var copies = sink.Messages.OrderBy(m => m.Envelope.Recipients[0].Address, StringComparer.Ordinal).ToList();
        Assert.Equal(["ana@nic.example.br", "bernd@nic.example.de", "jeanne@nic.example.fr"], copies.Select(c => c.Envelope.Recipients.Single().Address));
        foreach (var copy in copies)
        {
            var member = people.Single(p => p.Email == copy.Envelope.Recipients[0].Address);
            Assert.Equal($"tld-ops-bounces+{member.PublicId}@lists.example", copy.Envelope.From.Address);
            var message = MimeMessage.Load(copy.Content);
            Assert.Equal("[TLD-OPS] [ALERT] flood", message.Subject);
            Assert.Equal("TLD-OPS <tld-ops.lists.example>", message.Headers["List-Id"]);
            Assert.StartsWith("<https://portal.example/archive/message/", message.Headers["Archived-At"], StringComparison.Ordinal);
            Assert.Contains("-- ", message.TextBody!.GetText(), StringComparison.Ordinal);
            var verified = Assert.Single(await new DkimVerifier(fixture.Key.ToKeyTable()).VerifyAsync(message));
            Assert.Equal(DkimStatus.Pass, verified.Status);
        }

        Assert.Single(copies.Select(c => MimeMessage.Load(c.Content).Headers["DKIM-Signature"]).Distinct());
        var post = Assert.Single(await fixture.Posts.ListAsync());
        Assert.Equal((PostState.Distributed, 3), (post.State, post.Copies));
        Assert.All(await fixture.EntriesAsync(QueueNames.Out), e => Assert.StartsWith("250", e.Reply, StringComparison.Ordinal));
        Assert.Single(await fixture.Archive.SearchAsync("hello"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Refusals_are_failed_and_counted_and_temporary_failures_wait_in_retry(SqlDialect dialect)
    {
        var options = new SmtpSinkOptions
        {
            RecipientPolicy = r => r.LocalPart switch
            {
                "dead" => SmtpDecision.UnknownRecipient("No such user"),
                "strict" => SmtpDecision.PolicyRejection("Rejected by DMARC policy"),
                "busy" => SmtpDecision.TemporaryFailure("Mailbox busy"),
                _ => SmtpDecision.Accepted,
            },
        };
        await using var sink = new SmtpSink(options);
        await sink.StartAsync();
        var listOptions = Posts.Options();
        listOptions.Delivery.Smarthost = $"127.0.0.1:{sink.EndPoint.Port}";
        await using var transport = new SmarthostTransport(listOptions.Delivery, "lists.example", NullLogger.Instance, TimeProvider.System);
        await using var fixture = await ListFixture.CreateAsync(dialect, listOptions, transport);
        var people = await fixture.AddMembersAsync("br:Ana:ana@nic.example.br", "fr:Dead:dead@nic.example.fr", "de:Strict:strict@nic.example.de", "ca:Busy:busy@nic.example.ca");
        await fixture.ReceiveAsync(Posts.Raw(), "ana@nic.example.br", "tld-ops@lists.example");

        await fixture.DrainAllAsync();

        var byRecipient = (await fixture.Queues.ListAsync(null, null, 100)).Where(e => e.Recipient is not null).ToDictionary(e => e.Recipient!);
        Assert.Equal("done", byRecipient["ana@nic.example.br"].State);
        Assert.Equal(("failed", QueueNames.Out), (byRecipient["dead@nic.example.fr"].State, byRecipient["dead@nic.example.fr"].Queue));
        Assert.Contains("550", byRecipient["dead@nic.example.fr"].Reply, StringComparison.Ordinal);
        Assert.Equal(("ready", QueueNames.Retry), (byRecipient["busy@nic.example.ca"].State, byRecipient["busy@nic.example.ca"].Queue));
        Assert.Equal(fixture.Clock.GetUtcNow().AddMinutes(5), byRecipient["busy@nic.example.ca"].NotBefore);
        Assert.Equal(1.0, (await fixture.Bounces.GetAsync(people[1].Id))!.BounceScore);
        Assert.Null(await fixture.Bounces.GetAsync(people[2].Id));

        // Five minutes on, the retry runner tries again; the mailbox is still busy, so it waits longer.
        fixture.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(1, await fixture.Retry.DrainAsync());
        var again = (await fixture.Queues.GetAsync(byRecipient["busy@nic.example.ca"].Id))!;
        Assert.Equal((QueueNames.Retry, fixture.Clock.GetUtcNow().AddMinutes(14)), (again.Queue, again.NotBefore));
        Assert.Equal(0, again.Attempts);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Without_a_relay_the_copies_land_in_the_outbox_maildir(SqlDialect dialect)
    {
        await using var fixture = await ListFixture.CreateAsync(dialect);
        await fixture.AddMembersAsync("br:Ana:ana@nic.example.br", "fr:Jeanne:jeanne@nic.example.fr");
        await fixture.ReceiveAsync(Posts.Raw(), "ana@nic.example.br", "tld-ops@lists.example");

        await fixture.DrainAllAsync();

        var files = Directory.GetFiles(fixture.Folder.Combine("outbox", "new"));
        Assert.Equal(2, files.Length);
        Assert.Empty(Directory.GetFiles(fixture.Folder.Combine("outbox", "tmp")));
        var text = await File.ReadAllTextAsync(files.Order().First());
        Assert.StartsWith("Return-Path: <tld-ops-bounces+", text, StringComparison.Ordinal);
        Assert.Contains("Delivered-To: ", text, StringComparison.Ordinal);
        Assert.Contains("Subject: [TLD-OPS] Routine notice", text, StringComparison.Ordinal);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_dsn_to_a_verp_address_counts_for_that_member_and_a_delay_does_not(SqlDialect dialect)
    {
        var options = Posts.Options();
        options.Bounces.Threshold = 1;
        await using var fixture = await ListFixture.CreateAsync(dialect, options);
        var people = await fixture.AddMembersAsync("br:Ana:ana@nic.example.br", "fr:Chair:chair@nic.example.fr:en:committee");
        var verp = fixture.Options.Addresses.Verp(people[0].PublicId);
        await Bounce(fixture, Dsn.For("forwarded@elsewhere.example", action: "delayed", status: "4.4.1"), verp);
        await fixture.Bounce.DrainAsync();
        Assert.Null(await fixture.Bounces.GetAsync(people[0].Id));

        await Bounce(fixture, Dsn.For("forwarded@elsewhere.example"), verp);
        await fixture.Bounce.DrainAsync();

        var health = (await fixture.Bounces.GetAsync(people[0].Id))!;
        Assert.True(health.Disabled);
        Assert.Equal(["chair@nic.example.fr"], Assert.Single(await fixture.EntriesAsync(QueueNames.Virgin)).RecipientList);
        await fixture.ReceiveAsync(Posts.Raw(from: "Chair <chair@nic.example.fr>"), "chair@nic.example.fr", "tld-ops@lists.example");
        await fixture.DrainAllAsync();
        Assert.DoesNotContain(await fixture.EntriesAsync(QueueNames.Out), e => e.Recipient == "ana@nic.example.br" && e.Correlation!.StartsWith("post:", StringComparison.Ordinal));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_dsn_to_the_plain_bounce_address_is_matched_by_its_failed_recipient(SqlDialect dialect)
    {
        await using var fixture = await ListFixture.CreateAsync(dialect);
        var people = await fixture.AddMembersAsync("br:Ana:ana@nic.example.br");
        await Bounce(fixture, Dsn.For("ana@nic.example.br"), fixture.Options.Addresses.Bounces);

        await fixture.Bounce.DrainAsync();

        Assert.Equal(1.0, (await fixture.Bounces.GetAsync(people[0].Id))!.BounceScore);
    }

    [Theory, SqliteData, PostgresData]
    public async Task System_mail_is_signed_once_and_each_recipient_gets_a_verp_copy(SqlDialect dialect)
    {
        await using var fixture = await ListFixture.CreateAsync(dialect);
        var people = await fixture.AddMembersAsync("br:Ana:ana@nic.example.br");
        var raw = System.Text.Encoding.ASCII.GetBytes("From: TLD-OPS <tld-ops-owner@lists.example>\r\nSubject: Contact repository\r\n\r\nContacts.\r\n");
        var virginId = await fixture.SystemMail.EnqueueAsync(new SystemMessage(raw, ["ANA@nic.example.br", "admin@nic.example.ao"], QueuePriority.Bulk, "repository:2026-11"));

        await fixture.Virgin.DrainAsync();

        var copies = await fixture.EntriesAsync(QueueNames.Out);
        Assert.Equal([$"tld-ops-bounces+{people[0].PublicId}@lists.example", $"tld-ops-bounces+v-{virginId}-1@lists.example"], copies.Select(c => c.Sender));
        Assert.All(copies, c => Assert.Equal((QueuePriority.Bulk, "repository:2026-11"), (c.Priority, c.Correlation!)));
        Assert.Single(copies.Select(c => c.MessageId).Distinct());
        var signed = MimeMessage.Load((await fixture.Messages.GetAsync(copies[0].MessageId!.Value))!);
        Assert.Equal(DkimStatus.Pass, Assert.Single(await new DkimVerifier(fixture.Key.ToKeyTable()).VerifyAsync(signed)).Status);
    }

    private static Task<long> Bounce(ListFixture fixture, byte[] dsn, string to) => fixture.Db.Database.InTransactionAsync(async (c, t) =>
    {
        var id = await fixture.Messages.AddAsync(c, t, dsn);
        return await fixture.Queues.EnqueueAsync(c, t, new NewQueueEntry(QueueNames.Bounces, MessageId: id, Recipients: [to]));
    });
}
