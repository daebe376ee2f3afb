using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Microsoft.Extensions.Logging;

namespace TldOps.Mail.Smtp.Client;

/// <summary>Greeting, EHLO/HELO/LHLO, STARTTLS and AUTH.</summary>
public sealed partial class SmtpClient
{
    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        Greeting = await ReadReplyAsync(SmtpStep.Greeting, _options.GreetingTimeout, cancellationToken);
        if (Greeting.Code != 220)
        {
            // RFC 5321 §3.1: a 554 (or 421) greeting means the server will not talk to us.
            throw new SmtpCommandException(SmtpStep.Greeting, Greeting);
        }

        await HelloAsync(cancellationToken);
        if (_options.StartTls == SmtpStartTlsPolicy.Required
            || (_options.StartTls == SmtpStartTlsPolicy.Opportunistic && Capabilities.StartTls))
        {
            await StartTlsAsync(cancellationToken);
        }

        if (_options.Credentials is not null)
        {
            await AuthenticateAsync(_options.Credentials, cancellationToken);
        }
    }

    private async Task HelloAsync(CancellationToken cancellationToken)
    {
        var name = _options.LocalDomain ?? DefaultLocalDomain();
        if (_options.Protocol == SmtpProtocol.Lmtp)
        {
            var lhlo = await CommandAsync($"LHLO {name}", SmtpStep.Lhlo, _options.GreetingTimeout, cancellationToken);
            Capabilities = lhlo.Code == 250 ? SmtpCapabilities.FromEhloReply(lhlo) : throw new SmtpCommandException(SmtpStep.Lhlo, lhlo);
            return;
        }

        var ehlo = await CommandAsync($"EHLO {name}", SmtpStep.Ehlo, _options.GreetingTimeout, cancellationToken);
        if (ehlo.Code == 250)
        {
            Capabilities = SmtpCapabilities.FromEhloReply(ehlo);
            return;
        }

        // RFC 5321 §3.2: a server that does not understand EHLO answers 5yz; fall back to HELO.
        if (!ehlo.IsPermanentFailure)
        {
            throw new SmtpCommandException(SmtpStep.Ehlo, ehlo);
        }

        var helo = await CommandAsync($"HELO {name}", SmtpStep.Helo, _options.GreetingTimeout, cancellationToken);
        Capabilities = helo.Code == 250 ? SmtpCapabilities.Basic : throw new SmtpCommandException(SmtpStep.Helo, helo);
    }

    private async Task StartTlsAsync(CancellationToken cancellationToken)
    {
        if (!Capabilities.StartTls)
        {
            throw new SmtpProtocolException(SmtpProtocolError.TlsNotOffered, SmtpStep.StartTls, $"TLS is required, but {_host} does not offer STARTTLS.");
        }

        var reply = await CommandAsync("STARTTLS", SmtpStep.StartTls, _options.CommandTimeout, cancellationToken);
        if (reply.Code != 220)
        {
            if (_options.StartTls == SmtpStartTlsPolicy.Required)
            {
                throw new SmtpCommandException(SmtpStep.StartTls, reply);
            }

            _logger.LogDebug("{Host} refused STARTTLS ({Reply}); continuing without TLS", _host, reply);
            return;
        }

        // Anything the server sent after its 220 did not come through TLS: refuse to read it
        // as if it had (the STARTTLS response injection of 2011).
        if (_input!.Count > 0)
        {
            throw new SmtpProtocolException(SmtpProtocolError.MalformedReply, SmtpStep.StartTls, "The server sent data after its reply to STARTTLS.");
        }

        var ssl = new SslStream(_stream!, leaveInnerStreamOpen: false);
        _stream = ssl;
        using var scope = new TimeoutScope(_options.CommandTimeout, _timeProvider, cancellationToken);
        try
        {
            await ssl.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = _host.Trim('[', ']'),
                    EnabledSslProtocols = _options.TlsProtocols,
                    RemoteCertificateValidationCallback = _options.CertificateValidation
                        ?? (_options.StartTls == SmtpStartTlsPolicy.Opportunistic ? AcceptAnyCertificate : null),
                },
                scope.Token);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or SocketException
            || (ex is OperationCanceledException && scope.TimedOut))
        {
            throw new SmtpProtocolException(
                scope.TimedOut ? SmtpProtocolError.Timeout : SmtpProtocolError.TlsHandshakeFailed,
                SmtpStep.StartTls,
                $"TLS with {_host} failed: {ex.Message}",
                ex);
        }

        IsSecure = true;
        _logger.LogDebug("TLS with {Host}: {Protocol} {Cipher}", _host, ssl.SslProtocol, ssl.NegotiatedCipherSuite);

        // RFC 3207 §4.2: forget what the server said before TLS and ask again.
        Capabilities = SmtpCapabilities.Basic;
        await HelloAsync(cancellationToken);
    }

    private async Task AuthenticateAsync(NetworkCredential credentials, CancellationToken cancellationToken)
    {
        if (!IsSecure && !_options.AllowAuthenticationWithoutTls)
        {
            throw new SmtpProtocolException(SmtpProtocolError.AuthenticationUnavailable, SmtpStep.Auth, $"Refusing to send credentials to {_host} without TLS.");
        }

        var user = credentials.UserName;
        var password = credentials.Password;
        SmtpReply reply;
        if (Capabilities.AuthMechanisms.Contains("PLAIN"))
        {
            // RFC 4616 §2: authzid NUL authcid NUL passwd, UTF-8, sent as the initial response (RFC 4954 §4).
            var token = Base64($"\0{user}\0{password}");
            reply = await CommandAsync($"AUTH PLAIN {token}", SmtpStep.Auth, _options.CommandTimeout, cancellationToken, "AUTH PLAIN <secret>");
            if (reply.Code == 334)
            {
                reply = await CommandAsync(token, SmtpStep.Auth, _options.CommandTimeout, cancellationToken, "<secret>");
            }
        }
        else if (Capabilities.AuthMechanisms.Contains("LOGIN"))
        {
            reply = await CommandAsync("AUTH LOGIN", SmtpStep.Auth, _options.CommandTimeout, cancellationToken);
            if (reply.Code == 334)
            {
                reply = await CommandAsync(Base64(user), SmtpStep.Auth, _options.CommandTimeout, cancellationToken, "<user>");
            }

            if (reply.Code == 334)
            {
                reply = await CommandAsync(Base64(password), SmtpStep.Auth, _options.CommandTimeout, cancellationToken, "<secret>");
            }
        }
        else
        {
            throw new SmtpProtocolException(
                SmtpProtocolError.AuthenticationUnavailable,
                SmtpStep.Auth,
                $"{_host} offers no AUTH mechanism this client supports (PLAIN, LOGIN); it offers: {string.Join(' ', Capabilities.AuthMechanisms)}");
        }

        if (reply.Code != 235)
        {
            throw new SmtpCommandException(SmtpStep.Auth, reply);
        }

        IsAuthenticated = true;
    }

    private async ValueTask<SmtpReply> CommandAsync(string command, SmtpStep step, TimeSpan timeout, CancellationToken cancellationToken, string? logAs = null)
    {
        WriteCommand(command, logAs);
        await FlushAsync(step, timeout, cancellationToken);
        return await ReadReplyAsync(step, timeout, cancellationToken);
    }

    private string DefaultLocalDomain()
    {
        // RFC 5321 §4.1.4: a fully qualified name, or else an address literal.
        var name = Dns.GetHostName();
        if (name.Contains('.', StringComparison.Ordinal))
        {
            return name;
        }

        return _localEndPoint switch
        {
            IPEndPoint { Address.AddressFamily: AddressFamily.InterNetworkV6 } ip => $"[IPv6:{ip.Address}]",
            IPEndPoint ip => $"[{ip.Address}]",
            _ => name,
        };
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static bool AcceptAnyCertificate(object sender, System.Security.Cryptography.X509Certificates.X509Certificate? certificate, System.Security.Cryptography.X509Certificates.X509Chain? chain, SslPolicyErrors errors) => true;
}
