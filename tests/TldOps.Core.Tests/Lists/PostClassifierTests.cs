using TldOps.Core.Lists.Posts;

namespace TldOps.Core.Tests.Lists;

public sealed class PostClassifierTests
{
    [Fact]
    public void Known_subject_tags_are_read_in_their_canonical_spelling_once_each()
    {
        var classification = PostClassifier.Classify("[alert] [ddos] [ALERT] Query flood [INFO]", null);

        Assert.Equal(["ALERT", "DDoS"], classification.Tags);
        Assert.True(classification.IsAlert);
    }

    [Theory]
    [InlineData("TLP:CLEAR report", TlpLabel.Clear)]
    [InlineData("tlp:white (old style)", TlpLabel.Clear)]
    [InlineData("[QUERY] TLP: GREEN", TlpLabel.Green)]
    [InlineData("TLP:AMBER+STRICT indicators", TlpLabel.AmberStrict)]
    [InlineData("TLP:AMBER indicators", TlpLabel.Amber)]
    [InlineData("TLP:RED", TlpLabel.Red)]
    [InlineData("XTLP:RED is not a label", TlpLabel.None)]
    [InlineData("TLP:REDACTED is not a label", TlpLabel.None)]
    [InlineData("no label at all", TlpLabel.None)]
    public void Tlp_2_labels_are_found_in_the_subject(string subject, TlpLabel expected)
    {
        Assert.Equal(expected, PostClassifier.Classify(subject, null).Tlp);
    }

    [Fact]
    public void The_most_restrictive_label_wins_between_subject_and_first_line()
    {
        Assert.Equal(TlpLabel.Red, PostClassifier.Classify("TLP:GREEN summary", "TLP:RED").Tlp);
        Assert.Equal(TlpLabel.AmberStrict, PostClassifier.Classify("TLP:AMBER+STRICT", "TLP:CLEAR").Tlp);
    }

    [Fact]
    public void The_first_line_is_the_first_that_is_not_blank()
    {
        Assert.Equal("TLP:RED", PostClassifier.FirstLine("\n  \r\n  TLP:RED\nrest"));
        Assert.Null(PostClassifier.FirstLine("  \n"));
    }

    [Fact]
    public void Labels_are_written_as_tlp_2_writes_them()
    {
        Assert.Equal("TLP:AMBER+STRICT", PostClassifier.Format(TlpLabel.AmberStrict));
        Assert.Equal(TlpLabel.AmberStrict, PostClassifier.Parse("TLP:AMBER+STRICT"));
        Assert.Null(PostClassifier.Format(TlpLabel.None));
    }
}
