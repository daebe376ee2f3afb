namespace TldOps.Mail.Dkim;

/// <summary>The verdict on one DKIM-Signature field.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="Reason">Why it did not pass (<see cref="DkimReason.None"/> when it did).</param>
/// <param name="Detail">A human-readable explanation.</param>
/// <param name="HeaderIndex">The position of the DKIM-Signature field among the message's fields.</param>
/// <param name="Signature">The parsed signature, or null when it could not be read.</param>
public sealed record DkimResult(DkimStatus Status, DkimReason Reason, string Detail, int HeaderIndex, DkimSignature? Signature)
{
    /// <summary>The signing domain (d=), or null when the signature could not be read.</summary>
    public string? Domain => Signature?.Domain;

    /// <summary>The selector (s=), or null.</summary>
    public string? Selector => Signature?.Selector;

    /// <summary>The key that was used, or null when none was reached.</summary>
    public DkimPublicKey? Key { get; init; }
}
