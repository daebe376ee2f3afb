using System.Globalization;
using TldOps.Core.Common;
using TldOps.Core.Lists;
using TldOps.Core.Storage.Queues;
using TldOps.Mail.Addresses;
using TldOps.Mail.Mime;

namespace TldOps.Core.Membership.Accounts;

/// <summary>
/// Writes the mails of logging in, in the person's language. A login link travels in the alert
/// lane: a member locked out during an incident must not wait behind the monthly bulk mail.
/// </summary>
public sealed partial class AccountMail(MailboxAddress from, IRandomSource random, TimeProvider clock)
{
    /// <summary>The mail carrying a magic login link to <paramref name="account"/>.</summary>
    public SystemMessage LoginLink(Account account, string link, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(account);
        var language = Language.IsSupported(account.Language) ? account.Language : Language.English;
        var texts = LoginTexts[language];
        var minutes = Math.Max(1, (int)Math.Round((expiresAt - clock.GetUtcNow()).TotalMinutes));
        var body = texts.Body
            .Replace("{name}", account.Name, StringComparison.Ordinal)
            .Replace("{link}", link, StringComparison.Ordinal)
            .Replace("{minutes}", minutes.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        // System.Random for the builder's Message-ID and boundaries, seeded from the injected
        // source so that tests with a seeded source get the same bytes every time.
        var builder = new MessageBuilder(clock, new Random(random.Next(int.MaxValue)), FormatOptions.Default)
        {
            From = from,
            Subject = texts.Subject,
            TextBody = body,
        };
        builder.To.Add(new MailboxAddress(account.Name, account.Email));
        // RFC 3834 §5: a machine wrote this; vacation responders must not answer it.
        builder.AddField("Auto-Submitted", "auto-generated");
        return new SystemMessage(builder.Build().ToArray(), [account.Email], QueuePriority.Alert, account.Reference + ":login");
    }
}
