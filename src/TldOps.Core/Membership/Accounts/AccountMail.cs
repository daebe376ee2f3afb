using System.Globalization;
using TldOps.Core.Common;
using TldOps.Core.Lists;
using TldOps.Core.Membership.Texts;
using TldOps.Core.Storage.Queues;
using TldOps.Mail.Addresses;
using TldOps.Mail.Mime;

namespace TldOps.Core.Membership.Accounts;

/// <summary>
/// Writes the mails of logging in, in the person's language (the "login.*" texts of
/// <see cref="TextCatalog"/>). A login link travels in the alert lane: a member locked out during
/// an incident must not wait behind the monthly bulk mail.
/// </summary>
public sealed class AccountMail(MailboxAddress from, IRandomSource random, TimeProvider clock)
{
    /// <summary>The mail carrying a magic login link to <paramref name="account"/>.</summary>
    public SystemMessage LoginLink(Account account, string link, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(account);
        var language = Language.IsSupported(account.Language) ? account.Language : Language.English;
        var minutes = Math.Max(1, (int)Math.Round((expiresAt - clock.GetUtcNow()).TotalMinutes));
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = account.Name,
            ["link"] = link,
            ["minutes"] = minutes.ToString(CultureInfo.InvariantCulture),
        };
        // System.Random for the builder's Message-ID and boundaries, seeded from the injected
        // source so that tests with a seeded source get the same bytes every time.
        var builder = new MessageBuilder(clock, new Random(random.Next(int.MaxValue)), FormatOptions.Default)
        {
            From = from,
            Subject = TextCatalog.Shipped.Raw(language, "login.subject"),
            TextBody = TextCatalog.Shipped.Format(language, "login.body", values),
        };
        builder.To.Add(new MailboxAddress(account.Name, account.Email));
        // RFC 3834 §5: a machine wrote this; vacation responders must not answer it.
        builder.AddField("Auto-Submitted", "auto-generated");
        return new SystemMessage(builder.Build().ToArray(), [account.Email], QueuePriority.Alert, account.Reference + ":login");
    }
}
