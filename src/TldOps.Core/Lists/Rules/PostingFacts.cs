using TldOps.Core.Lists.Bans;
using TldOps.Core.Lists.Dkim;
using TldOps.Core.Lists.Posts;
using TldOps.Mail.Addresses;
using TldOps.Mail.Mime;

namespace TldOps.Core.Lists.Rules;

/// <summary>
/// Gathers what the rules need to know about a message (the I/O part: member look-up, ban list,
/// DKIM verification with DNS), so that the chain itself is pure.
/// </summary>
public sealed class PostingFacts(ListMemberDirectory members, BanList bans, DkimAlignment alignment, ListOptions options)
{
    public async Task<Posting> GatherAsync(MimeMessage message, long size, string? envelopeSender, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var author = message.From.SelectMany(a => a.Mailboxes()).FirstOrDefault();
        ListMember? member = null;
        string? banned = null;
        if (author is not null)
        {
            member = await members.FindByEmailAsync(author.Address, cancellationToken).ConfigureAwait(false);
            banned = await bans.MatchAsync(author.Address, cancellationToken).ConfigureAwait(false);
        }

        if (banned is null && envelopeSender is not null)
        {
            banned = await bans.MatchAsync(envelopeSender, cancellationToken).ConfigureAwait(false);
        }

        return new Posting
        {
            Message = message,
            Size = size,
            EnvelopeSender = envelopeSender,
            Author = author,
            Member = member,
            BannedPattern = banned,
            AuthenticatedDomain = await alignment.AuthenticatedDomainAsync(message, author?.Domain, cancellationToken).ConfigureAwait(false),
            Classification = PostClassifier.Classify(message.Subject, PostClassifier.FirstLine(message.TextBody?.GetText())),
            Options = options,
        };
    }

    /// <summary>The author of a message: the first mailbox of From.</summary>
    public static MailboxAddress? AuthorOf(MimeMessage message) =>
        message?.From.SelectMany(a => a.Mailboxes()).FirstOrDefault();
}
