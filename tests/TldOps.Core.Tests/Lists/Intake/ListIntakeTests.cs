using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using TldOps.Core.Lists.Intake;
using TldOps.Core.Storage;
using TldOps.Core.Storage.Queues;
using TldOps.Core.Tests.Lists.Support;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Client;
using TldOps.Mail.Smtp.Server;
using TldOps.Testing;

namespace TldOps.Core.Tests.Lists.Intake;

public sealed class ListIntakeTests
{
    [Theory, SqliteData, PostgresData]
    public async Task Only_the_lists_addresses_are_accepted_and_a_message_is_queued_before_the_250(SqlDialect dialect)
    {
        await using var fixture = await ListFixture.CreateAsync(dialect);
        var intake = new ListIntake(fixture.Db.Database, fixture.Messages, fixture.Queues, fixture.Options, fixture.Clock, NullLogger<ListIntake>.Instance);
        var options = new SmtpServerOptions { ServerName = "lists.example" };
        options.Endpoints.Add(SmtpEndpoint.Loopback());
        await using var server = new SmtpServer(options, intake);
        await server.StartAsync();
        await using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", server.BoundEndpoints[0].EndPoint.Port);
        var raw = Posts.Raw(subject: "[ALERT] flood");

        var result = await client.SendAsync(new SmtpEnvelope(SmtpAddress.Parse("ana@nic.example.br"),
        [
            SmtpAddress.Parse("tld-ops@lists.example"), SmtpAddress.Parse("nobody@lists.example"),
            SmtpAddress.Parse("TLD-OPS-owner@lists.example"), SmtpAddress.Parse("tld-ops-bounces+a2b3c4d5e6@lists.example"),
        ]), raw);

        Assert.Equal([true, false, true, true], result.Recipients.Select(r => r.IsAccepted));
        Assert.Equal(550, result.Recipients[1].Reply.Code);
        var incoming = Assert.Single(await fixture.EntriesAsync(QueueNames.In));
        Assert.Equal(["tld-ops@lists.example", "TLD-OPS-owner@lists.example"], incoming.RecipientList);
        Assert.Equal(("ana@nic.example.br", QueuePriority.Alert), (incoming.Sender, incoming.Priority));
        Assert.Equal(raw, await fixture.Messages.GetAsync(incoming.MessageId!.Value));
        var bounce = Assert.Single(await fixture.EntriesAsync(QueueNames.Bounces));
        Assert.Equal(["tld-ops-bounces+a2b3c4d5e6@lists.example"], bounce.RecipientList);
        Assert.Equal(incoming.MessageId, bounce.MessageId);
        Assert.Contains("\"protocol\":\"smtp\"", incoming.Payload, StringComparison.Ordinal);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Over_lmtp_a_bounce_from_the_null_sender_is_queued_for_the_bounce_runner(SqlDialect dialect)
    {
        await using var fixture = await ListFixture.CreateAsync(dialect);
        var intake = new ListIntake(fixture.Db.Database, fixture.Messages, fixture.Queues, fixture.Options, fixture.Clock, NullLogger<ListIntake>.Instance);
        var options = new SmtpServerOptions { ServerName = "lists.example" };
        options.Endpoints.Add(SmtpEndpoint.Loopback(SmtpProtocol.Lmtp));
        await using var server = new SmtpServer(options, intake);
        await server.StartAsync();
        var clientOptions = SmtpClientOptions.Default.Clone();
        clientOptions.Protocol = SmtpProtocol.Lmtp;
        await using var client = new SmtpClient(clientOptions.Freeze());
        await client.ConnectAsync("127.0.0.1", server.BoundEndpoints[0].EndPoint.Port);

        var result = await client.SendAsync(new SmtpEnvelope(SmtpAddress.NullReversePath, [SmtpAddress.Parse("tld-ops-bounces+v-3-0@lists.example")]), Dsn.For("x@example.org"));

        Assert.True(result.AllAccepted);
        var bounce = Assert.Single(await fixture.EntriesAsync(QueueNames.Bounces));
        Assert.Null(bounce.Sender);
        Assert.Contains("\"protocol\":\"lmtp\"", bounce.Payload, StringComparison.Ordinal);
        Assert.Empty(await fixture.EntriesAsync(QueueNames.In));
        Assert.True(Encoding.ASCII.GetString((await fixture.Messages.GetAsync(bounce.MessageId!.Value))!).Contains("delivery-status", StringComparison.Ordinal));
    }
}
