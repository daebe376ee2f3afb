using TldOps.Core.Lists.Dmarc;
using TldOps.Mail.Addresses;
using TldOps.Mail.Mime;

namespace TldOps.Core.Lists.Handlers;

/// <summary>
/// <c>dmarc</c>: rewrites From to the list's address ("Ana Silva via TLD-OPS"
/// &lt;tld-ops@…&gt;) when <see cref="ListOptions.DmarcMitigation"/> says so (RFC 7960
/// §4.1.3.3), and points Reply-To at the author when the post set none, so that replies still
/// reach them. Without it, receivers enforcing the author domain's p=reject would refuse the
/// copies the list's changes have made unverifiable for that domain.
/// </summary>
public sealed class DmarcHandler(IDmarcPolicySource policies) : IHandler
{
    public string Name => "dmarc";

    public async Task<HandlerOutcome> ProcessAsync(PostInProgress post, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (post.Author is not { } author || post.Options.DmarcMitigation == DmarcMitigation.Never)
        {
            return HandlerOutcome.Continue;
        }

        if (post.Options.DmarcMitigation == DmarcMitigation.Auto)
        {
            var policy = await policies.LookupAsync(author.Domain, cancellationToken).ConfigureAwait(false);
            if (policy is not (DmarcPolicy.Reject or DmarcPolicy.Quarantine or DmarcPolicy.Unknown))
            {
                return HandlerOutcome.Continue;
            }
        }

        Munge(post.Message, author, post.Options);
        return HandlerOutcome.Continue;
    }

    /// <summary>Rewrites From as described above.</summary>
    public static void Munge(MimeMessage message, MailboxAddress author, ListOptions options)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(author);
        ArgumentNullException.ThrowIfNull(options);
        var who = string.IsNullOrWhiteSpace(author.DisplayName) ? author.Address : author.DisplayName;
        var from = new MailboxAddress($"{who} via {options.DisplayName}", options.Addresses.Posting);
        var headers = message.Headers;
        headers.Replace(AddressFormatter.CreateHeader("From", [from], headers.FormatOptions));
        if (!headers.Contains("Reply-To"))
        {
            headers.Add(AddressFormatter.CreateHeader("Reply-To", [author], headers.FormatOptions));
        }
    }
}
