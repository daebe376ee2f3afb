using System.Text;

namespace TldOps.Mail.Mime;

/// <summary>
/// An Internet message (RFC 5322) with its MIME structure. <see cref="Body"/> is the root
/// entity, whose header fields are the message's (<see cref="Headers"/>).
/// </summary>
/// <remarks>
/// A parsed message remembers every byte: <see cref="WriteTo(Stream)"/> reproduces the input
/// exactly until something changes, and then re-serialises only what changed (a prepended
/// field, an appended part), which is what signatures over the rest of the message need.
/// </remarks>
public sealed partial class MimeMessage
{
    /// <summary>Creates a message around a root entity (whose fields become the message's).</summary>
    /// <param name="body">The root entity.</param>
    public MimeMessage(MimeEntity body)
    {
        ArgumentNullException.ThrowIfNull(body);
        Body = body;
    }

    /// <summary>The root entity.</summary>
    public MimeEntity Body { get; private set; }

    /// <summary>The message header fields (those of the root entity).</summary>
    public HeaderList Headers => Body.Headers;

    /// <summary>The mbox envelope line ("From sender date") the input started with, without its line break, or null.</summary>
    public string? MboxFromLine => RawEnvelopeLine is { } raw ? Encoding.Latin1.GetString(raw.Span).TrimEnd('\r', '\n') : null;

    internal ReadOnlyMemory<byte>? RawEnvelopeLine { get; init; }

    /// <summary>Parses a message held in memory (which must not change afterwards: the message keeps slices of it).</summary>
    /// <param name="data">The message bytes.</param>
    /// <param name="options">Limits; <see cref="MimeParserOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops a long parse.</param>
    /// <returns>The message.</returns>
    /// <exception cref="MimeLimitExceededException">A limit was exceeded (the exception names the byte offset).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static MimeMessage Load(ReadOnlyMemory<byte> data, MimeParserOptions? options = null, CancellationToken cancellationToken = default) =>
        new MimeParser(options).Parse(data, cancellationToken);

    /// <summary>Reads a stream to its end and parses it.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="options">Limits; <see cref="MimeParserOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops reading and parsing.</param>
    /// <returns>The message.</returns>
    /// <exception cref="MimeLimitExceededException">A limit was exceeded.</exception>
    /// <exception cref="IOException">Reading failed.</exception>
    public static MimeMessage Load(Stream stream, MimeParserOptions? options = null, CancellationToken cancellationToken = default) =>
        new MimeParser(options).Parse(stream, cancellationToken);

    /// <summary>Reads a stream to its end and parses it.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="options">Limits; <see cref="MimeParserOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops reading and parsing.</param>
    /// <returns>The message.</returns>
    /// <exception cref="MimeLimitExceededException">A limit was exceeded.</exception>
    /// <exception cref="IOException">Reading failed.</exception>
    public static Task<MimeMessage> LoadAsync(Stream stream, MimeParserOptions? options = null, CancellationToken cancellationToken = default) =>
        new MimeParser(options).ParseAsync(stream, cancellationToken);

    /// <summary>Writes the message (an unchanged parsed message byte for byte, the mbox envelope line included).</summary>
    /// <param name="stream">The destination.</param>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Serialise().CopyTo(stream);
    }

    /// <summary>Writes the message (an unchanged parsed message byte for byte, the mbox envelope line included).</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="cancellationToken">Stops writing.</param>
    /// <returns>The task.</returns>
    public Task WriteToAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Serialise().CopyToAsync(stream, cancellationToken);
    }

    /// <summary>The message as bytes (see <see cref="WriteTo(Stream)"/>).</summary>
    /// <returns>The bytes.</returns>
    public byte[] ToArray() => Serialise().ToArray();

    /// <summary>Every entity, depth first, containers included, embedded messages' entities included.</summary>
    /// <returns>The entities.</returns>
    public IEnumerable<MimeEntity> EnumerateEntities() => Body.Descendants();

    internal void WriteTo(SegmentWriter writer)
    {
        if (RawEnvelopeLine is { } envelope)
        {
            writer.Write(envelope);
        }

        Body.WriteTo(writer);
    }

    internal SegmentWriter Serialise()
    {
        var writer = new SegmentWriter();
        WriteTo(writer);
        return writer;
    }
}
