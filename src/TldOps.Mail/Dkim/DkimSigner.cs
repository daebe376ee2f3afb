using System.Globalization;
using System.Text;
using TldOps.Mail.Mime;

namespace TldOps.Mail.Dkim;

/// <summary>
/// Signs messages with DKIM (RFC 6376, RFC 8463). <see cref="Sign"/> returns the
/// DKIM-Signature field to prepend; the message is not changed. The signature covers only
/// the header fields and the body, never the SMTP envelope, so one signature serves every
/// recipient's copy of a list post.
/// </summary>
public sealed class DkimSigner
{
    private readonly DkimSigningKey _key;
    private readonly string _domain;
    private readonly string _selector;
    private readonly DkimSignerOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a signer.</summary>
    /// <param name="key">The private key (RSA for rsa-sha256, Ed25519 for ed25519-sha256).</param>
    /// <param name="domain">The signing domain (d=), in A-labels for IDNs.</param>
    /// <param name="selector">The selector (s=).</param>
    /// <param name="options">How to sign; <see cref="DkimSignerOptions.Default"/> when null.</param>
    /// <param name="timeProvider">The clock for t= and x=; the system clock when null.</param>
    public DkimSigner(DkimSigningKey key, string domain, string selector, DkimSignerOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        ArgumentException.ThrowIfNullOrWhiteSpace(selector);
        _key = key;
        _domain = domain;
        _selector = selector;
        _options = options ?? DkimSignerOptions.Default;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Signs a message as it is now (sign last: any later change to a signed field or the body breaks the signature).</summary>
    /// <param name="message">The message.</param>
    /// <returns>The DKIM-Signature field, in the message's line ending, to put at the top.</returns>
    /// <exception cref="InvalidOperationException">The message has no From field (RFC 6376 §5.4 requires signing it).</exception>
    public Header Sign(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var fields = message.Headers.Fields().ToList();
        if (!fields.Exists(h => string.Equals(h.Name, "From", StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException("A message without a From field cannot be DKIM-signed (RFC 6376 §5.4).");
        }

        var (bodyHash, _) = DkimCanonicalizer.BodyHash(_options.BodyCanonicalization, DkimVerifier.BodyBytes(message), null);
        var names = SignedNames(fields);
        var format = message.Headers.FormatOptions;
        var unsigned = Encoding.ASCII.GetString(HeaderFolder.FoldTokens("DKIM-Signature", Tags(names, bodyHash), format));
        var data = SignedData(fields, Encoding.ASCII.GetBytes(unsigned), names, _options.HeaderCanonicalization);
        var signature = Convert.ToBase64String(_key.Sign(data));
        return Header.Parse(Encoding.ASCII.GetBytes(AppendValue(unsigned, signature, format)));
    }

    /// <summary>
    /// The data that is signed: the selected fields (each name takes the next instance from the
    /// bottom, RFC 6376 §5.4.2; a missing one contributes nothing), canonicalized, then the
    /// DKIM-Signature field itself with its b= value emptied and no final CRLF (§3.7).
    /// </summary>
    internal static byte[] SignedData(IReadOnlyList<Header> fields, ReadOnlyMemory<byte> signatureField, IReadOnlyList<string> names, DkimCanonicalization canonicalization)
    {
        var remaining = new Dictionary<string, Stack<Header>>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in fields)
        {
            if (!remaining.TryGetValue(field.Name, out var instances))
            {
                instances = new Stack<Header>();
                remaining.Add(field.Name, instances);
            }

            instances.Push(field);
        }

        var output = new List<byte>();
        foreach (var name in names)
        {
            if (remaining.TryGetValue(name, out var instances) && instances.Count > 0)
            {
                output.AddRange(DkimCanonicalizer.Header(canonicalization, instances.Pop().RawField.Span));
            }
        }

        var own = DkimCanonicalizer.Header(canonicalization, WithoutSignatureValue(signatureField.Span));
        output.AddRange(own.AsSpan(0, own.Length - 2));
        return [.. output];
    }

    private static byte[] WithoutSignatureValue(ReadOnlySpan<byte> rawField)
    {
        var text = Encoding.Latin1.GetString(rawField);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var value = text[(colon + 1)..];
        var range = DkimTagList.Parse(value).RangeOf("b")
            ?? throw new DkimFormatException("No b= tag", value.Length, DkimReason.MissingTag);

        // RFC 6376 §3.7: the value "including all surrounding whitespace" is deleted.
        return Encoding.Latin1.GetBytes(text[..(colon + 1)] + value[..range.Start] + value[range.End..]);
    }

    private List<string> SignedNames(List<Header> fields)
    {
        var names = new List<string>();
        var wanted = _options.SignedHeaders.Contains("From", StringComparer.OrdinalIgnoreCase)
            ? _options.SignedHeaders
            : ["From", .. _options.SignedHeaders];
        foreach (var name in wanted.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var count = fields.Count(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));
            if (_options.OversignedHeaders.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                count++;
            }

            for (var i = 0; i < count; i++)
            {
                names.Add(name);
            }
        }

        return names;
    }

    private List<string> Tags(List<string> names, byte[] bodyHash)
    {
        var canonicalization = $"{Name(_options.HeaderCanonicalization)}/{Name(_options.BodyCanonicalization)}";
        var tags = new List<string>
        {
            "v=1;",
            $" a={DkimSignature.AlgorithmName(_key.Algorithm)};",
            $" c={canonicalization};",
            $" d={_domain};",
            $" s={_selector};",
        };
        var now = _timeProvider.GetUtcNow();
        if (_options.IncludeTimestamp)
        {
            tags.Add(string.Create(CultureInfo.InvariantCulture, $" t={now.ToUnixTimeSeconds()};"));
        }

        if (_options.Lifetime is { } lifetime)
        {
            tags.Add(string.Create(CultureInfo.InvariantCulture, $" x={(now + lifetime).ToUnixTimeSeconds()};"));
        }

        // h= may fold before a name (RFC 6376 §3.5: FWS around ':').
        for (var i = 0; i < names.Count; i++)
        {
            var separator = i == names.Count - 1 ? ";" : ":";
            tags.Add((i == 0 ? " h=" : " ") + names[i] + separator);
        }

        tags.Add($" bh={Convert.ToBase64String(bodyHash)};");
        tags.Add(" b=");
        return tags;
    }

    /// <summary>Puts the signature after "b=", folding inside the value so nothing before it moves.</summary>
    private static string AppendValue(string unsigned, string signature, FormatOptions format)
    {
        var builder = new StringBuilder(unsigned[..^format.NewLine.Length]);
        var lineStart = builder.ToString().LastIndexOf('\n') + 1;
        var column = builder.Length - lineStart;
        var position = 0;
        while (position < signature.Length)
        {
            var room = Math.Max(8, format.MaxLineLength - column);
            var chunk = Math.Min(room, signature.Length - position);
            builder.Append(signature, position, chunk);
            position += chunk;
            if (position < signature.Length)
            {
                builder.Append(format.NewLine).Append(' ');
                column = 1;
            }
        }

        return builder.Append(format.NewLine).ToString();
    }

    private static string Name(DkimCanonicalization canonicalization) =>
        canonicalization == DkimCanonicalization.Simple ? "simple" : "relaxed";
}
