namespace TldOps.Core.Membership.Keys;

/// <summary>A member's OpenPGP public key as checked on the way in.</summary>
/// <param name="Armoured">The key as given, ASCII-armoured, trimmed.</param>
/// <param name="Fingerprint">The primary key's fingerprint, upper-case hex without spaces (40 digits for v4 keys).</param>
/// <param name="UserIds">The user ids the key carries ("Name &lt;address&gt;").</param>
/// <param name="ExpiresAt">When the primary key expires, or null when it does not.</param>
public sealed record OpenPgpKeyInfo(string Armoured, string Fingerprint, IReadOnlyList<string> UserIds, DateTimeOffset? ExpiresAt)
{
    /// <summary>The fingerprint in groups of four, as people read it aloud: "ABCD 1234 …".</summary>
    public string GroupedFingerprint => Group(Fingerprint);

    /// <summary>Groups a hex fingerprint by four.</summary>
    public static string Group(string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        return string.Join(' ', fingerprint.Chunk(4).Select(c => new string(c)));
    }
}
