namespace TldOps.Mail.Mbox;

/// <summary>One message cut out of an mbox file.</summary>
/// <param name="Offset">The byte offset of <see cref="Data"/> in the file.</param>
/// <param name="Data">The message bytes, starting with its "From " envelope line when it had one; parse them with <see cref="Mime.MimeMessage.Load(ReadOnlyMemory{byte}, Mime.MimeParserOptions?, CancellationToken)"/>.</param>
/// <param name="Separator">The blank line after the message that belongs to the mbox format, or empty.</param>
/// <param name="Prefix">Bytes before the message that belong to the file (a UTF-8 byte-order mark), or empty.</param>
public sealed record MboxEntry(long Offset, ReadOnlyMemory<byte> Data, ReadOnlyMemory<byte> Separator, ReadOnlyMemory<byte> Prefix);
