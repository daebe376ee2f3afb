namespace TldOps.Core.Membership.Accounts;

/// <summary>
/// What asking for a login link gives the browser, whoever asked: a nonce for a cookie. The link
/// (if the address is a member's) works only in the browser holding it. The answer is the same
/// for a member and a stranger, so the form cannot be used to find out who is on the list.
/// </summary>
public sealed record LoginRequest(string BrowserNonce);
