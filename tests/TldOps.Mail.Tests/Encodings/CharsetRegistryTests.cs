using System.Text;
using TldOps.Mail.Encodings;
using TldOps.Testing;

namespace TldOps.Mail.Tests.Encodings;

public sealed class CharsetRegistryTests
{
    public static TheoryData<string, string> CharsetSamples => new()
    {
        { "gmime_cyrillic.cp1251.txt", "gmime_cyrillic.utf-8.txt" },
        { "gmime_cyrillic.iso-8859-5.txt", "gmime_cyrillic.utf-8.txt" },
        { "gmime_cyrillic.koi8-r.txt", "gmime_cyrillic.utf-8.txt" },
        { "gmime_japanese.iso-2022-jp.txt", "gmime_japanese.utf-8.txt" },
        { "gmime_japanese.shift-jis.txt", "gmime_japanese.utf-8.txt" },
    };

    [Theory]
    [MemberData(nameof(CharsetSamples))]
    public void The_same_text_in_another_charset_decodes_to_the_utf8_version(string encodedFile, string utf8File)
    {
        var charset = encodedFile.Split('.')[1];
        var expected = File.ReadAllText(SharedCorpus.PathOf("mime", "charsets", utf8File), Encoding.UTF8);

        var actual = CharsetRegistry.Default.Decode(File.ReadAllBytes(SharedCorpus.PathOf("mime", "charsets", encodedFile)), charset);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void The_big5_sample_decodes_to_the_characters_big5_can_hold()
    {
        // The Big5 file lacks the Japanese-only characters of the UTF-8 version (Python's big5
        // codec reads the same 665 characters): what we read must appear in order in it.
        var expected = File.ReadAllText(SharedCorpus.PathOf("mime", "charsets", "gmime_chinese.utf-8.txt"), Encoding.UTF8);

        var actual = CharsetRegistry.Default.Decode(File.ReadAllBytes(SharedCorpus.PathOf("mime", "charsets", "gmime_chinese.big5.txt")), "big5");

        Assert.DoesNotContain('\uFFFD', actual);
        Assert.Equal(665, actual.Length);
        var position = 0;
        foreach (var c in actual)
        {
            position = expected.IndexOf(c, position) + 1;
            Assert.True(position > 0, $"'{c}' is not in the UTF-8 text in order");
        }
    }

    [Fact]
    public void The_cp1252_fable_decodes_with_its_french_accents()
    {
        var bytes = File.ReadAllBytes(SharedCorpus.PathOf("mime", "charsets", "gmime_french-fable.cp1252.txt"));

        var text = CharsetRegistry.Default.Decode(bytes, "windows-1252");

        Assert.DoesNotContain('\uFFFD', text);
        Assert.Contains("é", text, StringComparison.Ordinal);
        Assert.Equal(Encoding.Latin1.GetString(bytes).Length, text.Length);
    }

    [Theory]
    [InlineData("utf8", 65001)]
    [InlineData("UTF-8", 65001)]
    [InlineData("\"utf-8\"", 65001)]
    [InlineData("utf-8*en", 65001)]
    [InlineData("iso8859-1", 1252)]
    [InlineData("ISO_8859-15", 28605)]
    [InlineData("iso-8859-1:1987", 1252)]
    [InlineData("latin1", 1252)]
    [InlineData("cp1252", 1252)]
    [InlineData("windows1251", 1251)]
    [InlineData("x-sjis", 932)]
    [InlineData("shift-jis", 932)]
    [InlineData("euc-jp", 51932)]
    [InlineData("iso-2022-jp", 50220)]
    [InlineData("gb2312", 936)]
    [InlineData("gb18030", 54936)]
    [InlineData("big5-hkscs", 950)]
    [InlineData("ks_c_5601-1987", 949)]
    [InlineData("euc-kr", 51949)]
    [InlineData("koi8-u", 21866)]
    [InlineData("utf-16be", 1201)]
    [InlineData("tis-620", 874)]
    public void Charset_names_as_written_in_mail_map_to_code_pages(string name, int codePage)
    {
        Assert.Equal(codePage, CharsetRegistry.Default.GetCodePage(name));
        Assert.NotNull(CharsetRegistry.Default.GetEncoding(name));
    }

    [Theory]
    [InlineData("x-unknown")]
    [InlineData("")]
    [InlineData("iso-8859-99")]
    public void Unknown_names_are_unknown(string name)
    {
        Assert.Null(CharsetRegistry.Default.GetCodePage(name));
    }

    [Fact]
    public void Bytes_declared_ascii_that_are_utf8_decode_as_utf8_and_others_as_windows_1252()
    {
        Assert.Equal("Grüße", CharsetRegistry.Default.Decode("Grüße"u8, "us-ascii"));
        Assert.Equal("Grüße", CharsetRegistry.Default.Decode([0x47, 0x72, 0xFC, 0xDF, 0x65], "us-ascii"));
        Assert.Equal("€uro", CharsetRegistry.Default.Decode([0x80, 0x75, 0x72, 0x6F], null));
    }

    [Fact]
    public void Invalid_utf8_becomes_replacement_characters_and_never_throws()
    {
        var text = CharsetRegistry.Default.Decode([0x61, 0xC3, 0x28, 0xFF, 0x62], "utf-8");

        Assert.Equal("a\uFFFD(\uFFFDb", text);
    }

    [Fact]
    public void Utf7_from_old_outlook_express_decodes()
    {
        // RFC 2152 example: "Hi Mom -☺-!" and "日本語".
        Assert.Equal("Hi Mom -\u263A-!", CharsetRegistry.Default.Decode("Hi Mom -+Jjo--!"u8, "utf-7"));
        Assert.Equal("\u65E5\u672C\u8A9E", CharsetRegistry.Default.Decode("+ZeVnLIqe-"u8, "unicode-1-1-utf-7"));
        Assert.Equal("1 + 1", CharsetRegistry.Default.Decode("1 +- 1"u8, "utf-7"));
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_dropped()
    {
        Assert.Equal("abc", CharsetRegistry.Default.Decode([0xEF, 0xBB, 0xBF, 0x61, 0x62, 0x63], "utf-8"));
        Assert.Equal("abc", CharsetRegistry.Default.Decode([0xEF, 0xBB, 0xBF, 0x61, 0x62, 0x63], null));
    }
}
