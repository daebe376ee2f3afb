using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace TldOps.Mail.Dkim;

/// <summary>A parsed DKIM-Signature field value (RFC 6376 §3.5). Immutable.</summary>
public sealed class DkimSignature
{
    /// <summary>The largest number of copied fields read from z= (diagnostics only).</summary>
    private const int MaxCopiedHeaders = 256;

    private DkimSignature()
    {
    }

    /// <summary>The algorithm.</summary>
    public DkimAlgorithm Algorithm { get; private init; }

    /// <summary>How header fields were canonicalized.</summary>
    public DkimCanonicalization HeaderCanonicalization { get; private init; }

    /// <summary>How the body was canonicalized.</summary>
    public DkimCanonicalization BodyCanonicalization { get; private init; }

    /// <summary>The signing domain (d=).</summary>
    public string Domain { get; private init; } = string.Empty;

    /// <summary>The selector (s=).</summary>
    public string Selector { get; private init; } = string.Empty;

    /// <summary>The signed field names, in order (h=); a name may repeat (RFC 6376 §5.4.2).</summary>
    public IReadOnlyList<string> SignedHeaders { get; private init; } = [];

    /// <summary>The body hash (bh=).</summary>
    public ReadOnlyMemory<byte> BodyHash { get; private init; }

    /// <summary>The signature (b=).</summary>
    public ReadOnlyMemory<byte> SignatureData { get; private init; }

    /// <summary>The agent or user identifier (i=); "@" + d= by default.</summary>
    public string Identity { get; private init; } = string.Empty;

    /// <summary>The number of body bytes signed (l=), or null for all. Dangerous: see <see cref="DkimVerifierOptions.AllowBodyLengthLimit"/>.</summary>
    public long? BodyLength { get; private init; }

    /// <summary>When the signature was made (t=), or null.</summary>
    public DateTimeOffset? Timestamp { get; private init; }

    /// <summary>When the signature expires (x=), or null.</summary>
    public DateTimeOffset? Expiration { get; private init; }

    /// <summary>
    /// The copied header fields of z= (RFC 6376 §3.5), decoded, at most 256. They are for
    /// diagnosis only and never take part in verification.
    /// </summary>
    public IReadOnlyList<(string Name, string Value)> CopiedHeaders { get; private init; } = [];

    /// <summary>Parses a DKIM-Signature value (folded or not).</summary>
    /// <param name="value">The field value.</param>
    /// <returns>The signature.</returns>
    /// <exception cref="DkimFormatException">
    /// The tag list is invalid, a required tag (v, a, b, bh, d, h, s) is missing, h= lacks
    /// From, or a value is invalid; <see cref="DkimFormatException.Reason"/> says which.
    /// </exception>
    public static DkimSignature Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var tags = DkimTagList.Parse(value);
        string Required(string name) =>
            tags[name] is { Length: > 0 } found ? found : throw new DkimFormatException($"The required tag {name}= is missing", value.Length, DkimReason.MissingTag);

        if (Required("v") != "1")
        {
            throw new DkimFormatException("Only version 1 is defined (v=1)", tags.OffsetOf("v") ?? 0);
        }

        var (header, body) = ParseCanonicalization(tags["c"], tags.OffsetOf("c") ?? 0);
        var domain = Required("d");
        var signedHeaders = Required("h").Split(':').Select(n => n.Trim(' ', '\t', '\r', '\n')).ToList();
        if (signedHeaders.Any(n => n.Length == 0))
        {
            throw new DkimFormatException("An empty field name in h=", tags.OffsetOf("h") ?? 0);
        }

        if (!signedHeaders.Contains("from", StringComparer.OrdinalIgnoreCase))
        {
            // RFC 6376 §5.4: the From field MUST be signed.
            throw new DkimFormatException("h= does not include From", tags.OffsetOf("h") ?? 0, DkimReason.MissingTag);
        }

