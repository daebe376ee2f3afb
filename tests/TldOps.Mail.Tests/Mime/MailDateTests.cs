using System.Text.Json;
using TldOps.Mail.Mime;
using TldOps.Testing;

namespace TldOps.Mail.Tests.Mime;

public sealed class MailDateTests
{
    /// <summary>Stalwart date vectors we read differently: numeric months and digit soup are not RFC 5322 dates.</summary>
    private static readonly HashSet<int> NotDates = [10, 12, 14];

    public static TheoryData<int> Vectors
    {
        get
        {
            var data = new TheoryData<int>();
            for (var i = 0; i < Load().Count; i++)
            {
                if (!NotDates.Contains(i))
                {
                    data.Add(i);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Date_vectors_parse(int index)
    {
        var (raw, expected) = Load()[index];

        var ok = MailDate.TryParse(raw, out var value);

        Assert.Equal(expected is not null, ok);
        if (expected is not null)
        {
            Assert.Equal(expected.Value, value);
            Assert.Equal(expected.Value.Offset, value.Offset);
        }
    }

    [Fact]
    public void Dates_format_as_rfc_5322_and_read_back()
    {
        var value = new DateTimeOffset(2024, 3, 5, 7, 8, 9, TimeSpan.FromMinutes(-210));

        var text = MailDate.Format(value);

        Assert.Equal("Tue, 05 Mar 2024 07:08:09 -0330", text);
        Assert.Equal(value, MailDate.Parse(text));
    }

    [Fact]
    public void Parse_names_the_offset_of_the_bad_token()
    {
        var exception = Assert.Throws<MimeFormatException>(() => MailDate.Parse("Tue, 7 Bog 2026 19:14:51 +0000"));

        Assert.Equal(7, exception.Offset);
    }

    private static List<(string Raw, DateTimeOffset? Expected)> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(SharedCorpus.PathOf("mime", "header-vectors", "stalwart_date.json")));
        return document.RootElement.EnumerateArray().Select(e =>
        {
            var x = e.GetProperty("expected");
            if (x.ValueKind == JsonValueKind.Null)
            {
                return (e.GetProperty("header").GetString()!, (DateTimeOffset?)null);
            }

            var zone = new TimeSpan(x.GetProperty("tz_hour").GetInt32(), x.GetProperty("tz_minute").GetInt32(), 0);
            if (x.GetProperty("tz_before_gmt").GetBoolean())
            {
                zone = -zone;
            }

            var value = new DateTimeOffset(
                x.GetProperty("year").GetInt32(), x.GetProperty("month").GetInt32(), x.GetProperty("day").GetInt32(),
                x.GetProperty("hour").GetInt32(), x.GetProperty("minute").GetInt32(), x.GetProperty("second").GetInt32(), zone);
            return (e.GetProperty("header").GetString()!, (DateTimeOffset?)value);
        }).ToList();
    }
}
