namespace TldOps.Mail.Mime;

/// <summary>A file to attach with <see cref="MessageBuilder"/>.</summary>
/// <param name="FileName">The file name shown to the reader (any Unicode; RFC 2231-encoded as needed).</param>
/// <param name="Content">The bytes.</param>
/// <param name="ContentType">The type, e.g. text/csv or text/vcard; application/octet-stream when null.</param>
public sealed record MessageAttachment(string FileName, ReadOnlyMemory<byte> Content, ContentType? ContentType = null);
