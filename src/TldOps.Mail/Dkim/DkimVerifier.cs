using System.Text;
using TldOps.Mail.Mime;

namespace TldOps.Mail.Dkim;

/// <summary>
/// Verifies the DKIM signatures of a message (RFC 6376 §6, RFC 8463, RFC 8301). Every
/// DKIM-Signature field gets a <see cref="DkimResult"/>; "malformed" (the field or key
/// record cannot be read), "fail" (it does not verify) and "not trusted" (it is valid but
/// unacceptable: weak key, SHA-1, expired, revoked, partial body) are different outcomes.
/// Verification never throws for what a message or a DNS record contains.
/// </summary>
public sealed class DkimVerifier
{
    private readonly IDkimKeyLocator _keys;
    private readonly DkimVerifierOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a verifier.</summary>
    /// <param name="keys">Where keys come from (DNS in production).</param>
    /// <param name="options">What is accepted; <see cref="DkimVerifierOptions.Default"/> when null.</param>
    /// <param name="timeProvider">The clock for t= and x=; the system clock when null.</param>
    public DkimVerifier(IDkimKeyLocator keys, DkimVerifierOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys;
        _options = options ?? DkimVerifierOptions.Default;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Verifies every DKIM-Signature field of the message, top to bottom.</summary>
    /// <param name="message">The message as received (changes made to it count as changes).</param>
    /// <param name="cancellationToken">Stops key lookups.</param>
    /// <returns>One result per DKIM-Signature field; empty when there is none.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public async Task<IReadOnlyList<DkimResult>> VerifyAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var fields = message.Headers.Fields().ToList();
        var signatureFields = fields.Select((h, i) => (Header: h, Index: i))
            .Where(f => string.Equals(f.Header.Name, "DKIM-Signature", StringComparison.OrdinalIgnoreCase))
            .ToList();
        var results = new List<DkimResult>(signatureFields.Count);
        if (signatureFields.Count == 0)
        {
            return results;
        }

        var body = BodyBytes(message);
        var bodyHashes = new Dictionary<(DkimCanonicalization, long?), (byte[], long)>();
        foreach (var (header, index) in signatureFields)
        {
            if (results.Count >= _options.MaxSignatures)
            {
                results.Add(new DkimResult(DkimStatus.NotTrusted, DkimReason.TooManySignatures, $"Only the first {_options.MaxSignatures} signatures are checked", index, null));
                continue;
            }

            results.Add(await VerifyOneAsync(fields, header, index, body, bodyHashes, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private async Task<DkimResult> VerifyOneAsync(
        List<Header> fields,
        Header header,
        int index,
        byte[] body,
        Dictionary<(DkimCanonicalization, long?), (byte[], long)> bodyHashes,
        CancellationToken cancellationToken)
    {
        DkimSignature signature;
        try
        {
            signature = DkimSignature.Parse(Encoding.Latin1.GetString(header.RawValue.Span));
        }
        catch (DkimFormatException exception)
        {
            return new DkimResult(DkimStatus.Malformed, exception.Reason, exception.Message, index, null);
        }

        DkimResult Result(DkimStatus status, DkimReason reason, string detail, DkimPublicKey? key = null) =>
            new(status, reason, detail, index, signature) { Key = key };

        var early = CheckSignature(signature, Result);
        if (early is not null)
        {
            return early;
        }

        var (key, keyFailure) = await LocateKeyAsync(signature, Result, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            return keyFailure!;
        }

        var unsuitable = CheckKey(signature, key, Result);
        if (unsuitable is not null)
        {
            return unsuitable;
        }

        var canonical = (signature.BodyCanonicalization, signature.BodyLength);
        if (!bodyHashes.TryGetValue(canonical, out var bodyHash))
        {
            bodyHash = DkimCanonicalizer.BodyHash(signature.BodyCanonicalization, body, signature.BodyLength);
            bodyHashes[canonical] = bodyHash;
        }

        var (hash, length) = bodyHash;
        if (signature.BodyLength is { } limit && limit > length)
        {
            return Result(DkimStatus.Fail, DkimReason.BodyTruncated, $"l={limit} but the canonical body has {length} bytes", key);
        }

        if (!hash.AsSpan().SequenceEqual(signature.BodyHash.Span))
        {
            return Result(DkimStatus.Fail, DkimReason.BodyHashMismatch, "The body hash does not match: the body was changed", key);
        }

        var data = DkimSigner.SignedData(fields, header.RawField, signature.SignedHeaders, signature.HeaderCanonicalization);
        if (!key.Verify(signature.Algorithm, data, signature.SignatureData.Span))
        {
            return Result(DkimStatus.Fail, DkimReason.SignatureMismatch, "The signature does not verify: a signed field was changed", key);
        }

        if (signature.BodyLength is { } signed && signed < length && !_options.AllowBodyLengthLimit)
        {
            return Result(DkimStatus.NotTrusted, DkimReason.PartialBody, $"Only {signed} of {length} body bytes are signed (l=)", key);
        }

        return Result(DkimStatus.Pass, DkimReason.None, key.IsTesting ? "Valid (the domain is testing DKIM, t=y)" : "Valid", key);
    }

    private async Task<(DkimPublicKey? Key, DkimResult? Failure)> LocateKeyAsync(
        DkimSignature signature,
        Func<DkimStatus, DkimReason, string, DkimPublicKey?, DkimResult> result,
        CancellationToken cancellationToken)
    {
        var lookup = await _keys.LocateAsync(signature.Domain, signature.Selector, cancellationToken).ConfigureAwait(false);
        if (lookup.Status == DkimKeyLookupStatus.TempError)
        {
            return (null, result(DkimStatus.TempError, DkimReason.KeyTemporaryFailure, lookup.Detail ?? "The key lookup failed", null));
        }

        if (lookup.Status == DkimKeyLookupStatus.NotFound || lookup.Records.Count == 0)
        {
            return (null, result(DkimStatus.KeyNotFound, DkimReason.KeyNotFound, $"No key record at {signature.Selector}._domainkey.{signature.Domain}", null));
        }

        try
        {
            return (ParseFirst(lookup.Records), null);
        }
        catch (DkimFormatException exception)
        {
            return (null, result(DkimStatus.Malformed, DkimReason.KeyRecordSyntax, "Key record: " + exception.Message, null));
        }
    }

    private DkimResult? CheckSignature(DkimSignature signature, Func<DkimStatus, DkimReason, string, DkimPublicKey?, DkimResult> result)
    {
        var identityDomain = signature.Identity[(signature.Identity.LastIndexOf('@') + 1)..];
        if (!IsSameOrSubdomain(identityDomain, signature.Domain))
        {
            return result(DkimStatus.Malformed, DkimReason.IdentityMismatch, $"i={signature.Identity} is not in d={signature.Domain}", null);
        }

        if (signature.Timestamp is { } t && signature.Expiration is { } x && x < t)
        {
            return result(DkimStatus.Malformed, DkimReason.SignatureSyntax, "x= is before t=", null);
        }

        if (signature.Algorithm == DkimAlgorithm.RsaSha1 && !_options.AllowSha1)
        {
            return result(DkimStatus.NotTrusted, DkimReason.WeakAlgorithm, "rsa-sha1 is not accepted (RFC 8301 §3.1)", null);
        }

        var now = _timeProvider.GetUtcNow();
        if (signature.Expiration is { } expiry && expiry < now)
        {
            return result(DkimStatus.NotTrusted, DkimReason.Expired, $"The signature expired at {expiry:u}", null);
        }

        if (signature.Timestamp is { } stamp && stamp > now + _options.ClockSkew)
        {
            return result(DkimStatus.NotTrusted, DkimReason.FutureTimestamp, $"The signature is dated in the future ({stamp:u})", null);
        }

        return null;
    }

    private DkimResult? CheckKey(DkimSignature signature, DkimPublicKey key, Func<DkimStatus, DkimReason, string, DkimPublicKey?, DkimResult> result)
    {
        if (key.IsRevoked)
        {
            return result(DkimStatus.NotTrusted, DkimReason.KeyRevoked, "The key was revoked (empty p=)", key);
        }

        var expectedType = signature.Algorithm == DkimAlgorithm.Ed25519Sha256 ? "ed25519" : "rsa";
        var hashName = signature.Algorithm == DkimAlgorithm.RsaSha1 ? "sha1" : "sha256";
        if (key.KeyType != expectedType
            || (key.HashAlgorithms is { } hashes && !hashes.Contains(hashName))
            || !key.ServiceTypes.Any(s => s is "*" or "email"))
        {
            return result(DkimStatus.NotTrusted, DkimReason.KeyUnsuitable, $"The key (k={key.KeyType}) cannot be used for {DkimSignature.AlgorithmName(signature.Algorithm)} email signatures", key);
        }

        if (key.KeyType == "rsa" && key.KeySize < _options.MinimumRsaKeySize)
        {
            return result(DkimStatus.NotTrusted, DkimReason.WeakKey, $"The RSA key has {key.KeySize} bits, fewer than {_options.MinimumRsaKeySize}", key);
        }

        var identityDomain = signature.Identity[(signature.Identity.LastIndexOf('@') + 1)..];
        if (key.IsStrict && !string.Equals(identityDomain, signature.Domain, StringComparison.OrdinalIgnoreCase))
        {
            return result(DkimStatus.NotTrusted, DkimReason.StrictIdentity, "The key's t=s requires i= to be in d= itself", key);
        }

        return null;
    }

    private static DkimPublicKey ParseFirst(IReadOnlyList<string> records)
    {
        // RFC 6376 §3.6.2.2: with several records the verifier may pick one; the first that
        // reads is taken, and the first error is reported when none does.
        DkimFormatException? first = null;
        foreach (var record in records)
        {
            try
            {
                return DkimPublicKey.Parse(record);
            }
            catch (DkimFormatException exception)
            {
                first ??= exception;
            }
        }

        throw first!;
    }

    internal static byte[] BodyBytes(MimeMessage message)
    {
        var writer = new SegmentWriter();
        message.Body.WriteBody(writer);
        return writer.ToArray();
    }

    private static bool IsSameOrSubdomain(string domain, string parent) =>
        string.Equals(domain.TrimEnd('.'), parent.TrimEnd('.'), StringComparison.OrdinalIgnoreCase)
        || domain.TrimEnd('.').EndsWith("." + parent.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);
}
