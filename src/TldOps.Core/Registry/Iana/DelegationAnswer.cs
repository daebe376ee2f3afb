namespace TldOps.Core.Registry.Iana;

/// <summary>
/// What a source said about one TLD: its delegation, or that there is no such TLD (a retired
/// one such as YU: "Domain yu. not found.", or RDAP's 404).
/// </summary>
public sealed record DelegationAnswer
{
    private DelegationAnswer(string tld, Delegation? delegation)
    {
        Tld = tld;
        Delegation = delegation;
    }

    /// <summary>The TLD the answer is about: A-label, lower case.</summary>
    public string Tld { get; }

    /// <summary>The delegation; null when <see cref="IsNotFound"/>.</summary>
    public Delegation? Delegation { get; }

    /// <summary>True when the source said it has no such TLD.</summary>
    public bool IsNotFound => Delegation is null;

    /// <summary>An answer holding <paramref name="delegation"/>.</summary>
    public static DelegationAnswer Found(Delegation delegation)
    {
        ArgumentNullException.ThrowIfNull(delegation);
        return new DelegationAnswer(delegation.Tld, delegation);
    }

    /// <summary>The source has no such TLD (<paramref name="tld"/>: A-label, lower case).</summary>
    public static DelegationAnswer NotFound(string tld)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tld);
        return new DelegationAnswer(tld, null);
    }
}
