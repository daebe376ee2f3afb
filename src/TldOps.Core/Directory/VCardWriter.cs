using System.Globalization;
using System.Text;
using TldOps.Core.Membership.Keys;

namespace TldOps.Core.ContactDirectory;

/// <summary>
/// Writes the contact repository as vCard 4.0 (RFC 6350): one card per person with FN, ORG (the
/// ccTLD), TITLE, EMAIL, TEL as tel: URIs, a NOTE with the key fingerprint, last verification and
/// flags, and CATEGORIES. Text values are escaped (§3.4: backslash, comma, semicolon, newline),
/// lines end with CRLF and are folded at 75 octets without splitting a UTF-8 sequence (§3.2).
/// </summary>
public static class VCardWriter
{
    // RFC 6350 §3.2: lines SHOULD NOT be longer than 75 octets, excluding the line break.
    private const int MaxLineOctets = 75;

    /// <summary>Writes every contact of <paramref name="snapshot"/> as UTF-8 bytes.</summary>
    public static byte[] Write(ContactRepositorySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var text = new StringBuilder();
        foreach (var tld in snapshot.CcTlds)
        {
            foreach (var contact in tld.Contacts)
            {
                WriteCard(text, tld, contact);
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Escapes a TEXT value (RFC 6350 §3.4).</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal)
            .Replace(";", "\\;", StringComparison.Ordinal)
            .ReplaceLineEndings("\\n");
    }

    /// <summary>Folds one content line into CRLF-terminated physical lines of at most 75 octets.</summary>
    public static string Fold(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var folded = new StringBuilder();
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > MaxLineOctets)
            {
                // The continuation starts with a space, which counts towards its 75 octets.
                folded.Append("\r\n ");
                octets = 1;
            }

            folded.Append(rune.ToString());
            octets += size;
        }

        return folded.Append("\r\n").ToString();
    }

    private static void WriteCard(StringBuilder text, RepositoryCcTld tld, RepositoryContact contact)
    {
        void Line(string line) => text.Append(Fold(line));
        Line("BEGIN:VCARD");
        Line("VERSION:4.0");
        Line("KIND:individual");
        Line("UID:urn:tld-ops:member:" + contact.PublicId);
        Line("FN:" + Escape(contact.Name));
        Line("ORG:" + Escape($"{tld.Display} ({tld.Name(Common.Language.English)})"));
        if (contact.Role is not null)
        {
            Line("TITLE:" + Escape(contact.Role));
        }

        Line("EMAIL;TYPE=work:" + Escape(contact.Email));
        if (contact.OfficePhone is not null)
        {
            Line("TEL;VALUE=uri;TYPE=\"work,voice\":tel:" + contact.OfficePhone);
        }

        if (contact.MobilePhone is not null)
        {
            Line("TEL;VALUE=uri;TYPE=\"cell,voice,text\":tel:" + contact.MobilePhone);
        }

        var note = new List<string>();
        if (contact.KeyFingerprint is not null)
        {
            note.Add("OpenPGP " + OpenPgpKeyInfo.Group(contact.KeyFingerprint));
        }

        note.Add("verified " + (contact.VerifiedAt?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "never"));
        if (contact.Unverified)
        {
            note.Add("UNVERIFIED");
        }

        if (contact.Bouncing)
        {
            note.Add("BOUNCING");
        }

        Line("NOTE:" + Escape(string.Join("; ", note)));
        Line("CATEGORIES:TLD-OPS," + Escape(tld.Display));
        Line("END:VCARD");
    }
}
