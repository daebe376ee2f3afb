using System.Data.Common;
using System.Globalization;
using TldOps.Core.Common;
using TldOps.Core.Lists.Chains;
using TldOps.Core.Lists.Posts;
using TldOps.Core.Storage.Queues;
using TldOps.Mail.Addresses;
using TldOps.Mail.Mime;

namespace TldOps.Core.Lists.Notices;

/// <summary>
/// Writes the list's notices (held, TLP:RED, rejected, help, owner mail, committee notices) in the
/// recipient's language and queues them as virgin mail inside the caller's transaction, so a
/// notice exists if and only if the decision it reports does. Notices come from the -owner
/// address, say they are automatic (RFC 3834 Auto-Submitted), and are signed and given a VERP
/// return path by the virgin runner like everything the system sends.
/// </summary>
public sealed class ListNotices(SystemMail systemMail, ListOptions options, ListMemberDirectory members, TimeProvider clock, IRandomSource random)
{
    /// <summary>Tells the author of a held post why it waits (a TLP:RED post gets its own explanation).</summary>
    public Task HeldAsync(DbConnection connection, DbTransaction transaction, NoticeRecipient author, StoredPost post, IReadOnlyList<RuleCheck> causes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(author);
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(causes);
        var texts = NoticeCatalog.For(author.Language);
        var tlpRed = causes.Any(c => c.Rule == "tlp-red");
        var values = Values(post.Subject);
        values["reasons"] = Bullets(causes.Select(c => texts.RuleReasons.GetValueOrDefault(c.Rule) ?? NoticeCatalog.English.RuleReasons.GetValueOrDefault(c.Rule) ?? c.Reason));
        return EnqueueAsync(connection, transaction, author, texts.Code,
            tlpRed ? texts.TlpRedSubject : texts.HeldSubject, tlpRed ? texts.TlpRedBody : texts.HeldBody, values,
            "auto-replied", post.HeaderMessageId, $"post:{post.Id}", cancellationToken);
    }

    /// <summary>Tells the author that the post was not distributed, and why.</summary>
    public Task RejectedAsync(DbConnection connection, DbTransaction transaction, NoticeRecipient author, StoredPost post, IReadOnlyList<string> reasons, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(author);
        ArgumentNullException.ThrowIfNull(post);
        var texts = NoticeCatalog.For(author.Language);
        var values = Values(post.Subject);
        values["reasons"] = Bullets(reasons.Select(r => texts.RuleReasons.GetValueOrDefault(r) ?? r));
        return EnqueueAsync(connection, transaction, author, texts.Code, texts.RejectedSubject, texts.RejectedBody, values,
            "auto-replied", post.HeaderMessageId, $"post:{post.Id}", cancellationToken);
    }

