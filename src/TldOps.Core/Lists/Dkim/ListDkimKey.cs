using System.Text;
using TldOps.Mail.Dkim;

namespace TldOps.Core.Lists.Dkim;

/// <summary>
/// The list's own DKIM key: generated at first start into DATA/dkim/SELECTOR.private.pem (mode
/// 0600), published by the operator as the TXT record <see cref="ZoneFileRecord"/> prints. Every
/// post and notice leaving the list is signed with it, so the copies verify even though the list
/// changed the author's subject and body. RSA 2048: every verifier accepts it (RFC 8301), while
/// Ed25519 (RFC 8463) is still ignored by some receivers.
/// </summary>
public sealed class ListDkimKey : IDisposable
{
    private ListDkimKey(DkimSigningKey key, string selector, string domain, string path, bool created)
    {
        Key = key;
        Selector = selector;
        Domain = domain;
        KeyPath = path;
        WasCreated = created;
    }

    public DkimSigningKey Key { get; }

    public string Selector { get; }

    public string Domain { get; }

    /// <summary>Where the private key lives.</summary>
    public string KeyPath { get; }

    /// <summary>True when this start generated the key (the operator must publish its record).</summary>
    public bool WasCreated { get; }

    /// <summary>The name the TXT record is published at: <c>SELECTOR._domainkey.DOMAIN</c>.</summary>
    public string DnsName => $"{Selector}._domainkey.{Domain}";

    /// <summary>The record's text: <c>v=DKIM1; k=rsa; p=…</c>.</summary>
    public string TxtRecord => Key.ToDnsRecord();

    /// <summary>
    /// The record as a zone-file line, its text cut into strings of at most 255 octets (RFC 1035
    /// §3.3.14: one character-string holds at most 255; DKIM joins them, RFC 6376 §3.6.2.2).
    /// </summary>
    public string ZoneFileRecord
    {
        get
        {
            var text = TxtRecord;
            var parts = Enumerable.Range(0, (text.Length + 254) / 255).Select(i => text.Substring(i * 255, Math.Min(255, text.Length - (i * 255))));
            return $"{DnsName}. IN TXT ( {string.Join(' ', parts.Select(p => $"\"{p}\""))} )";
        }
    }

    /// <summary>Loads the key for <paramref name="selector"/> from <paramref name="directory"/>, generating it the first time.</summary>
    public static ListDkimKey LoadOrCreate(string directory, string selector, string domain)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{selector}.private.pem");
        if (File.Exists(path))
        {
            return new ListDkimKey(DkimSigningKey.FromPem(File.ReadAllText(path, Encoding.ASCII)), selector, domain, path, created: false);
        }

        var key = DkimSigningKey.GenerateRsa(2048);
        var temporary = Path.Combine(directory, $".{selector}.{Guid.NewGuid():N}.tmp");
        try
        {
            var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                // Only the server's user may read the private key.
                fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, fileOptions))
            using (var writer = new StreamWriter(stream, Encoding.ASCII))
            {
                writer.Write(key.ToPem());
            }

            // Another process (a second node, `dkim show` at the same moment) may have won: keep its key.
            File.Move(temporary, path, overwrite: false);
            return new ListDkimKey(key, selector, domain, path, created: true);
        }
        catch (IOException) when (File.Exists(path))
        {
            key.Dispose();
            File.Delete(temporary);
            return new ListDkimKey(DkimSigningKey.FromPem(File.ReadAllText(path, Encoding.ASCII)), selector, domain, path, created: false);
        }
    }

    /// <summary>A signer for the list's domain.</summary>
    public DkimSigner CreateSigner(TimeProvider clock) => new(Key, Domain, Selector, DkimSignerOptions.Default, clock);

    /// <summary>A key table holding the public record, for verifying our own signatures without DNS.</summary>
    public DkimKeyTable ToKeyTable()
    {
        var table = new DkimKeyTable();
        table.Add(Domain, Selector, TxtRecord);
        return table;
    }

    public void Dispose() => Key.Dispose();
}
