using System.Globalization;
using CsvHelper;
using TldOps.Core.Registry;

namespace TldOps.Core.ContactDirectory;

/// <summary>
/// The contact repository as CSV (RFC 4180, UTF-8, CRLF, a header line), one row per person,
/// written with CsvHelper. Phone numbers are E.164 text ("+33…"); dates are yyyy-MM-dd.
/// </summary>
public static class ContactRepositoryCsv
{
    /// <summary>The header, in column order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["region", "cctld", "cctld_unicode", "country", "name", "role", "email", "office_phone", "mobile_phone", "key_fingerprint", "verified", "unverified", "bouncing"];

    /// <summary>Writes <paramref name="snapshot"/> as CSV bytes.</summary>
    public static byte[] Write(ContactRepositorySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions { Injection = CsvInjection.None }, leaveOpen: true))
        {
            csv.WriteHeader(Columns.ToArray());
            foreach (var tld in snapshot.CcTlds)
            {
                foreach (var c in tld.Contacts)
                {
                    csv.WriteRecord(
                    [
                        tld.Region.ToCode(), tld.Code, tld.Display, tld.Name(Common.Language.English), c.Name, c.Role ?? string.Empty, c.Email,
                        c.OfficePhone ?? string.Empty, c.MobilePhone ?? string.Empty, c.KeyFingerprint ?? string.Empty,
                        c.VerifiedAt?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
                        c.Unverified ? "yes" : "no", c.Bouncing ? "yes" : "no",
                    ]);
                }
            }
        }

        return buffer.ToArray();
    }
}