        return new DkimSignature
        {
            Algorithm = ParseAlgorithm(Required("a"), tags.OffsetOf("a") ?? 0),
            HeaderCanonicalization = header,
            BodyCanonicalization = body,
            Domain = domain,
            Selector = Required("s"),
            SignedHeaders = signedHeaders,
            BodyHash = Base64(Required("bh"), tags.OffsetOf("bh") ?? 0),
            SignatureData = Base64(Required("b"), tags.OffsetOf("b") ?? 0),
            Identity = DecodeQuotedPrintable(tags["i"] ?? "@" + domain),
            BodyLength = Number(tags["l"], tags.OffsetOf("l") ?? 0),
            Timestamp = Time(tags["t"], tags.OffsetOf("t") ?? 0),
            Expiration = Time(tags["x"], tags.OffsetOf("x") ?? 0),
            CopiedHeaders = CopiedFields(tags["z"]),
        };
    }

    /// <summary>Tries to parse a DKIM-Signature value.</summary>
    /// <param name="value">The field value.</param>
    /// <param name="signature">The signature, or null.</param>
    /// <returns>Whether it could be read.</returns>
    public static bool TryParse(string value, [NotNullWhen(true)] out DkimSignature? signature)
    {
        try
        {
            signature = Parse(value);
            return true;
        }
        catch (DkimFormatException)
        {
            signature = null;
            return false;
        }
    }

    internal static DkimAlgorithm ParseAlgorithm(string value, int offset) => value.ToLowerInvariant() switch
    {
        "rsa-sha256" => DkimAlgorithm.RsaSha256,
        "ed25519-sha256" => DkimAlgorithm.Ed25519Sha256,
        "rsa-sha1" => DkimAlgorithm.RsaSha1,
        _ => throw new DkimFormatException($"Unknown algorithm '{value}'", offset, DkimReason.UnknownAlgorithm),
    };

    internal static string AlgorithmName(DkimAlgorithm algorithm) => algorithm switch
    {
        DkimAlgorithm.RsaSha256 => "rsa-sha256",
        DkimAlgorithm.Ed25519Sha256 => "ed25519-sha256",
        _ => "rsa-sha1",
    };

    internal static byte[] Base64(string value, int offset)
    {
        var compact = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (!char.IsWhiteSpace(c))
            {
                compact.Append(c);
            }
        }

        try
        {
            return Convert.FromBase64String(compact.ToString());
        }
        catch (FormatException)
        {
            throw new DkimFormatException("Invalid base64", offset);
        }
    }

    private static (DkimCanonicalization Header, DkimCanonicalization Body) ParseCanonicalization(string? value, int offset)
    {
        // RFC 6376 §3.5: c= defaults to simple/simple, and a missing body part to simple.
        if (string.IsNullOrEmpty(value))
        {
            return (DkimCanonicalization.Simple, DkimCanonicalization.Simple);
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var header = Canonicalization(slash < 0 ? value : value[..slash], offset);
        var body = slash < 0 ? DkimCanonicalization.Simple : Canonicalization(value[(slash + 1)..], offset);
        return (header, body);
    }

    private static DkimCanonicalization Canonicalization(string name, int offset) => name.Trim().ToLowerInvariant() switch
    {
        "simple" => DkimCanonicalization.Simple,
        "relaxed" => DkimCanonicalization.Relaxed,
        _ => throw new DkimFormatException($"Unknown canonicalization '{name}'", offset, DkimReason.UnknownAlgorithm),
    };

    private static long? Number(string? value, int offset)
    {
        if (value is null)
        {
            return null;
        }

        // RFC 6376 §3.5: at most 76 digits; more than a long holds is not a real value.
        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new DkimFormatException($"Invalid number '{value}'", offset);
    }

    private static DateTimeOffset? Time(string? value, int offset)
    {
        var seconds = Number(value, offset);
        if (seconds is null)
        {
            return null;
        }

        // Beyond year 9999 a timestamp is meaningless; clamp so comparisons still work.
        return seconds.Value > 253_402_300_799 ? DateTimeOffset.MaxValue : DateTimeOffset.FromUnixTimeSeconds(seconds.Value);
    }

    private static List<(string, string)> CopiedFields(string? value)
    {
        var result = new List<(string, string)>();
        if (string.IsNullOrEmpty(value))
        {
            return result;
        }

        foreach (var copy in value.Split('|').Take(MaxCopiedHeaders))
        {
            var colon = copy.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                result.Add((copy[..colon].Trim(), DecodeQuotedPrintable(copy[(colon + 1)..])));
            }
        }

        return result;
    }

    /// <summary>DKIM-Quoted-Printable (RFC 6376 §2.11): =XX escapes, whitespace ignored.</summary>
    private static string DecodeQuotedPrintable(string value)
    {
        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            if (c == '=' && i + 2 < value.Length && char.IsAsciiHexDigit(value[i + 1]) && char.IsAsciiHexDigit(value[i + 2]))
            {
                bytes.Add(byte.Parse(value.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        return Encodings.CharsetRegistry.DecodeUndeclared([.. bytes]);
    }
}
