namespace TldOps.Core.Registry.Iana;

/// <summary>Where a delegation record was read from.</summary>
public enum DelegationFormat
{
    /// <summary>whois.iana.org's key/value layout (since mid-2010): <c>domain:</c>, <c>contact:</c>, <c>nserver:</c>….</summary>
    Whois,

    /// <summary>The pre-2010 "IANA Whois Service" layout with indented "Label: value" sections.</summary>
    WhoisLegacy,

    /// <summary>RDAP JSON (RFC 9083) from rdap.iana.org.</summary>
    Rdap,
}
