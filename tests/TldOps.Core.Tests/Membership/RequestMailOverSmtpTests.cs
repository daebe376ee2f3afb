using System.Collections.Concurrent;
using System.Net;
using TldOps.Core.Lists.Requests;
using TldOps.Core.Membership;
using TldOps.Core.Membership.Joining;
using TldOps.Core.Membership.Requests;
using TldOps.Core.Storage;
using TldOps.Mail.Mime;
using TldOps.Mail.Smtp;
using TldOps.Mail.Smtp.Server;
using TldOps.Testing;

namespace TldOps.Core.Tests.Membership;

/// <summary>
/// The admin contact's answer travels over real SMTP, sent by real clients (Python's smtplib
/// and swaks) to our SMTP server on loopback, whose receiver hands it to the request handler as
/// the list engine's incoming runner does.
/// </summary>
public sealed class RequestMailOverSmtpTests
{
    [RequiresFact("python3=python3")]
    public async Task An_approval_composed_and_sent_by_Python_smtplib_is_applied()
    {
        await using var f = await VettingFixture.CreateAsync(SqlDialect.Sqlite);
        var request = (await f.Joins.SubmitAsync(VettingFixture.Form("fr", "nic.fr", 2))).Value.Request;
        var original = Assert.Single(await f.MailsToAsync("tld-admin@nic.fr"));
        using var folder = new TempDirectory();
        await File.WriteAllBytesAsync(folder.Combine("request.eml"), original.Raw);
        await using var listener = await RequestListener.StartAsync(f.Handler);
        // The admin contact's mail program: reply to the request, quoting it, "approve" on top.
        const string Script = """
            import sys, smtplib, email
            from email import policy
            from email.message import EmailMessage
            original = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=policy.default)
            reply = EmailMessage()
            reply["From"] = "AFNIC TLD admin <tld-admin@nic.fr>"
            reply["To"] = original["From"]
            reply["Subject"] = "Re: " + str(original["Subject"])
            reply["Message-ID"] = "<reply-by-python@nic.fr>"
            reply["In-Reply-To"] = original["Message-ID"]
            quoted = "\n".join("> " + line for line in original.get_body().get_content().splitlines())
            reply.set_content("Approve\n\nLe 2 nov., TLD-OPS a écrit :\n" + quoted + "\n")
            with smtplib.SMTP("127.0.0.1", int(sys.argv[2]), timeout=30) as smtp:
                smtp.send_message(reply, from_addr="tld-admin@nic.fr", to_addrs=["tld-ops-request@tld-ops.example"])
            """;

        var python = PythonModule.Find("smtplib") ?? throw new InvalidOperationException("python3 is required.");
        var (exit, _, error) = PythonModule.Run(python, ["-c", Script, folder.Combine("request.eml"), listener.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(60));

        Assert.True(exit == 0, error);
        Assert.Equal(RequestMailOutcome.Handled, Assert.Single(listener.Outcomes));
        Assert.Equal(JoinRequestState.Approved, (await f.Requests.GetAsync(request.Id))!.State);
        Assert.Equal(2, (await f.Members.ListAsync(MemberStatus.Active)).Count);
        Assert.Equal("message:<reply-by-python@nic.fr> from tld-admin@nic.fr", Assert.Single(await f.Audit.ListAsync(subject: request.Subject), r => r.Action == "join-approved").Authority);
    }

    [RequiresFact("swaks=swaks")]
    public async Task An_approval_sent_with_swaks_from_another_address_is_refused()
    {
        await using var f = await VettingFixture.CreateAsync(SqlDialect.Sqlite);
        var request = (await f.Joins.SubmitAsync(VettingFixture.Form("fr", "nic.fr", 1))).Value.Request;
        await using var listener = await RequestListener.StartAsync(f.Handler);

        var (exit, output, error) = PythonModule.Run(RealComponent.Require("swaks", "swaks"),
        [
            "--server", "127.0.0.1", "--port", listener.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--from", "mallory@evil.example", "--to", "tld-ops-request@tld-ops.example",
            "--header", $"Subject: Re: [TLD-OPS #{request.DecisionTokenId}] .fr",
            "--body", "approve", "--timeout", "30",
        ], TimeSpan.FromSeconds(60));

        Assert.True(exit == 0, output + error);
        Assert.Equal(RequestMailOutcome.Handled, Assert.Single(listener.Outcomes));
        Assert.Equal(JoinRequestState.Pending, (await f.Requests.GetAsync(request.Id))!.State);
        Assert.Empty(await f.Members.ListAsync());
        Assert.Contains(await f.Audit.ListAsync(subject: request.Subject), r => r.Action == "join-decision-refused" && r.Authority!.StartsWith("message:<", StringComparison.Ordinal) && r.Authority.EndsWith("> from mallory@evil.example", StringComparison.Ordinal));
        Assert.Single(await f.MailsToAsync("mallory@evil.example"));
    }

    /// <summary>Our SMTP server on a loopback port, handing each message to the request handler.</summary>
    private sealed class RequestListener : ISmtpMessageReceiver, IAsyncDisposable
    {
        private readonly VettingRequestMailHandler _handler;
        private SmtpServer? _server;

        private RequestListener(VettingRequestMailHandler handler) => _handler = handler;

        public ConcurrentQueue<RequestMailOutcome> Outcomes { get; } = new();

        public int Port => _server!.BoundEndpoints[0].EndPoint.Port;

        public static async Task<RequestListener> StartAsync(VettingRequestMailHandler handler)
        {
            var listener = new RequestListener(handler);
            var options = new SmtpServerOptions { ServerName = "tld-ops.example" };
            options.Endpoints.Add(new SmtpEndpoint(new IPEndPoint(IPAddress.Loopback, 0)));
            listener._server = new SmtpServer(options, listener);
            await listener._server.StartAsync();
            return listener;
        }

        public ValueTask<SmtpDecision> OnRecipientAsync(SmtpSessionInfo session, SmtpEnvelope envelope, SmtpAddress recipient, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(recipient.Address == "tld-ops-request@tld-ops.example" ? SmtpDecision.Accepted : SmtpDecision.UnknownRecipient());

        public async ValueTask<SmtpDecision> OnMessageAsync(SmtpSessionInfo session, SmtpEnvelope envelope, SmtpMessageContent content, CancellationToken cancellationToken = default)
        {
            var raw = await content.ToArrayAsync(cancellationToken);
            var message = MimeMessage.Load(raw);
            var mail = new RequestMail(message.MessageId, raw, message, envelope.From.IsNullPath ? null : envelope.From.Address,
                envelope.Recipients.Select(r => r.Address).ToList(), null, DateTimeOffset.UtcNow);
            Outcomes.Enqueue(await _handler.HandleAsync(mail, cancellationToken));
            return SmtpDecision.Accepted;
        }

        public async ValueTask DisposeAsync()
        {
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }
        }
    }
}
