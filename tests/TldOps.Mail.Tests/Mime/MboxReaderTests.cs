using System.Text;
using TldOps.Mail.Mbox;
using TldOps.Mail.Mime;

namespace TldOps.Mail.Tests.Mime;

public sealed class MboxReaderTests
{
    [Theory]
    [InlineData("cpython_mailbox_01.mbox", 1)]
    [InlineData("mime4j_mbox.rlug", 5)]
    [InlineData("mimekit_content-length.mbox.txt", 29)]
    [InlineData("mimekit_issue1189.mbox.txt", 4)]
    [InlineData("mimekit_simple.mbox.txt", 3)]
    [InlineData("mimekit_unmunged.mbox.txt", 2)]
    public void Mbox_files_split_into_their_messages_and_join_back_byte_for_byte(string file, int count)
    {
        var bytes = MimeCorpus.Read(file);

        var entries = new MboxReader().Split(bytes);

        Assert.Equal(count, entries.Count);
        Assert.Equal(bytes, entries.SelectMany(e => e.Prefix.ToArray().Concat(e.Data.ToArray()).Concat(e.Separator.ToArray())).ToArray());
        Assert.All(entries, e => Assert.StartsWith("From ", MimeMessage.Load(e.Data).MboxFromLine, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("mimekit_content-length.mbox.txt")]
    [InlineData("mimekit_unmunged.mbox.txt")]
    public async Task Reading_a_stream_in_tiny_pieces_gives_the_same_messages(string file)
    {
        var bytes = MimeCorpus.Read(file);
        var expected = new MboxReader().Split(bytes);
        using var stream = new TrickleStream(bytes, 7);

        var entries = new List<MboxEntry>();
        await foreach (var entry in new MboxReader().ReadAsync(stream))
        {
            entries.Add(entry);
        }

        Assert.Equal(expected.Select(e => (e.Offset, e.Data.ToArray(), e.Separator.ToArray(), e.Prefix.ToArray())), entries.Select(e => (e.Offset, e.Data.ToArray(), e.Separator.ToArray(), e.Prefix.ToArray())), new EntryComparer());
    }

    [Fact]
    public void Unquoted_from_lines_in_bodies_do_not_split_messages()
    {
        var text = "From a@example.org Mon Jan  1 00:00:00 2024\nSubject: one\n\nFrom time to time\n\nFrom Russia with love\n\nFrom b@example.org Mon Jan  1 00:00:01 2024\nSubject: two\n\nbody\n";

        var entries = new MboxReader().Split(Encoding.ASCII.GetBytes(text));

        Assert.Equal(["one", "two"], entries.Select(e => MimeMessage.Load(e.Data).Subject));
    }

    [Fact]
    public void A_message_over_the_size_limit_is_refused_with_its_offset()
    {
        var options = MimeParserOptions.Default.Clone();
        options.MaxMessageSize = 100;
        var text = "From a@x Mon Jan  1 00:00:00 2024\nSubject: short\n\n\nFrom b@x Mon Jan  1 00:00:00 2024\n" + new string('x', 200) + "\n";

        var exception = Assert.Throws<MimeLimitExceededException>(() => new MboxReader(options).Split(Encoding.ASCII.GetBytes(text)));

        Assert.Equal(51, exception.Offset);
    }

    [Theory]
    [InlineData("From -", true)]
    [InlineData("From - Mon Jun  3 12:50:27 1996", true)]
    [InlineData("From 1844347792267117879@xxx", true)]
    [InlineData("From MAILER-DAEMON Sun Aug  7 11:40:37 2022 extra info", true)]
    [InlineData("From time to time", false)]
    [InlineData("From Russia with love", false)]
    [InlineData("From: header", false)]
    public void Envelope_lines_are_recognised(string line, bool expected)
    {
        Assert.Equal(expected, MboxReader.IsEnvelopeLine(Encoding.ASCII.GetBytes(line)));
    }

    private sealed class EntryComparer : IEqualityComparer<(long, byte[], byte[], byte[])>
    {
        public bool Equals((long, byte[], byte[], byte[]) x, (long, byte[], byte[], byte[]) y) =>
            x.Item1 == y.Item1 && x.Item2.SequenceEqual(y.Item2) && x.Item3.SequenceEqual(y.Item3) && x.Item4.SequenceEqual(y.Item4);

        public int GetHashCode((long, byte[], byte[], byte[]) obj) => obj.Item1.GetHashCode();
    }

    /// <summary>A stream that returns at most a few bytes per read, to exercise chunk boundaries.</summary>
    private sealed class TrickleStream(byte[] data, int piece) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, piece));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, piece)], cancellationToken);
    }
}
