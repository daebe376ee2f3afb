using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TldOps.Core.Lists.Bounces;
using TldOps.Core.Lists.Held;
using TldOps.Core.Lists.Posts;
using TldOps.Mail.Mime;
using TldOps.Server.Tests.Support;
using TldOps.Testing;

namespace TldOps.Server.Tests.Lists;

/// <summary>
/// The life of a post over real sockets: swaks posts to the listener of a real serve host, the
/// engine runs, and every copy arrives at a recording SMTP sink, where it is checked header by
/// header, by its VERP return path, and by dkimpy's DKIM verification.
/// </summary>
public sealed class ListEndToEndTests
{
    [RequiresFact("swaks=swaks", "dkimverify=python3-dkim")]
    public async Task A_members_post_reaches_every_member_personalised_and_signed()
    {
        await using var server = await ListServer.StartAsync();
        var people = await server.AddMembersAsync(
            "br:Ana Silva:ana@nic.example.br", "fr:Jeanne Martin:jeanne@nic.example.fr:fr", "jp:Kenji Sato:kenji@nic.example.jp:en", "de:Chair:chair@nic.example.de:en:committee");

        var transcript = await server.SwaksAsync("--from", "ana@nic.example.br", "--to", "tld-ops@lists.example",
            "--header", "From: Ana Silva <ana@nic.example.br>", "--header", "Subject: [ALERT] [DDoS] Query flood on our name servers TLP:AMBER",
            "--body", "TLP:AMBER\nSince 06:10 UTC our anycast nodes receive 2 Mqps of random subdomains.\n");
        await ListPoster.WaitUntilAsync(() => Task.FromResult(server.Sink.MessageCount >= 4), "every member has a copy");

        Assert.Contains("250 2.0.0", transcript, StringComparison.Ordinal);
        var copies = server.Sink.Messages;
        Assert.Equal(people.Select(p => p.Email).Order(), copies.Select(c => c.Envelope.Recipients.Single().Address).Order());
        foreach (var copy in copies)
        {
            var member = people.Single(p => p.Email == copy.Envelope.Recipients[0].Address);
            Assert.Equal($"tld-ops-bounces+{member.PublicId}@lists.example", copy.Envelope.From.Address);
            Assert.True(copy.Envelope.From.LocalPart.Length <= 64);
            var message = MimeMessage.Load(copy.Content);
            Assert.Equal("[TLD-OPS] [ALERT] [DDoS] Query flood on our name servers TLP:AMBER", message.Subject);
            Assert.Equal("Ana Silva <ana@nic.example.br>", message.Headers["From"]);
            Assert.Equal("TLD-OPS <tld-ops.lists.example>", message.Headers["List-Id"]);
            Assert.Equal("<mailto:tld-ops@lists.example>", message.Headers["List-Post"]);
            Assert.Equal("<mailto:tld-ops-request@lists.example?subject=help>", message.Headers["List-Help"]);
            Assert.Equal("<mailto:tld-ops-owner@lists.example>", message.Headers["List-Owner"]);
            Assert.Equal("<https://portal.lists.example/archive>", message.Headers["List-Archive"]);
            Assert.Matches(@"^<https://portal\.lists\.example/archive/message/\d+>$", message.Headers["Archived-At"]);
            Assert.Equal("list", message.Headers["Precedence"]);
            Assert.Contains("Members only", message.TextBody!.GetText(), StringComparison.Ordinal);
            var (exitCode, output) = await server.DkimVerifyAsync(copy.Content);
            Assert.True(exitCode == 0, output);
            Assert.Equal("pass", output.Trim());
        }

        var post = Assert.Single(await server.Services.GetRequiredService<PostStore>().ListAsync());
        Assert.Equal((PostState.Distributed, 4, "TLP:AMBER", 0), (post.State, post.Copies, post.Tlp, post.Priority));
    }

