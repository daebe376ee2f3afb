namespace TldOps.Core.Lists;

/// <summary>Which of the list's addresses a recipient is.</summary>
public enum ListAddressKind
{
    /// <summary>Not one of ours.</summary>
    None,

    /// <summary>The posting address (<c>tld-ops@</c>): goes through the posting chain.</summary>
    Posting,

    /// <summary><c>tld-ops-request@</c>: help, and the membership requests the vetting handlers read.</summary>
    Request,

    /// <summary><c>tld-ops-owner@</c> (and <c>postmaster@</c>): forwarded to the committee.</summary>
    Owner,

    /// <summary><c>tld-ops-bounces@</c> and <c>tld-ops-bounces+TOKEN@</c> (VERP): bounce processing.</summary>
    Bounces,
}
