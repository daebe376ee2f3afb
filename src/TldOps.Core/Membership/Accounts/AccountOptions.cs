using TldOps.Mail;

namespace TldOps.Core.Membership.Accounts;

/// <summary>
/// Lifetimes and limits of logins and sessions. <see cref="Default"/> is frozen; call
/// <see cref="Clone"/> to change a copy (the server binds the <c>Accounts</c> settings section onto one).
/// </summary>
public sealed class AccountOptions : FreezableOptions<AccountOptions>
{
    private TimeSpan _loginLinkLifetime = TimeSpan.FromMinutes(15);
    private TimeSpan _enrolmentLinkLifetime = TimeSpan.FromHours(24);
    private TimeSpan _sessionIdleTimeout = TimeSpan.FromMinutes(30);
    private TimeSpan _sessionLifetime = TimeSpan.FromHours(12);
    private TimeSpan _secondFactorTimeout = TimeSpan.FromMinutes(10);
    private TimeSpan _touchInterval = TimeSpan.FromMinutes(1);

    /// <summary>The frozen defaults.</summary>
    public static AccountOptions Default { get; } = new AccountOptions().Freeze();

    /// <summary>How long a magic login link works. Default 15 minutes: long enough for slow mail, short enough that an old mail is useless.</summary>
    public TimeSpan LoginLinkLifetime
    {
        get => _loginLinkLifetime;
        set => SetInRange(ref _loginLinkLifetime, value, TimeSpan.FromMinutes(1), TimeSpan.FromHours(24));
    }

    /// <summary>How long the first committee enrolment link, printed at the first start, works. Default 24 hours.</summary>
    public TimeSpan EnrolmentLinkLifetime
    {
        get => _enrolmentLinkLifetime;
        set => SetInRange(ref _enrolmentLinkLifetime, value, TimeSpan.FromMinutes(5), TimeSpan.FromDays(30));
    }

    /// <summary>A session unused for this long ends. Default 30 minutes (OWASP's session guidance: 15–30 minutes for sensitive data).</summary>
    public TimeSpan SessionIdleTimeout
    {
        get => _sessionIdleTimeout;
        set => SetInRange(ref _sessionIdleTimeout, value, TimeSpan.FromMinutes(1), TimeSpan.FromDays(30));
    }

    /// <summary>A session ends this long after login, however active. Default 12 hours: one working day, then a fresh login.</summary>
    public TimeSpan SessionLifetime
    {
        get => _sessionLifetime;
        set => SetInRange(ref _sessionLifetime, value, TimeSpan.FromMinutes(5), TimeSpan.FromDays(90));
    }

    /// <summary>How long a login may wait at the TOTP step or at the required enrolment. Default 10 minutes.</summary>
    public TimeSpan SecondFactorTimeout
    {
        get => _secondFactorTimeout;
        set => SetInRange(ref _secondFactorTimeout, value, TimeSpan.FromMinutes(1), TimeSpan.FromHours(2));
    }

    /// <summary>
    /// A session's last-seen time is written at most this often. Default 1 minute: the idle
    /// timeout stays accurate to a minute without a database write on every request.
    /// </summary>
    public TimeSpan TouchInterval
    {
        get => _touchInterval;
        set => SetInRange(ref _touchInterval, value, TimeSpan.Zero, TimeSpan.FromMinutes(10));
    }
}
