using System.Text;
using System.Text.Json;
using TldOps.Mail.Addresses;
using TldOps.Mail.Mime;
using TldOps.Testing;

namespace TldOps.Mail.Tests.Addresses;

/// <summary>
/// Stalwart's address vectors. Where Stalwart's reading is its own (comments appended to
/// display names, blanks kept inside addresses, URL lists), our reading is given with the reason.
/// </summary>
public sealed class AddressVectorTests
{
    private static readonly Dictionary<int, (string? Name, string Address)[]> OurReading = new()
    {
        // Comments are not part of a display name (RFC 5322 §3.2.2); CFWS around dots and a
        // route are not part of the address (§4.4).
        [8] = [("Pete", "pete@silly.test")],
        [10] = [("Chris Jones", "c@public.example"), (null, "joe@example.org"), ("John", "jdoe@one.test")],
        [11] = [],
        [13] = [("Mary Smith", "mary@example.net"), (null, "jdoe@test.example")],
        [14] = [("John Doe", "jdoe@machine.example")],
        [22] = [("Nathaniel Borenstein", "nsb@thumper.bellcore.com")],
        [56] = [("Name Doe", "a@b.com")],
    };

    /// <summary>
    /// Vectors that are not address lists (RFC 2369 List-* URL lists, 37-47), or whose reading
    /// needs Stalwart's own recovery: 9 escapes a line break inside a comment, which leaves a
    /// stray ')' once unfolded; 31 has an unbalanced quoted string.
    /// </summary>
    private static readonly HashSet<int> NotAddressLists = [9, 31, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47];

    public static TheoryData<int> Vectors
    {
        get
        {
            var data = new TheoryData<int>();
            for (var i = 0; i < Load().Count; i++)
            {
                if (!NotAddressLists.Contains(i))
                {
                    data.Add(i);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Address_vectors_parse(int index)
    {
        var (raw, expected) = Load()[index];
        expected = OurReading.GetValueOrDefault(index, expected);

        // Through the real parser as a To field, so folding and the field's end are exercised.
        var message = MimeMessage.Load(Encoding.UTF8.GetBytes("To:" + raw + "\n"));
        var parsed = AddressParser.Default.ParseList(message.Headers.Find("To")!);

        var mailboxes = parsed.SelectMany(a => a.Mailboxes()).Select(m => (m.DisplayName, m.Address)).ToArray();
        Assert.Equal(expected, mailboxes);
    }

    [Fact]
    public void Groups_keep_their_names_and_members()
    {
        var parsed = AddressParser.Default.ParseList("A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;, Undisclosed recipients:;");

        var group = Assert.IsType<GroupAddress>(parsed[0]);
        Assert.Equal("A Group", group.Name);
        Assert.Equal(3, group.Members.Count);
        Assert.Empty(Assert.IsType<GroupAddress>(parsed[1]).Members);
    }

    private static List<(string Raw, (string? Name, string Address)[] Expected)> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(SharedCorpus.PathOf("mime", "header-vectors", "stalwart_address.json")));
        return document.RootElement.EnumerateArray().Select(e =>
        {
            var expected = e.GetProperty("expected");
            var entries = expected.TryGetProperty("List", out var list)
                ? list.EnumerateArray()
                : expected.GetProperty("Group").EnumerateArray().SelectMany(g => g.GetProperty("addresses").EnumerateArray());
            var mailboxes = entries
                .Where(m => m.GetProperty("address").ValueKind == JsonValueKind.String)
                .Select(m => (m.GetProperty("name").GetString(), m.GetProperty("address").GetString()!))
                .ToArray();
            return (e.GetProperty("header").GetString()!, mailboxes);
        }).ToList();
    }
}
