namespace TldOps.Core.Lists.Rules;

/// <summary>
/// <c>authentication</c>: under <see cref="AuthenticationPolicy.RequireAlignedDkim"/>, a post
/// whose From domain is not vouched for by a passing, aligned DKIM signature is held (anyone can
/// write a member's address into From). Under <see cref="AuthenticationPolicy.FromHeaderOnly"/>
/// the rule never hits but records how strong the evidence was.
/// </summary>
public sealed class AuthenticationRule : IRule
{
    public string Name => "authentication";

    public RuleResult Check(Posting posting)
    {
        ArgumentNullException.ThrowIfNull(posting);
        if (posting.AuthenticatedDomain is { } domain)
        {
            return RuleResult.Misses($"DKIM signature by {domain}, aligned with the From domain.");
        }

        return posting.Options.AuthenticationPolicy == AuthenticationPolicy.RequireAlignedDkim
            ? RuleResult.Hits("No passing DKIM signature aligned with the From domain, and the list requires one.")
            : RuleResult.Misses("From header only (no aligned DKIM signature); the list's policy accepts that.");
    }
}
