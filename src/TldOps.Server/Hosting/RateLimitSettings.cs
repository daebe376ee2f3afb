using Microsoft.Extensions.Configuration;

namespace TldOps.Server.Hosting;

/// <summary>
/// The <c>RateLimits</c> section: how often the forms that mail strangers or guess secrets may
/// be used, per client address and per email address. Reading pages is never limited.
/// </summary>
internal sealed class RateLimitSettings
{
    public const string Section = "RateLimits";

    /// <summary>Login-link requests per client IP address per <see cref="LoginWindow"/>. Default 10.</summary>
    public int LoginPerIp { get; set; } = 10;

    /// <summary>Login-link requests per email address per <see cref="LoginWindow"/>. Default 3: a member rarely needs more, a mailbox must not be flooded.</summary>
    public int LoginPerAddress { get; set; } = 3;

    /// <summary>The login window. Default 15 minutes, the life of one link.</summary>
    public TimeSpan LoginWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Join requests per client IP address per <see cref="JoinWindow"/>. Default 5.</summary>
    public int JoinPerIp { get; set; } = 5;

    /// <summary>Join requests naming one requester address per <see cref="JoinWindow"/>. Default 3.</summary>
    public int JoinPerAddress { get; set; } = 3;

    /// <summary>The join window. Default 1 hour.</summary>
    public TimeSpan JoinWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// TOTP and recovery code attempts per client IP address per <see cref="CodeWindow"/>. Default
    /// 10: with three codes valid at a time (±1 step), ten guesses succeed with odds of about
    /// 1 in 33,000 per window, and each try first needs a login link from the member's mailbox.
    /// </summary>
    public int CodePerIp { get; set; } = 10;

    /// <summary>The code window. Default 5 minutes.</summary>
    public TimeSpan CodeWindow { get; set; } = TimeSpan.FromMinutes(5);

    public static RateLimitSettings From(IConfiguration configuration)
    {
        var settings = new RateLimitSettings();
        configuration.GetSection(Section).Bind(settings);
        foreach (var (name, value) in new[] { (nameof(LoginPerIp), settings.LoginPerIp), (nameof(LoginPerAddress), settings.LoginPerAddress), (nameof(JoinPerIp), settings.JoinPerIp), (nameof(JoinPerAddress), settings.JoinPerAddress), (nameof(CodePerIp), settings.CodePerIp) })
        {
            if (value < 1)
            {
                throw new InvalidOperationException($"{Section}:{name} must be at least 1 (it is {value}).");
            }
        }

        foreach (var (name, window) in new[] { (nameof(LoginWindow), settings.LoginWindow), (nameof(JoinWindow), settings.JoinWindow), (nameof(CodeWindow), settings.CodeWindow) })
        {
            if (window < TimeSpan.FromSeconds(1) || window > TimeSpan.FromDays(1))
            {
                throw new InvalidOperationException($"{Section}:{name} must be between 1 second and 1 day (it is {window}).");
            }
        }

        return settings;
    }
}
