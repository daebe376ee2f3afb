using System.Globalization;
using System.Text;
using TldOps.Core.Membership.Keys;
using TldOps.Core.Membership.Texts;
using TldOps.Core.Registry;

namespace TldOps.Core.ContactDirectory;

/// <summary>
/// The contact repository as plain text that reads well offline and in an 80-column terminal:
/// headings in the reader's language, ccTLDs grouped by ICANN region, one block per person with
/// aligned labels, long values wrapped under their label.
/// </summary>
public static class ContactRepositoryText
{
    /// <summary>The widest line, in terminal columns.</summary>
    public const int Width = 80;

    private const int Indent = 4;

    /// <summary>Renders <paramref name="snapshot"/> in <paramref name="language"/> (lines end with "\n").</summary>
    public static string Render(ContactRepositorySnapshot snapshot, string language)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var texts = TextCatalog.Shipped;
        var text = new StringBuilder();
        var date = snapshot.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Heading(text, texts.Raw(language, "repo.title"), '=');
        text.Append('\n');
        Paragraph(text, texts.Format(language, "repo.intro", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cctlds"] = snapshot.CcTlds.Count.ToString(CultureInfo.InvariantCulture),
            ["people"] = snapshot.PeopleCount.ToString(CultureInfo.InvariantCulture),
            ["date"] = date,
        }), 0);
        var labels = new[] { "repo.role", "repo.email", "repo.office", "repo.mobile", "repo.key", "repo.verified" }
            .ToDictionary(k => k, k => texts.Raw(language, k), StringComparer.Ordinal);
        var labelWidth = labels.Values.Max(DisplayWidth.Of) + 2;
        foreach (var region in snapshot.CcTlds.GroupBy(t => t.Region).OrderBy(g => g.Key))
        {
            text.Append('\n');
            Heading(text, texts.Raw(language, "repo.region." + region.Key.ToCode()).ToUpper(CultureInfo.InvariantCulture), '=');
            foreach (var tld in region)
            {
                text.Append('\n');
                Heading(text, $"{tld.Display} {tld.Name(language)}", '-');
                foreach (var contact in tld.Contacts)
                {
                    text.Append('\n');
                    Person(text, contact, language, texts, labels, labelWidth);
                }
            }
        }

        text.Append('\n');
        Paragraph(text, texts.Raw(language, "repo.footer"), 0);
        return text.ToString();
    }

    private static void Person(StringBuilder text, RepositoryContact contact, string language, TextCatalog texts, Dictionary<string, string> labels, int labelWidth)
    {
        var flags = new List<string>();
        if (contact.Unverified)
        {
            flags.Add("[" + texts.Raw(language, "repo.flag.unverified") + "]");
        }

        if (contact.Bouncing)
        {
            flags.Add("[" + texts.Raw(language, "repo.flag.bouncing") + "]");
        }

        Paragraph(text, string.Join(' ', new[] { contact.Name }.Concat(flags)), 2);
        void Field(string key, string? value)
        {
            if (value is null)
            {
                return;
            }

            var lines = DisplayWidth.Wrap(value, Width - Indent - labelWidth);
            for (var i = 0; i < lines.Count; i++)
            {
                text.Append(' ', Indent)
                    .Append(DisplayWidth.PadRight(i == 0 ? labels[key] : string.Empty, labelWidth))
                    .Append(lines[i].TrimEnd())
                    .Append('\n');
            }
        }

        Field("repo.role", contact.Role);
        Field("repo.email", contact.Email);
        Field("repo.office", contact.OfficePhone);
        Field("repo.mobile", contact.MobilePhone);
        Field("repo.key", contact.KeyFingerprint is null ? null : OpenPgpKeyInfo.Group(contact.KeyFingerprint));
        Field("repo.verified", contact.VerifiedAt?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? texts.Raw(language, "repo.never"));
    }

    private static void Heading(StringBuilder text, string title, char underline)
    {
        var lines = DisplayWidth.Wrap(title, Width);
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        text.Append(underline, lines.Max(DisplayWidth.Of)).Append('\n');
    }

    private static void Paragraph(StringBuilder text, string paragraph, int indent)
    {
        foreach (var line in DisplayWidth.Wrap(paragraph, Width - indent))
        {
            text.Append(' ', indent).Append(line).Append('\n');
        }
    }
}
