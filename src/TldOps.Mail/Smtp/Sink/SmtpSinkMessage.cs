using System.Net;

namespace TldOps.Mail.Smtp.Sink;

/// <summary>A message an <see cref="SmtpSink"/> received, as kept in memory.</summary>
/// <param name="Number">The sequence number (also the file name's number).</param>
/// <param name="Envelope">Sender, recipients and MAIL parameters.</param>
/// <param name="ReceivedAt">When the end of data arrived.</param>
/// <param name="Remote">The client's address.</param>
/// <param name="HeloName">What the client said in EHLO/HELO/LHLO.</param>
/// <param name="IsSecure">Whether the message came over TLS.</param>
/// <param name="Size">The message size in octets.</param>
/// <param name="Content">The bytes exactly as received; empty unless <see cref="SmtpSinkOptions.KeepInMemory"/>.</param>
public sealed record SmtpSinkMessage(
    long Number,
    SmtpEnvelope Envelope,
    DateTimeOffset ReceivedAt,
    IPEndPoint Remote,
    string? HeloName,
    bool IsSecure,
    long Size,
    ReadOnlyMemory<byte> Content);
