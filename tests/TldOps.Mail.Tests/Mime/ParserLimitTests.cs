using System.Text;
using TldOps.Mail.Mime;

namespace TldOps.Mail.Tests.Mime;

public sealed class ParserLimitTests
{
    [Fact]
    public void A_header_block_over_the_limit_throws_at_the_line_that_passed_it()
    {
        var options = MimeParserOptions.Default.Clone();
        options.MaxHeaderBytes = 100;
        var bytes = Encoding.ASCII.GetBytes("A: 1234567890123456789012345678901234567890\r\nB: 1234567890123456789012345678901234567890\r\nC: 12345678901234567890\r\n\r\nbody");

        var exception = Assert.Throws<MimeLimitExceededException>(() => MimeMessage.Load(bytes, options));

        Assert.Equal(MimeLimit.HeaderBytes, exception.Limit);
        Assert.Equal(90, exception.Offset);
        Assert.Contains("at offset 90", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_over_the_limit_throws_at_its_start()
    {
        var options = MimeParserOptions.Default.Clone();
        options.MaxLineLength = 50;
        var bytes = Encoding.ASCII.GetBytes("Subject: short\r\n\r\nshort line\r\n" + new string('x', 51) + "\r\n");

        var exception = Assert.Throws<MimeLimitExceededException>(() => MimeMessage.Load(bytes, options));

        Assert.Equal(MimeLimit.LineLength, exception.Limit);
        Assert.Equal(30, exception.Offset);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_throws_where_the_entity_starts()
    {
        var options = MimeParserOptions.Default.Clone();
        options.MaxMimeDepth = 3;
        var bytes = Encoding.ASCII.GetBytes(Nested(5));

        var exception = Assert.Throws<MimeLimitExceededException>(() => MimeMessage.Load(bytes, options));

        Assert.Equal(MimeLimit.MimeDepth, exception.Limit);
        Assert.True(exception.Offset > 0);
        Assert.Equal("Content-Type", Encoding.ASCII.GetString(bytes, (int)exception.Offset, 12));
    }

    [Fact]
    public void Nesting_at_the_limit_parses()
    {
        var options = MimeParserOptions.Default.Clone();
        options.MaxMimeDepth = 5;

        var message = MimeMessage.Load(Encoding.ASCII.GetBytes(Nested(5)), options);

        Assert.Equal(6, message.EnumerateEntities().Count());
    }

    [Fact]
    public void Too_many_parts_throw()
    {
        var options = MimeParserOptions.Default.Clone();
        options.MaxParts = 10;
        var body = new StringBuilder("Content-Type: multipart/mixed; boundary=b\r\n\r\n");
        for (var i = 0; i < 20; i++)
        {
            body.Append("--b\r\n\r\npart\r\n");
        }

        var exception = Assert.Throws<MimeLimitExceededException>(() => MimeMessage.Load(Encoding.ASCII.GetBytes(body.ToString()), options));

        Assert.Equal(MimeLimit.Parts, exception.Limit);
    }

    [Fact]
    public async Task A_stream_longer_than_the_message_size_limit_throws()
    {
        var options = MimeParserOptions.Default.Clone();
        options.MaxMessageSize = 1000;
        using var stream = new MemoryStream(new byte[5000]);

        var exception = await Assert.ThrowsAsync<MimeLimitExceededException>(() => MimeMessage.LoadAsync(stream, options));

        Assert.Equal(MimeLimit.MessageSize, exception.Limit);
        Assert.Equal(1000, exception.Offset);
    }

    [Fact]
    public void Default_options_are_frozen_and_clones_are_not()
    {
        Assert.Throws<InvalidOperationException>(() => MimeParserOptions.Default.MaxParts = 5);

        var clone = MimeParserOptions.Default.Clone();
        clone.MaxParts = 5;

        Assert.Equal(5, clone.MaxParts);
        Assert.Equal(10_000, MimeParserOptions.Default.MaxParts);
    }

    [Fact]
    public void A_cancelled_token_stops_the_parse()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();

        Assert.Throws<OperationCanceledException>(() => MimeMessage.Load(Encoding.ASCII.GetBytes(Nested(2)), cancellationToken: source.Token));
    }

    private static string Nested(int depth)
    {
        var text = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            text.Append("Content-Type: multipart/mixed; boundary=b").Append(i).Append("\r\n\r\n--b").Append(i).Append("\r\n");
        }

        text.Append("Content-Type: text/plain\r\n\r\nleaf\r\n");
        for (var i = depth - 1; i >= 0; i--)
        {
            text.Append("--b").Append(i).Append("--\r\n");
        }

        return text.ToString();
    }
}