    [RequiresFact("swaks=swaks")]
    public async Task A_non_members_post_is_held_and_its_sender_told_a_loop_is_dropped_and_tlp_red_is_held()
    {
        await using var server = await ListServer.StartAsync();
        await server.AddMembersAsync("br:Ana Silva:ana@nic.example.br", "fr:Jeanne Martin:jeanne@nic.example.fr:fr");
        var held = server.Services.GetRequiredService<HeldMessageService>();
        var posts = server.Services.GetRequiredService<PostStore>();

        await server.SwaksAsync("--from", "eve@elsewhere.example", "--to", "tld-ops@lists.example", "--header", "Subject: Cheap certificates");
        await ListPoster.WaitUntilAsync(() => Task.FromResult(server.Sink.Messages.Any(m => m.Envelope.Recipients[0].Address == "eve@elsewhere.example")), "the sender is told");
        var notice = MimeMessage.Load(server.Sink.Messages.Single(m => m.Envelope.Recipients[0].Address == "eve@elsewhere.example").Content);
        Assert.Equal("Your message to TLD-OPS is waiting for review: Cheap certificates", notice.Subject);
        Assert.Equal("auto-replied", notice.Headers["Auto-Submitted"]);
        Assert.Contains("not that of an active member", notice.TextBody!.GetText(), StringComparison.Ordinal);
        Assert.Equal("not-member", Assert.Single(Assert.Single(await held.ListAsync()).Reasons).Rule);

        await server.SwaksAsync("--from", "ana@nic.example.br", "--to", "tld-ops@lists.example", "--header", "Subject: Re: [TLD-OPS] echo",
            "--add-header", "List-Id: TLD-OPS <tld-ops.lists.example>");
        await ListPoster.WaitUntilAsync(async () => (await posts.ListAsync()).Any(p => p.State == PostState.Discarded), "the loop is dropped");

        await server.SwaksAsync("--from", "jeanne@nic.example.fr", "--to", "tld-ops@lists.example", "--header", "Subject: Compromission d'un bureau d'enregistrement",
            "--body", "TLP:RED\nDétails pour le comité uniquement.\n");
        await ListPoster.WaitUntilAsync(() => Task.FromResult(server.Sink.Messages.Any(m => m.Envelope.Recipients[0].Address == "jeanne@nic.example.fr")), "the TLP:RED author is told");
        var red = MimeMessage.Load(server.Sink.Messages.Single(m => m.Envelope.Recipients[0].Address == "jeanne@nic.example.fr").Content);
        Assert.Equal("fr", red.Headers["Content-Language"]);
        Assert.Contains("TLP:RED", red.Subject, StringComparison.Ordinal);
        Assert.Equal(["not-member", "tlp-red"], (await held.ListAsync()).Select(h => Assert.Single(h.Reasons).Rule));

        // Nothing reached the members: only the two notices went out.
        Assert.Equal(2, server.Sink.MessageCount);
    }

    [RequiresFact("swaks=swaks")]
    public async Task A_dsn_sent_back_to_a_verp_address_disables_the_member_at_the_threshold_and_tells_the_committee()
    {
        await using var server = await ListServer.StartAsync(("Lists:Bounces:Threshold", "1"));
        var people = await server.AddMembersAsync("br:Ana Silva:ana@nic.example.br", "ao:Dead Box:dead@nic.example.ao", "de:Chair:chair@nic.example.de:en:committee");
        var dead = people[1];
        var delayed = Path.Combine(server.DataDirectory, "delayed.eml");
        var failed = Path.Combine(server.DataDirectory, "failed.eml");
        await File.WriteAllTextAsync(delayed, Dsn("delayed", "4.4.1", "smtp; 451 4.4.1 try later"));
        await File.WriteAllTextAsync(failed, Dsn("failed", "5.1.1", "smtp; 550 5.1.1 <dead@nic.example.ao>: user unknown"));
        var verp = $"tld-ops-bounces+{dead.PublicId}@lists.example";
        var processor = server.Services.GetRequiredService<BounceProcessor>();

        await server.SwaksAsync("--from", "<>", "--to", verp, "--data", delayed);
        await server.SwaksAsync("--from", "<>", "--to", verp, "--data", failed);
        await ListPoster.WaitUntilAsync(async () => (await processor.GetAsync(dead.Id))?.Disabled == true, "delivery is disabled");

        await ListPoster.WaitUntilAsync(() => Task.FromResult(server.Sink.Messages.Any(m => m.Envelope.Recipients[0].Address == "chair@nic.example.de")), "the committee is told");
        var notice = MimeMessage.Load(server.Sink.Messages.Single(m => m.Envelope.Recipients[0].Address == "chair@nic.example.de").Content);
        Assert.Contains("dead@nic.example.ao", notice.TextBody!.GetText(), StringComparison.Ordinal);
        Assert.Contains("5.1.1", notice.TextBody.GetText(), StringComparison.Ordinal);
        Assert.Equal(1.0, (await processor.GetAsync(dead.Id))!.BounceScore);

        var before = server.Sink.MessageCount;
        await server.SwaksAsync("--from", "ana@nic.example.br", "--to", "tld-ops@lists.example", "--header", "Subject: after the bounce");
        await ListPoster.WaitUntilAsync(() => Task.FromResult(server.Sink.MessageCount >= before + 2), "the post reaches the members still enabled");
        await Task.Delay(500);
        Assert.DoesNotContain(server.Sink.Messages.Skip((int)before), m => m.Envelope.Recipients[0].Address == "dead@nic.example.ao");
    }

    private static string Dsn(string action, string status, string diagnostic) =>
        "From: MAILER-DAEMON@mx.nic.example.ao\r\nTo: tld-ops-bounces@lists.example\r\nSubject: Delivery Status Notification\r\n" +
        "Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n" +
        "--b\r\nContent-Type: text/plain\r\n\r\nDelivery report.\r\n\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\n" +
        "Reporting-MTA: dns; mx.nic.example.ao\r\n\r\n" +
        $"Final-Recipient: rfc822; dead@nic.example.ao\r\nAction: {action}\r\nStatus: {status}\r\nDiagnostic-Code: {diagnostic}\r\n\r\n--b--\r\n";
}
