using Microsoft.Data.Sqlite;
using TldOps.Core.Storage.Queues;

namespace TldOps.Core.Tests.Storage.Queues;

/// <summary>The batch statements' JSON parameters, read back by SQLite's own json_each, as the statements read them.</summary>
public sealed class JsonParametersTests
{
    [Fact]
    public void Ids_are_a_json_array_of_numbers()
    {
        Assert.Equal("[]", JsonParameters.Ids([]));
        Assert.Equal("[1,-2,9223372036854775807]", JsonParameters.Ids([1, -2, long.MaxValue]));
    }

    [Fact]
    public void Replies_with_quotes_line_breaks_other_scripts_and_none_come_back_from_json_each_as_they_were()
    {
        (long, string?)[] rows =
        [
            (7, "250 2.0.0 Ok: queued as \"A1B2\" <x@y>"),
            (8, null),
            (9, "250-first line\r\n250 second \\ line & more"),
            (10, "250 принято, 已接收, تم"),
            (11, string.Empty),
        ];

        var json = JsonParameters.IdsAndReplies(rows);

        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT json_extract(value, '$.i'), json_extract(value, '$.r') FROM json_each(@rows) ORDER BY key";
        command.Parameters.AddWithValue("@rows", json);
        using var reader = command.ExecuteReader();
        var back = new List<(long, string?)>();
        while (reader.Read())
        {
            back.Add((reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        Assert.Equal(rows, back);
    }

    [Fact]
    public void A_batch_larger_than_the_kept_buffer_is_written_whole_and_the_next_one_is_not_mixed_with_it()
    {
        var big = Enumerable.Range(0, 20_000).Select(i => ((long)i, (string?)new string('x', 100))).ToList();

        var first = JsonParameters.IdsAndReplies(big);
        var second = JsonParameters.IdsAndReplies([(1, "ok")]);

        Assert.StartsWith("[{\"i\":0,\"r\":\"xxx", first, StringComparison.Ordinal);
        Assert.EndsWith("{\"i\":19999,\"r\":\"" + new string('x', 100) + "\"}]", first, StringComparison.Ordinal);
        Assert.Equal("[{\"i\":1,\"r\":\"ok\"}]", second);
    }
}
