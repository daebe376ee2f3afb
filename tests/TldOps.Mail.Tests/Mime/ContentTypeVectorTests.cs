using System.Text;
using System.Text.Json;
using TldOps.Mail.Mime;
using TldOps.Testing;

namespace TldOps.Mail.Tests.Mime;

public sealed class ContentTypeVectorTests
{
    /// <summary>
    /// Stalwart vectors where its reading is a choice we do not share, with ours.
    /// </summary>
    private static readonly Dictionary<int, string> Differently = new()
    {
        // A second '/' is not part of an RFC 2045 token; Stalwart keeps it in the subtype.
        [76] = "subtype ends at '/'",
        [77] = "subtype ends at '/'",
        [78] = "subtype ends at '/'",

        // An unterminated quoted string of blanks at the end of the field: we trim the field.
        [55] = "trailing blanks of the field are trimmed",
        [56] = "trailing blanks of the field are trimmed",

        // Stalwart merges "1*2*=a" and "1 * 999999999999999999 *= h" into one parameter; these
        // are not RFC 2231 names, and we only check that nothing breaks (see the next test).
        [61] = "not RFC 2231 names",
    };

    public static TheoryData<int> Vectors
    {
        get
        {
            var data = new TheoryData<int>();
            var vectors = Load();
            for (var i = 0; i < vectors.Count; i++)
            {
                // Only vectors with a type and subtype: others are invalid, which we read as
                // the default type (RFC 2045 §5.2), while Stalwart returns nothing.
                if (vectors[i].Type is not null && vectors[i].Subtype is not null && !Differently.ContainsKey(i))
                {
                    data.Add(i);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Content_type_vectors_parse_to_the_same_type_and_parameters(int index)
    {
        var vector = Load()[index];
        var message = MimeMessage.Load(Encoding.UTF8.GetBytes("Content-Type:" + vector.Raw + "\n"));

        var type = message.Body.ContentType;

        Assert.True(type.IsValid);
        Assert.Equal(vector.Type!.ToLowerInvariant(), type.MediaType);
        Assert.Equal(vector.Subtype!.ToLowerInvariant(), type.MediaSubtype);
        var expected = vector.Parameters.Where(p => !p.Name.EndsWith("-language", StringComparison.Ordinal)).ToList();
        // Order does not matter: continuations are placed where their sections first appear.
        Assert.Equal(
            expected.Select(p => (p.Name.ToLowerInvariant(), p.Value)).Order(),
            type.Parameters.Select(p => (p.Name.ToLowerInvariant(), p.Value)).Order());
    }

    [Fact]
    public void Hostile_parameter_names_do_not_break_the_parser()
    {
        var vector = Load()[61];

        var type = ContentType.Parse(vector.Raw);

        Assert.Equal("malicious/attempt", type.MimeType);
        Assert.Equal("b", type.Parameters["3"]);
    }

    [Theory]
    [InlineData("/invalid")]
    [InlineData(";")]
    [InlineData("text/")]
    [InlineData("name=value")]
    [InlineData("")]
    public void Invalid_types_fall_back_to_text_plain(string value)
    {
        var type = ContentType.Parse(value);

        Assert.False(type.IsValid);
        Assert.Equal("text/plain", type.MimeType);
    }

    [Fact]
    public void Parameters_of_an_invalid_type_are_still_read()
    {
        var type = ContentType.Parse("text; charset=koi8-r");

        Assert.Equal("text/plain", type.MimeType);
        Assert.Equal("koi8-r", type.Charset);
    }

    [Fact]
    public void A_missing_semicolon_does_not_swallow_the_next_parameter()
    {
        var type = ContentType.Parse("text/plain charset=us-ascii format=flowed");

        Assert.Equal("us-ascii", type.Charset);
        Assert.Equal("flowed", type.Parameters["format"]);
    }

    [Fact]
    public void The_rfc2231_form_wins_over_a_plain_fallback()
    {
        var disposition = ContentDisposition.Parse("attachment; filename=\"fallback.txt\"; filename*=utf-8''r%C3%A9sum%C3%A9.txt");

        Assert.Equal("résumé.txt", disposition.FileName);
    }

    [Fact]
    public void Written_parameters_read_back_including_long_non_ascii_ones()
    {
        var name = string.Concat(Enumerable.Repeat("Ñandú rápido ", 12)) + ".pdf";
        var written = new ContentDisposition("attachment", new ParameterList([new MimeParameter("filename", name)])).ToWireValue();

        Assert.True(Ascii.IsValid(written));
        Assert.Contains("filename*0*=utf-8''", written, StringComparison.Ordinal);
        Assert.Equal(name, ContentDisposition.Parse(written).FileName);
    }

    private static List<Vector> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(SharedCorpus.PathOf("mime", "header-vectors", "stalwart_content_type.json")));
        return document.RootElement.EnumerateArray().Select(e =>
        {
            var expected = e.GetProperty("expected");
            if (expected.ValueKind == JsonValueKind.Null)
            {
                return new Vector(e.GetProperty("header").GetString()!, null, null, []);
            }

            var subtype = expected.GetProperty("c_subtype");
            var attributes = expected.TryGetProperty("attributes", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(a => (Name: a[0].GetString()!, Value: a[1].GetString()!)).ToList()
                : [];
            return new Vector(
                e.GetProperty("header").GetString()!,
                expected.GetProperty("c_type").GetString(),
                subtype.ValueKind == JsonValueKind.Null ? null : subtype.GetString(),
                attributes);
        }).ToList();
    }

    private sealed record Vector(string Raw, string? Type, string? Subtype, List<(string Name, string Value)> Parameters);
}
