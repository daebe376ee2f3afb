using System.Globalization;
using System.Net;

namespace TldOps.Core.Lists.Intake;

/// <summary>The <c>Lists:Listener</c> settings: where mail comes in.</summary>
public sealed class ListenerOptions
{
    /// <summary>The SMTP endpoint, <c>HOST:PORT</c> (default 127.0.0.1:2525; <c>serve --smtp</c>). Empty for none.</summary>
    public string? Smtp { get; set; } = "127.0.0.1:2525";

    /// <summary>The LMTP endpoint for use behind Postfix, <c>HOST:PORT</c> (default none; <c>serve --lmtp</c>).</summary>
    public string? Lmtp { get; set; }

    /// <summary>The name in the greeting and EHLO reply (default: the list's domain).</summary>
    public string? ServerName { get; set; }

    /// <summary>
    /// Messages larger than this are refused during SMTP with 552 (default 25 MiB). Posts between
    /// <see cref="ListOptions.MaxMessageBytes"/> and this are accepted and held for the committee.
    /// </summary>
    public long MaxMessageBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>Simultaneous connections (default 100, about 100 MiB of buffers at worst; see Mail/Smtp/README.md).</summary>
    public int MaxConnections { get; set; } = 100;

    /// <summary>The configured SMTP endpoint, or null.</summary>
    public IPEndPoint? SmtpEndPoint => ParseEndPoint(Smtp, "Smtp");

    /// <summary>The configured LMTP endpoint, or null.</summary>
    public IPEndPoint? LmtpEndPoint => ParseEndPoint(Lmtp, "Lmtp");

    /// <summary>Throws <see cref="InvalidOperationException"/> for an endpoint that does not parse or a limit out of range.</summary>
    public void Validate()
    {
        _ = SmtpEndPoint;
        _ = LmtpEndPoint;
        if (MaxMessageBytes < 1024 || MaxConnections < 1)
        {
            throw new InvalidOperationException("Lists:Listener:MaxMessageBytes must be at least 1024 and Lists:Listener:MaxConnections at least 1.");
        }
    }

    /// <summary>Reads <c>HOST:PORT</c> where HOST is an IP address (IPv6 in brackets) or <c>localhost</c>.</summary>
    public static IPEndPoint? ParseEndPoint(string? text, string setting)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new InvalidOperationException($"Lists:Listener:{setting} must be HOST:PORT (it is '{text}').");
        }

        var host = text[..colon].Trim('[', ']');
        var address = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var parsed) ? parsed
            : throw new InvalidOperationException($"Lists:Listener:{setting}: '{host}' is not an IP address (listeners bind to addresses, not names).");
        return new IPEndPoint(address, port);
    }
}
