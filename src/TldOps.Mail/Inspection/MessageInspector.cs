using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using TldOps.Mail.Encodings;
using TldOps.Mail.Mbox;
using TldOps.Mail.Mime;

namespace TldOps.Mail.Inspection;

/// <summary>
/// Describes a message as JSON — what <c>tldops mail inspect</c> prints and what the
/// differential tests compare against Python's email package.
/// </summary>
/// <remarks>
/// The shape is <c>{"headers":[{"name","value"}], "parts":[…]}</c>. Headers are the
/// top-level fields in order, values unfolded and RFC 2047-decoded. Parts are every entity
/// depth first, containers included, each with <c>path</c> ("" for the root, "1", "1.2", …;
/// an embedded message has one child, its root), <c>contentType</c> (lower case, after
/// defaults), <c>charset</c>, <c>disposition</c> and <c>filename</c> (null when absent),
/// and for leaves <c>size</c> and <c>sha256</c> of the decoded bytes, plus <c>text</c> for
/// text/* leaves.
/// </remarks>
public static class MessageInspector
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The JSON description of one message.</summary>
    /// <param name="message">The message.</param>
    /// <returns>Indented JSON.</returns>
    public static string ToJson(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Write(writer => WriteMessage(writer, message));
    }

    /// <summary>The JSON descriptions of several messages (an mbox), as an array.</summary>
    /// <param name="messages">The messages.</param>
    /// <returns>Indented JSON.</returns>
    public static string ToJson(IEnumerable<MimeMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return Write(writer =>
        {
            writer.WriteStartArray();
            foreach (var message in messages)
            {
                WriteMessage(writer, message);
            }

            writer.WriteEndArray();
        });
    }

    /// <summary>
    /// Reads a file and describes it: one message, or with <paramref name="mbox"/> every
    /// message of an mbox file.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="mbox">True to split the file as an mbox.</param>
    /// <param name="options">Parser limits; defaults when null.</param>
    /// <param name="cancellationToken">Stops reading and parsing.</param>
    /// <returns>Indented JSON.</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    /// <exception cref="MimeFormatException">The input exceeded a limit; the offset is in the file.</exception>
    public static async Task<string> InspectFileAsync(string path, bool mbox, MimeParserOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= MimeParserOptions.Default;
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            if (!mbox)
            {
                var message = await MimeMessage.LoadAsync(stream, options, cancellationToken).ConfigureAwait(false);
                return ToJson(message);
            }

            var messages = new List<MimeMessage>();
            await foreach (var entry in new MboxReader(options).ReadAsync(stream, cancellationToken).ConfigureAwait(false))
            {
                messages.Add(LoadEntry(entry, options, cancellationToken));
            }

            return ToJson(messages);
        }
    }

    private static MimeMessage LoadEntry(MboxEntry entry, MimeParserOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return MimeMessage.Load(entry.Data, options, cancellationToken);
        }
        catch (MimeLimitExceededException exception)
        {
            // Report the offset in the file, not in the message.
            throw new MimeLimitExceededException(exception.Limit, exception.LimitValue, entry.Offset + exception.Offset);
        }
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            body(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteMessage(Utf8JsonWriter writer, MimeMessage message)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("headers");
        foreach (var header in message.Headers.Fields())
        {
            writer.WriteStartObject();
            writer.WriteString("name", Clean(header.Name));
            writer.WriteString("value", Clean(header.Value));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("parts");
        WriteEntity(writer, message.Body, string.Empty);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteEntity(Utf8JsonWriter writer, MimeEntity root, string rootPath)
    {
        // Depth first with an explicit stack: nesting is bounded by the parser, but a stack
        // keeps deep messages off the call stack.
        var stack = new Stack<(MimeEntity Entity, string Path)>();
        stack.Push((root, rootPath));
        while (stack.Count > 0)
        {
            var (entity, path) = stack.Pop();
            WritePart(writer, entity, path);
            var children = entity switch
            {
                Multipart multipart => multipart.ToList(),
                MessagePart { Message: { } embedded } => [embedded.Body],
                _ => [],
            };

            for (var i = children.Count - 1; i >= 0; i--)
            {
                var index = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                stack.Push((children[i], path.Length == 0 ? index : path + "." + index));
            }
        }
    }

    private static void WritePart(Utf8JsonWriter writer, MimeEntity entity, string path)
    {
        writer.WriteStartObject();
        writer.WriteString("path", path);
        writer.WriteString("contentType", Clean(entity.ContentType.MimeType));
        WriteNullable(writer, "charset", entity.ContentType.Charset?.Trim().ToLowerInvariant());
        WriteNullable(writer, "disposition", entity.ContentDisposition?.Disposition);
        WriteNullable(writer, "filename", entity.FileName);
        if (entity is MimePart part)
        {
            var decoded = part.GetDecodedContent();
            writer.WriteNumber("size", decoded.Length);
            writer.WriteString("sha256", Convert.ToHexStringLower(SHA256.HashData(decoded)));
            if (part.IsText)
            {
                writer.WriteString("text", Clean(CharsetRegistry.Default.Decode(decoded, part.ContentType.Charset)));
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, Clean(value));
        }
    }

    private static string Clean(string text) => TextSanitizer.ReplaceLoneSurrogates(text);
}
