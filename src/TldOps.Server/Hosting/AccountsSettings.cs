using Microsoft.Extensions.Configuration;
using TldOps.Core.Membership.Accounts;
using TldOps.Mail.Addresses;

namespace TldOps.Server.Hosting;

/// <summary>The <c>Accounts</c> section: logins, sessions and the sender of login mails.</summary>
internal sealed class AccountsSettings
{
    public const string Section = "Accounts";

    /// <summary>How long a magic login link works. Default 15 minutes.</summary>
    public TimeSpan LoginLinkLifetime { get; set; } = AccountOptions.Default.LoginLinkLifetime;

    /// <summary>A session unused for this long ends. Default 30 minutes.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = AccountOptions.Default.SessionIdleTimeout;

    /// <summary>A session ends this long after login, however active. Default 12 hours.</summary>
    public TimeSpan SessionLifetime { get; set; } = AccountOptions.Default.SessionLifetime;

    /// <summary>How long a login may wait for its TOTP code or required enrolment. Default 10 minutes.</summary>
    public TimeSpan SecondFactorTimeout { get; set; } = AccountOptions.Default.SecondFactorTimeout;

    /// <summary>How long the first committee enrolment link works. Default 24 hours.</summary>
    public TimeSpan EnrolmentLinkLifetime { get; set; } = AccountOptions.Default.EnrolmentLinkLifetime;

    /// <summary>The From of login mails. Default: "TLD-OPS" at <c>Vetting:RequestAddress</c>, where all the community's administrative mail comes from.</summary>
    public string? MailFrom { get; set; }

    /// <summary>The core's options with these settings applied; a value out of range names the setting.</summary>
    public AccountOptions Options()
    {
        var options = AccountOptions.Default.Clone();
        Apply(nameof(LoginLinkLifetime), () => options.LoginLinkLifetime = LoginLinkLifetime);
        Apply(nameof(SessionIdleTimeout), () => options.SessionIdleTimeout = SessionIdleTimeout);
        Apply(nameof(SessionLifetime), () => options.SessionLifetime = SessionLifetime);
        Apply(nameof(SecondFactorTimeout), () => options.SecondFactorTimeout = SecondFactorTimeout);
        Apply(nameof(EnrolmentLinkLifetime), () => options.EnrolmentLinkLifetime = EnrolmentLinkLifetime);
        return options.Freeze();
    }

    /// <summary>The sender of login mails: <see cref="MailFrom"/>, else "TLD-OPS" at <paramref name="requestAddress"/>.</summary>
    public MailboxAddress Sender(string requestAddress)
    {
        if (MailFrom is null)
        {
            return new MailboxAddress("TLD-OPS", requestAddress);
        }

        if (!MailboxAddress.TryParse(MailFrom, out var address))
        {
            throw new InvalidOperationException($"{Section}:{nameof(MailFrom)} is not a mailbox address: '{MailFrom}'.");
        }

        return address;
    }

    public static AccountsSettings From(IConfiguration configuration)
    {
        var settings = new AccountsSettings();
        configuration.GetSection(Section).Bind(settings);
        return settings;
    }

    private static void Apply(string name, Action set)
    {
        try
        {
            set();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new InvalidOperationException($"{Section}:{name} {ex.Message.Split(Environment.NewLine)[0]}.", ex);
        }
    }
}
