using System.Buffers;
using System.Text;
using System.Text.Json;

namespace TldOps.Core.Storage.Queues;

/// <summary>
/// The JSON documents the queue's batch statements take as one parameter (SQLite's
/// <c>json_each</c>): written straight with a <see cref="Utf8JsonWriter"/> into a buffer kept per
/// thread, without the serializer's general machinery, which a fan-out paid twice per half batch.
/// </summary>
internal static class JsonParameters
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    /// <summary><c>[1,2,3]</c>.</summary>
    public static string Ids(IEnumerable<long> ids) => Write(ids, static (writer, items) =>
    {
        foreach (var id in items)
        {
            writer.WriteNumberValue(id);
        }
    });

    /// <summary><c>[{"i":1,"r":"250 ok"},{"i":2,"r":null}]</c>: each id with its reply.</summary>
    public static string IdsAndReplies(IEnumerable<(long Id, string? Reply)> rows) => Write(rows, static (writer, items) =>
    {
        foreach (var (id, reply) in items)
        {
            writer.WriteStartObject();
            writer.WriteNumber("i", id);
            writer.WriteString("r", reply);
            writer.WriteEndObject();
        }
    });

    private static string Write<T>(T items, Action<Utf8JsonWriter, T> body)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            body(writer, items);
            writer.WriteEndArray();
        }

        var text = Encoding.UTF8.GetString(buffer.WrittenSpan);
        if (buffer.Capacity > 1 << 20)
        {
            // One huge batch should not pin a megabyte per thread for good.
            t_buffer = null;
        }

        return text;
    }
}
