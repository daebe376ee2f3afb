namespace TldOps.Mail.Dkim;

/// <summary>Why a signature did not pass.</summary>
public enum DkimReason
{
    /// <summary>It passed.</summary>
    None,

    /// <summary>The DKIM-Signature tag list is not valid (RFC 6376 §3.2, §3.5).</summary>
    SignatureSyntax,

    /// <summary>A required tag is missing, or h= does not cover From (RFC 6376 §5.4).</summary>
    MissingTag,

    /// <summary>The a= or c= value is not one this verifier knows.</summary>
    UnknownAlgorithm,

    /// <summary>The i= identity is not in the d= domain (RFC 6376 §3.5).</summary>
    IdentityMismatch,

    /// <summary>The key record is not valid.</summary>
    KeyRecordSyntax,

    /// <summary>No key record was found.</summary>
    KeyNotFound,

    /// <summary>The key lookup failed temporarily.</summary>
    KeyTemporaryFailure,

    /// <summary>The key record has an empty p=: the key was revoked (RFC 6376 §3.6.1).</summary>
    KeyRevoked,

    /// <summary>The key type (k=) does not match the algorithm, or its h= or s= rule it out.</summary>
    KeyUnsuitable,

    /// <summary>The RSA key is shorter than allowed (RFC 8301 §3.2: at least 1024 bits).</summary>
    WeakKey,

    /// <summary>rsa-sha1, which RFC 8301 §3.1 forbids.</summary>
    WeakAlgorithm,

    /// <summary>The x= expiry is past (RFC 6376 §3.5).</summary>
    Expired,

    /// <summary>The t= timestamp is in the future beyond the allowed clock skew.</summary>
    FutureTimestamp,

    /// <summary>The key's t=s flag requires i= to be exactly d=.</summary>
    StrictIdentity,

    /// <summary>The body hash does not match: the body changed.</summary>
    BodyHashMismatch,

    /// <summary>The body is shorter than l= says (RFC 6376 §3.5).</summary>
    BodyTruncated,

    /// <summary>l= leaves part of the body unsigned, which the verifier options do not accept.</summary>
    PartialBody,

    /// <summary>The signature does not verify: signed header fields changed.</summary>
    SignatureMismatch,

    /// <summary>More signatures than <see cref="DkimVerifierOptions.MaxSignatures"/>: this one was not checked.</summary>
    TooManySignatures,
}
