using System.Data.Common;
using TldOps.Core.Common;
using TldOps.Core.Lists;
using TldOps.Core.Storage.Queues;
using TldOps.Mail.Addresses;
using TldOps.Mail.Mime;

namespace TldOps.Core.Membership.Mail;

/// <summary>
/// Writes vetting's mails with the Mail toolkit's <see cref="MessageBuilder"/> and queues them
/// through <see cref="SystemMail"/> inside the caller's transaction, so that a mail exists if and
/// only if the change it reports does. Every mail comes from the request address (replies reach
/// the request handler) and says it is automatic (RFC 3834), so auto-responders stay quiet.
/// </summary>
public sealed class VettingMailer(SystemMail systemMail, MemberStore members, VettingOptions options, TimeProvider clock, IRandomSource random)
{
    /// <summary>Queues <paramref name="mail"/>; returns the Message-ID it was given.</summary>
    public async Task<string> EnqueueAsync(DbConnection connection, DbTransaction transaction, VettingMail mail, int priority = QueuePriority.Normal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var message = Build(mail, []);
        await systemMail.EnqueueAsync(connection, transaction, new SystemMessage(
            message.ToArray(), mail.To.Concat(mail.Cc ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList(), priority, mail.Correlation), cancellationToken).ConfigureAwait(false);
        return message.MessageId ?? string.Empty;
    }

    /// <summary>
    /// Queues a notice for the committee: one message per language to the active committee and
    /// secretariat members (each group in its members' language, built by <paramref name="build"/>
    /// from the addresses and the language); while nobody has either role (a fresh installation),
    /// in English to <see cref="VettingOptions.CommitteeStandIns"/>, or to
    /// <see cref="VettingOptions.CommitteeAddress"/> when there are none. Addressing people, not
    /// the list's -owner address, matters: the list engine passes on only mail a person wrote to
    /// -owner, and drops automatic mail like this (RFC 3834).
    /// </summary>
    public async Task EnqueueToCommitteeAsync(DbConnection connection, DbTransaction transaction, Func<IReadOnlyList<string>, string, VettingMail> build, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(build);
        var staff = await members.ListCommitteeAndSecretariatAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        IEnumerable<(string Language, List<string> To)> groups = staff.Count == 0
            ? [(Language.English, options.CommitteeStandIns.Count > 0 ? [.. options.CommitteeStandIns] : [options.CommitteeAddress])]
            : staff.GroupBy(m => Language.IsSupported(m.Language) ? m.Language.ToLowerInvariant() : Language.English, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, g.Select(m => m.Email).Distinct(StringComparer.OrdinalIgnoreCase).ToList()));
        foreach (var (language, to) in groups)
        {
            await EnqueueAsync(connection, transaction, build(to, language), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Queues one message for many envelope <paramref name="recipients"/> (each gets a personal
    /// copy from the virgin runner), with <paramref name="attachments"/>.
    /// </summary>
    public async Task<string> EnqueueAsync(DbConnection connection, DbTransaction transaction, VettingMail mail, IReadOnlyList<MessageAttachment> attachments, IReadOnlyList<string> recipients, int priority, CancellationToken cancellationToken = default)
    {
        var message = Build(mail, attachments);
        await systemMail.EnqueueAsync(connection, transaction, new SystemMessage(message.ToArray(), recipients, priority, mail.Correlation), cancellationToken).ConfigureAwait(false);
        return message.MessageId ?? string.Empty;
    }

    /// <summary>Builds the message of <paramref name="mail"/> with <paramref name="attachments"/> (the contact repository's CSV and vCard).</summary>
    public MimeMessage Build(VettingMail mail, IReadOnlyList<MessageAttachment> attachments)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(attachments);
        var builder = new MessageBuilder(clock, new Random(random.Next(int.MaxValue)), FormatOptions.Default)
        {
            From = new MailboxAddress(options.SenderName, options.RequestAddress),
            Subject = mail.Subject,
            TextBody = mail.Body.ReplaceLineEndings("\r\n") + "\r\n",
        };
        foreach (var to in mail.To)
        {
            builder.To.Add(MailboxAddress.Parse(to));
        }

        foreach (var cc in mail.Cc ?? [])
        {
            builder.Cc.Add(MailboxAddress.Parse(cc));
        }

        builder.AddField("Auto-Submitted", "auto-generated");
        builder.AddField("Content-Language", mail.Language);
        foreach (var attachment in attachments)
        {
            builder.Attach(attachment);
        }

        return builder.Build();
    }

    /// <summary>Wakes the virgin runner after the transaction that queued mail committed.</summary>
    public void Notify() => systemMail.Notify();
}
