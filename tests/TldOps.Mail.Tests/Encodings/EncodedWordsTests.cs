using System.Text.Json;
using System.Text.RegularExpressions;
using TldOps.Mail.Encodings;
using TldOps.Mail.Mime;
using TldOps.Testing;

namespace TldOps.Mail.Tests.Encodings;

public sealed partial class EncodedWordsTests
{
    /// <summary>Stalwart vectors whose expectation is Stalwart's own choice, not RFC 2047's.</summary>
    private static readonly Dictionary<int, string> OurReading = new()
    {
        // Stalwart inserts a space between text and an encoded word glued to it; we keep the
        // text as sent (Python does the same).
        [21] = "[SUSPECTED SPAM]This is the original subject",
        [27] = "[SUSPECTED SPAM]This is the original subject",
        [28] = "[SUSPECTED SPAM]This is the original subject",
    };

    public static TheoryData<int> StalwartVectors
    {
        get
        {
            var data = new TheoryData<int>();
            for (var i = 0; i < LoadVectors().Count; i++)
            {
                data.Add(i);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(StalwartVectors))]
    public void Unstructured_header_vectors_decode(int index)
    {
        var (raw, expected) = LoadVectors()[index];
        expected = OurReading.GetValueOrDefault(index, expected);

        // The raw value goes through the real parser as a Subject field: folding, the end of
        // the field at the next one, and decoding are all exercised.
        var message = MimeMessage.Load(System.Text.Encoding.UTF8.GetBytes("Subject:" + raw + "\n"));

        Assert.Equal(Collapse(expected), Collapse(message.Headers.Find("Subject")!.Value));
    }

    [Theory]
    [InlineData("=?utf-8?q?caf=C3=A9?=", "café")]
    [InlineData("=?UTF-8?B?Y2Fmw6k=?=", "café")]
    [InlineData("=?utf-8*fr?q?caf=C3=A9?=", "café")]
    [InlineData("=?utf-8?q?a?= \t =?utf-8?q?b?=", "ab")]
    [InlineData("=?utf-8?q?a?= x =?utf-8?q?b?=", "a x b")]
    [InlineData("pre=?utf-8?q?fix?=", "prefix")]
    [InlineData("=?utf-8?B?4oKs?==?utf-8?B?4oKs?=", "€€")]
    [InlineData("=?x-unknown?q?caf=C3=A9?=", "café")]
    [InlineData("=?utf-8?q?unterminated", "=?utf-8?q?unterminated")]
    [InlineData("=?utf-8?x?bad?=", "=?utf-8?x?bad?=")]
    [InlineData("a =? b ?= c", "a =? b ?= c")]
    public void Real_world_encoded_words_decode(string value, string expected)
    {
        Assert.Equal(expected, EncodedWords.Decode(value));
    }

    [Fact]
    public void A_character_split_between_two_words_survives()
    {
        // "€" is E2 82 AC in UTF-8; Outlook splits words by bytes, not characters.
        Assert.Equal("€", EncodedWords.Decode("=?utf-8?B?4oI=?= =?utf-8?B?rA==?="));
        Assert.Equal("a€", EncodedWords.Decode("=?utf-8?Q?a=E2=82?= =?utf-8?Q?=AC?="));
    }

    [Fact]
    public void Raw_8bit_bytes_inside_a_q_word_keep_their_charset()
    {
        var message = MimeMessage.Load("Subject: =?iso-8859-1?Q?Fr\xF6sche?=\r\n\r\n"u8.ToArray() is var bytes ? Patch(bytes) : []);

        Assert.Equal("Frösche", message.Headers.Find("Subject")!.Value);

        static byte[] Patch(byte[] bytes)
        {
            // The u8 literal wrote U+00F6 as two UTF-8 bytes; the sender wrote one raw byte.
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            return System.Text.Encoding.Latin1.GetBytes(text);
        }
    }

    [Theory]
    [InlineData("Grüße aus Köln")]
    [InlineData("日本語のメールの件名はとても長くなることがありますので、エンコードされた単語に分割する必要があります")]
    [InlineData("emoji 😀🎉 and text")]
    [InlineData("plain ascii =?looks?q?encoded?=")]
    [InlineData("a")]
    public void Encoding_then_decoding_gives_the_text_back_with_words_of_at_most_75(string text)
    {
        var words = EncodedWords.Encode(text);

        Assert.All(words, w => Assert.InRange(w.Length, 1, EncodedWords.MaxWordLength));
        Assert.All(words, w => Assert.Matches("^=\\?utf-8\\?[BQ]\\?[!-~]*\\?=$", w));
        Assert.Equal(text, EncodedWords.Decode(string.Join(" ", words)));
    }

    private static List<(string Raw, string Expected)> LoadVectors()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(SharedCorpus.PathOf("mime", "header-vectors", "stalwart_unstructured.json")));
        return document.RootElement.EnumerateArray()
            .Select(e => (e.GetProperty("header").GetString()!, e.GetProperty("expected").GetString()!))
            .ToList();
    }

    private static string Collapse(string text) => Blanks().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Blanks();
}
