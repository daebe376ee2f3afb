using System.Text;
using TldOps.Core.Registry.Iana;

namespace TldOps.Core.Tests.Registry.Iana;

public sealed class WhoisRecordParserMalformedTests
{
    private readonly WhoisRecordParser _parser = new();

    private static string De => File.ReadAllText(IanaCorpus.Current("DE"));

    private WhoisFormatException Fails(string text) => Fails(Encoding.UTF8.GetBytes(text));

    private WhoisFormatException Fails(byte[] bytes)
    {
        var error = Assert.Throws<WhoisFormatException>(() => _parser.Parse(bytes));
        Assert.False(_parser.TryParse(bytes, out var answer, out var same));
        Assert.Null(answer);
        Assert.Equal(error.Message, same.Message);
        return error;
    }

    [Fact]
    public void A_contact_block_without_a_name_line_names_the_contact_line()
    {
        var error = Fails(De.Replace("name:         Vorstand DENIC eG\n", "", StringComparison.Ordinal));

        Assert.Equal(12, error.LineNumber);
        Assert.Contains("administrative contact block has no 'name:' line", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_legacy_contact_section_without_a_name_line_names_the_heading()
    {
        var legacy = File.ReadAllText(IanaCorpus.Legacy("DE"));
        var error = Fails(legacy.Replace("    Name: Business Services\n", "", StringComparison.Ordinal));

        Assert.Equal(38, error.LineNumber); // the file starts with a blank line
        Assert.Contains("Technical Contact section has no 'Name:' line", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_cut_before_its_source_line_is_rejected()
    {
        var cut = De[..De.IndexOf("whois:", StringComparison.Ordinal)];

        var error = Fails(cut);

        Assert.Contains("cut short", error.Reason, StringComparison.Ordinal);
        Assert.Equal(cut.Count(c => c == '\n'), error.LineNumber);
    }

    [Fact]
    public void A_record_cut_in_its_last_line_is_rejected()
    {
        var error = Fails(De.TrimEnd('\n')[..^1]);

        Assert.Contains("no line ending", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_garbage_names_the_first_control_byte()
    {
        // The start of a PNG file: the signature holds CR LF, SUB and LF after two text bytes.
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];

        var error = Fails(png);

        Assert.Equal(2, error.LineNumber);
        Assert.Equal(6, error.ByteOffset);
        Assert.Contains("0x1A", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_in_a_current_layout_record_names_its_offset()
    {
        var bytes = Encoding.UTF8.GetBytes(De);
        var at = Encoding.UTF8.GetByteCount(De[..De.IndexOf("Vorstand", StringComparison.Ordinal)]);
        bytes[at] = 0xE9;

        var error = Fails(bytes);

        Assert.Equal(at, error.ByteOffset);
        Assert.Equal(13, error.LineNumber);
        Assert.Contains("invalid UTF-8", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_over_the_limit_names_that_line()
    {
        var parser = new WhoisRecordParser(new WhoisParserOptions { MaxLineLength = 100 });
        var text = De.Replace("remarks:      Registration information: http://www.denic.de/", "remarks:      " + new string('x', 200), StringComparison.Ordinal);

        var error = Assert.Throws<WhoisFormatException>(() => parser.Parse(text));

        Assert.Equal(43, error.LineNumber);
        Assert.Contains("100-byte limit", error.Reason, StringComparison.Ordinal);
        Assert.Equal("Registration information: http://www.denic.de/", parser.Parse(De).Delegation!.Remarks);
    }

    [Fact]
    public void An_answer_over_the_byte_limit_is_rejected_at_the_limit()
    {
        var parser = new WhoisRecordParser(new WhoisParserOptions { MaxBytes = 500 });

        var error = Assert.Throws<WhoisFormatException>(() => parser.Parse(De));

        Assert.Equal(500, error.ByteOffset);
        Assert.Equal(De[..500].Count(c => c == '\n') + 1, error.LineNumber);
    }

    [Fact]
    public void An_answer_over_the_line_count_limit_is_rejected_at_the_first_extra_line()
    {
        var parser = new WhoisRecordParser(new WhoisParserOptions { MaxLines = 20 });

        var error = Assert.Throws<WhoisFormatException>(() => parser.Parse(De));

        Assert.Equal(21, error.LineNumber);
    }

    [Theory]
    [InlineData("nserver:      A.NIC.DE 194.0.0.53 2001:678:2:0:0:0:0:53", "nserver:      A.NIC.DE 194.0.0 2001:678:2::53", "is not an IPv4 or IPv6 address")]
    [InlineData("nserver:      A.NIC.DE 194.0.0.53 2001:678:2:0:0:0:0:53", "nserver:      A.NIC.DE 1", "is not an IPv4 or IPv6 address")]
    [InlineData("nserver:      A.NIC.DE 194.0.0.53 2001:678:2:0:0:0:0:53", "nserver:      A..NIC.DE", "does not start with a host name")]
    [InlineData("ds-rdata:     26755 8 2 f341", "ds-rdata:     70000 8 2 f341", "out of range")]
    [InlineData("ds-rdata:     26755 8 2 f341", "ds-rdata:     26755 8 2 x341", "hexadecimal")]
    [InlineData("created:      1986-11-05", "created:      05-11-1986", "YYYY-MM-DD")]
    [InlineData("whois:        whois.denic.de", "whois:        whois.denic.de\nwhois:        whois.example", "a second 'whois:' line")]
    [InlineData("domain:       DE", "domain:       DE\ndomain-ace:   XN--P1AI", "does not match domain")]
    [InlineData("contact:      technical", "contact:      administrative", "a second administrative contact")]
    [InlineData("status:       ACTIVE", "status ACTIVE", "expected 'key: value'")]
    public void A_broken_field_is_named_with_its_line(string original, string broken, string reason)
    {
        var text = De.Replace(original, broken, StringComparison.Ordinal);
        Assert.NotEqual(De, text);
        var brokenLine = text[..text.IndexOf(broken.Split('\n')[^1], StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var error = Fails(text);

        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        if (!reason.StartsWith("a second administrative", StringComparison.Ordinal))
        {
            Assert.Equal(brokenLine, error.LineNumber);
        }
    }

    [Fact]
    public void A_referral_line_before_the_domain_is_accepted_but_a_record_without_domain_is_not()
    {
        var referred = De.Replace("domain:       DE\n", "refer:        whois.denic.de\n\ndomain:       DE\n", StringComparison.Ordinal);
        var noDomain = De.Replace("domain:       DE\n", "refer:        whois.denic.de\n", StringComparison.Ordinal);

        Assert.Equal("de", _parser.Parse(referred).Tld);
        var error = Fails(noDomain);
        Assert.Contains("no 'domain:' line", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_no_whois_answer_names_its_first_line()
    {
        var error = Fails("<html><body>Service unavailable</body></html>\n");

        Assert.Equal(1, error.LineNumber);
        Assert.Contains("'domain:' line or the 'IANA Whois Service' banner", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_answer_is_malformed()
    {
        var error = Fails([]);

        Assert.Contains("empty", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DE")]
    [InlineData("XN--P1AI")]
    [InlineData("old-format/DE")]
    [InlineData("old-format/GOV")]
    [InlineData("retired/YU")]
    public void Every_strict_prefix_parses_to_the_whole_record_or_fails_cleanly(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(IanaCorpus.Root, name));
        var whole = _parser.Parse(bytes);
        var parsed = 0;
        for (var length = 0; length < bytes.Length; length++)
        {
            // Any exception other than WhoisFormatException escapes and fails the test.
            if (_parser.TryParse(bytes.AsSpan(0, length), out var answer, out var error))
            {
                parsed++;
                Assert.Equal(whole.Tld, answer.Tld);
                Assert.Equal(DelegationTestText.Describe(whole), DelegationTestText.Describe(answer));
            }
            else
            {
                Assert.InRange(error.LineNumber, 1, bytes.Length + 1);
                Assert.InRange(error.ByteOffset, 0, length);
            }
        }

        // Only prefixes that end in the trailing blank lines or explanations (YU) may parse.
        Assert.InRange(parsed, 0, name == "retired/YU" ? bytes.Length : 2);
    }

    [Fact]
    public void Default_options_are_frozen_and_clones_are_not()
    {
        Assert.Throws<InvalidOperationException>(() => WhoisParserOptions.Default.MaxBytes = 1);

        var clone = WhoisParserOptions.Default.Clone();
        clone.MaxBytes = 10;

        Assert.Equal(10, clone.MaxBytes);
        Assert.Equal(64 * 1024, WhoisParserOptions.Default.MaxBytes);
    }

    [Fact]
    public void Latin1_legacy_text_is_refused_when_the_option_is_off()
    {
        var parser = new WhoisRecordParser(new WhoisParserOptions { AllowLatin1Legacy = false });

        var error = Assert.Throws<WhoisFormatException>(() => parser.Parse(File.ReadAllBytes(IanaCorpus.Legacy("ES"))));

        Assert.Contains("invalid UTF-8", error.Reason, StringComparison.Ordinal);
    }
}
