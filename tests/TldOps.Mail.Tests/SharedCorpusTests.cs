using TldOps.Testing;

namespace TldOps.Mail.Tests;

public sealed class SharedCorpusTests
{
    [Fact]
    public void The_mime_corpus_is_reachable()
    {
        Assert.True(Directory.Exists(SharedCorpus.PathOf("mime")), SharedCorpus.Root);
    }
}
