using TldOps.Mail.Mime;

namespace TldOps.Mail.Tests.Mime;

public sealed class RoundTripTests
{
    [Theory]
    [MemberData(nameof(MimeCorpus.AllFileData), MemberType = typeof(MimeCorpus))]
    public void Every_corpus_file_parses_and_writes_back_byte_for_byte(string name)
    {
        var bytes = MimeCorpus.Read(name);

        var message = MimeMessage.Load(bytes);

        Assert.Equal(bytes, message.ToArray());
    }

    [Theory]
    [MemberData(nameof(MimeCorpus.AllFileData), MemberType = typeof(MimeCorpus))]
    public async Task Writing_to_a_stream_gives_the_same_bytes(string name)
    {
        var bytes = MimeCorpus.Read(name);
        using var input = new MemoryStream(bytes);
        var message = await MimeMessage.LoadAsync(input);
        using var output = new MemoryStream();

        await message.WriteToAsync(output);

        Assert.Equal(bytes, output.ToArray());
    }
}