    /// <summary>Tells the committee that a post is held, with the whole trace.</summary>
    public async Task CommitteeHeldAsync(DbConnection connection, DbTransaction transaction, StoredPost post, IReadOnlyList<RuleCheck> trace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(trace);
        var values = Values(post.Subject);
        values["id"] = post.Id.ToString(CultureInfo.InvariantCulture);
        values["author"] = post.FromName is { Length: > 0 } name ? $"{name} <{post.FromAddress}>" : post.FromAddress ?? post.EnvelopeSender ?? "?";
        values["size"] = post.Size.ToString("N0", CultureInfo.InvariantCulture);
        values["reasons"] = Bullets(trace.Where(c => c.Hit && c.Action == ChainAction.Hold).Select(c => $"{c.Rule}: {c.Reason}"));
        values["trace"] = string.Join('\n', trace.Select(c => $"  {(c.Hit ? "HIT " : "miss")} {c.Rule}: {c.Reason}"));
        await ToCommitteeAsync(connection, transaction, texts => (texts.CommitteeHeldSubject, texts.CommitteeHeldBody), values, $"post:{post.Id}", null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Tells the committee that delivery to <paramref name="member"/> stopped after bounces.</summary>
    public Task DeliveryDisabledAsync(DbConnection connection, DbTransaction transaction, ListMember member, double score, string? diagnostic, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(member);
        var values = Values(null);
        values["member"] = member.Name;
        values["address"] = member.Email;
        values["cctld"] = member.CcTld ?? member.Role;
        values["score"] = score.ToString("0.0", CultureInfo.InvariantCulture);
        values["threshold"] = options.Bounces.Threshold.ToString("0.0", CultureInfo.InvariantCulture);
        values["diagnostic"] = diagnostic ?? "-";
        return ToCommitteeAsync(connection, transaction, texts => (texts.DisabledSubject, texts.DisabledBody), values, $"member:{member.PublicId}", null, cancellationToken);
    }

    /// <summary>Answers -request mail that no handler took.</summary>
    public Task HelpAsync(DbConnection connection, DbTransaction transaction, NoticeRecipient sender, string? inReplyTo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var texts = NoticeCatalog.For(sender.Language);
        return EnqueueAsync(connection, transaction, sender, texts.Code, texts.HelpSubject, texts.HelpBody, Values(null), "auto-replied", inReplyTo, "request:help", cancellationToken);
    }

    /// <summary>Passes mail sent to -owner to the committee, attached whole (its own From would fail DMARC if resent as is).</summary>
    public Task OwnerMailAsync(DbConnection connection, DbTransaction transaction, ReadOnlyMemory<byte> raw, string sender, string? subject, CancellationToken cancellationToken = default)
    {
        var values = Values(subject);
        values["sender"] = sender;
        return ToCommitteeAsync(connection, transaction, texts => (texts.OwnerSubject, texts.OwnerBody), values, "owner", raw, cancellationToken);
    }

    private async Task ToCommitteeAsync(
        DbConnection connection, DbTransaction transaction, Func<NoticeLanguage, (string Subject, string Body)> pick,
        Dictionary<string, string> values, string correlation, ReadOnlyMemory<byte>? attachment, CancellationToken cancellationToken)
    {
        var committee = await members.CommitteeAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var groups = committee.Count > 0
            ? committee.GroupBy(m => NoticeCatalog.For(m.Language).Code).Select(g => (Language: g.Key, Addresses: g.Select(m => m.Email).Distinct(StringComparer.OrdinalIgnoreCase).ToList()))
            : options.OwnerAddresses.Count > 0 ? [("en", options.OwnerAddresses)] : [];
        foreach (var (language, addresses) in groups)
        {
            var texts = NoticeCatalog.For(language);
            var (subject, body) = pick(texts);
            var message = Build(addresses.Select(a => new MailboxAddress(null, a)).ToList(), texts.Code,
                NoticeTemplate.Fill(subject, values), NoticeTemplate.Fill(body, values), "auto-generated", null, attachment);
            await systemMail.EnqueueAsync(connection, transaction, new SystemMessage(message.ToArray(), addresses, QueuePriority.Normal, correlation), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task EnqueueAsync(
        DbConnection connection, DbTransaction transaction, NoticeRecipient to, string language, string subject, string body,
        Dictionary<string, string> values, string autoSubmitted, string? inReplyTo, string correlation, CancellationToken cancellationToken)
    {
        var message = Build([new MailboxAddress(to.Name, to.Address)], language, NoticeTemplate.Fill(subject, values), NoticeTemplate.Fill(body, values), autoSubmitted, inReplyTo, null);
        await systemMail.EnqueueAsync(connection, transaction, new SystemMessage(message.ToArray(), [to.Address], QueuePriority.Normal, correlation), cancellationToken).ConfigureAwait(false);
    }

    private MimeMessage Build(IReadOnlyList<MailboxAddress> to, string language, string subject, string body, string autoSubmitted, string? inReplyTo, ReadOnlyMemory<byte>? attachment)
    {
        var addresses = options.Addresses;
        var builder = new MessageBuilder(clock, new Random(random.Next(int.MaxValue)), FormatOptions.Default)
        {
            From = new MailboxAddress(options.DisplayName, addresses.Owner),
            Subject = subject.ReplaceLineEndings(" "),
            TextBody = body.ReplaceLineEndings("\r\n") + "\r\n",
            MessageIdDomain = addresses.Domain,
        };
        builder.To.AddRange(to);
        builder.AddField("Auto-Submitted", autoSubmitted);
        builder.AddField("Content-Language", language);
        if (inReplyTo is not null)
        {
            builder.AddField("In-Reply-To", $"<{inReplyTo}>");
            builder.AddField("References", $"<{inReplyTo}>");
        }

        var message = builder.Build();
        if (attachment is { } raw)
        {
            // message/rfc822 travels unencoded (RFC 2046 §5.2.1), so it is added as an entity, not an attachment.
            message.AppendFooter(new MessagePart(MimeMessage.Load(raw)), new Random(random.Next(int.MaxValue)));
        }

        return message;
    }

    private Dictionary<string, string> Values(string? subject)
    {
        var addresses = options.Addresses;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["list"] = options.DisplayName,
            ["posting"] = addresses.Posting,
            ["request"] = addresses.Request,
            ["owner"] = addresses.Owner,
            ["subject"] = string.IsNullOrWhiteSpace(subject) ? "(no subject)" : subject.ReplaceLineEndings(" "),
        };
    }

    private static string Bullets(IEnumerable<string> lines) => string.Join('\n', lines.Distinct(StringComparer.Ordinal).Select(l => "- " + l));
}
