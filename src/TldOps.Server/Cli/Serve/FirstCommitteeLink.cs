using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TldOps.Core.Membership.Accounts;

namespace TldOps.Server.Cli.Serve;

/// <summary>
/// On an installation without a committee, prints the one-time link that makes its first member
/// (the chair), on standard output and in the log: whoever runs the server is trusted to pass
/// it to the right person. Each start replaces the previous link.
/// </summary>
internal static class FirstCommitteeLink
{
    public static async Task PrintAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var link = await services.GetRequiredService<CommitteeEnrolment>().PrepareAsync(cancellationToken);
        if (link is null)
        {
            return;
        }

        var expires = link.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        services.GetRequiredService<ILoggerFactory>().CreateLogger("TldOps.Committee").LogWarning(
            "This installation has no committee yet. The first committee member (the chair) enrols at {Link} (one use, until {Expires}).", link.Url, expires);
        await output.WriteLineAsync();
        await output.WriteLineAsync("This installation has no Standing Committee yet. Give this link to its chair:");
        await output.WriteLineAsync();
        await output.WriteLineAsync("    " + link.Url);
        await output.WriteLineAsync();
        await output.WriteLineAsync($"It works once, until {expires}; each start replaces it. (Or: tldops committee add EMAIL --position chair.)");
        await output.FlushAsync(cancellationToken);
    }
}
