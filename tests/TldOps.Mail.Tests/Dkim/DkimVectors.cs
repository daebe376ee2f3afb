using System.Text;
using TldOps.Mail.Dkim;
using TldOps.Testing;

namespace TldOps.Mail.Tests.Dkim;

/// <summary>Loads the DKIM vectors of ../shared/corpora/crypto/dkim.</summary>
internal static class DkimVectors
{
    public static string PathOf(params string[] parts) => SharedCorpus.PathOf(["crypto", "dkim", .. parts]);

    /// <summary>A mail-auth style file: DNS records ("name record" lines), a blank line, then the message.</summary>
    public static (DkimKeyTable Keys, byte[] Message) LoadWithRecords(params string[] parts)
    {
        var bytes = File.ReadAllBytes(PathOf(parts));
        var blank = bytes.AsSpan().IndexOf("\n\n"u8);
        var records = Encoding.ASCII.GetString(bytes, 0, blank);
        return (TableOf(records), bytes[(blank + 2)..]);
    }

    /// <summary>A table from "selector._domainkey.domain record" lines.</summary>
    public static DkimKeyTable TableOf(string lines)
    {
        var table = new DkimKeyTable();
        foreach (var line in lines.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var name = line[..space].TrimEnd('.');
            var marker = name.IndexOf("._domainkey.", StringComparison.Ordinal);
            table.Add(name[(marker + "._domainkey.".Length)..], name[..marker], line[(space + 1)..]);
        }

        return table;
    }

    /// <summary>A DKIM record from a PEM public key file.</summary>
    public static string RecordFromPem(string pemPath)
    {
        var pem = File.ReadAllText(pemPath);
        var base64 = string.Concat(pem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)).Select(l => l.Trim()));
        return "v=DKIM1; k=rsa; p=" + base64;
    }
}
