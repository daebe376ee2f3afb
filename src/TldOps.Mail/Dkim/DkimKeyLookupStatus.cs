namespace TldOps.Mail.Dkim;

/// <summary>The outcome of looking up a DKIM key.</summary>
public enum DkimKeyLookupStatus
{
    /// <summary>One or more TXT records were found.</summary>
    Found,

    /// <summary>The name does not exist or has no TXT record (NXDOMAIN / NODATA).</summary>
    NotFound,

    /// <summary>The lookup failed for now (timeout, SERVFAIL).</summary>
    TempError,
}
