using System.Globalization;

namespace TldOps.Core.Registry.Iana;

/// <summary>
/// A DS record of the delegation (RFC 4034 §5): key tag, DNSSEC algorithm number, digest type and
/// the digest in lower-case hexadecimal.
/// </summary>
public sealed record DsRecord(ushort KeyTag, byte Algorithm, byte DigestType, string Digest)
{
    /// <summary>The presentation form IANA's whois uses: "26755 8 2 f341…".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{KeyTag} {Algorithm} {DigestType} {Digest}");
}
