namespace TldOps.Core.Registry.Iana;

/// <summary>A live source of delegation records: IANA's whois server or its RDAP service.</summary>
public interface IDelegationSource
{
    /// <summary>What the import log records as its source: "whois:whois.iana.org:43", "rdap:https://rdap.iana.org/".</summary>
    string Description { get; }

    /// <summary>Asks for one TLD (A-label or U-label, any case).</summary>
    /// <exception cref="DelegationQueryException">The source could not be reached or broke the protocol.</exception>
    /// <exception cref="FormatException">The source answered with something that is not a well-formed record.</exception>
    Task<DelegationAnswer> QueryAsync(string tld, CancellationToken cancellationToken = default);
}
