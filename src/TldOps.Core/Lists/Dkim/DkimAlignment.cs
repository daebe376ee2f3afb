using TldOps.Mail.Dkim;
using TldOps.Mail.Mime;

namespace TldOps.Core.Lists.Dkim;

/// <summary>
/// Which domain, if any, a message's DKIM signatures vouch for in the DMARC sense (RFC 7489
/// §3.1.1, relaxed alignment): a passing signature whose d= and the From domain share their
/// organisational domain. Without the Public Suffix List we approximate that as "one is the other
/// or a subdomain of it, and the shorter has at least two labels": a key under a bare suffix such
/// as <c>co.uk</c> cannot be published by a sender anyway.
/// </summary>
public sealed class DkimAlignment(IDkimKeyLocator keys, TimeProvider clock)
{
    /// <summary>Verifies the signatures and returns the aligned passing domain, or null.</summary>
    public async Task<string?> AuthenticatedDomainAsync(MimeMessage message, string? fromDomain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrEmpty(fromDomain) || !message.Headers.Contains("DKIM-Signature"))
        {
            return null;
        }

        var results = await new DkimVerifier(keys, DkimVerifierOptions.Default, clock).VerifyAsync(message, cancellationToken).ConfigureAwait(false);
        return results.Where(r => r.Status == DkimStatus.Pass && r.Domain is not null)
            .Select(r => r.Domain!)
            .FirstOrDefault(d => Aligned(d, fromDomain));
    }

    /// <summary>Relaxed alignment as approximated above.</summary>
    public static bool Aligned(string signingDomain, string fromDomain)
    {
        var d = signingDomain.TrimEnd('.').ToLowerInvariant();
        var f = fromDomain.TrimEnd('.').ToLowerInvariant();
        if (d == f)
        {
            return true;
        }

        var (shorter, longer) = d.Length < f.Length ? (d, f) : (f, d);
        return shorter.Contains('.', StringComparison.Ordinal) && longer.EndsWith("." + shorter, StringComparison.Ordinal);
    }
}
