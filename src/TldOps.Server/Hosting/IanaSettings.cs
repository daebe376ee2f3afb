using Microsoft.Extensions.Configuration;

namespace TldOps.Server.Hosting;

/// <summary>The <c>Iana</c> section: where <c>tldops iana sync</c> asks, and how politely.</summary>
internal sealed class IanaSettings
{
    public const string Section = "Iana";

    /// <summary>"whois" (default) or "rdap".</summary>
    public string Source { get; set; } = "whois";

    /// <summary>The whois server as HOST or HOST:PORT. Default whois.iana.org:43.</summary>
    public string WhoisServer { get; set; } = "whois.iana.org:43";

    /// <summary>The RDAP service base URL. Default https://rdap.iana.org/.</summary>
    public string RdapBase { get; set; } = "https://rdap.iana.org/";

    /// <summary>The least time between two queries. Default 1 second; IANA's servers are shared by everyone.</summary>
    public TimeSpan QueryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one answer may take (connecting, and reading). Default 20 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often a query that failed transiently is tried. Default 3.</summary>
    public int MaxAttempts { get; set; } = 3;

    public static IanaSettings From(IConfiguration configuration)
    {
        var settings = new IanaSettings();
        configuration.GetSection(Section).Bind(settings);
        return settings;
    }
}
