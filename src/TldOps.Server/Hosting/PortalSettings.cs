using Microsoft.Extensions.Configuration;

namespace TldOps.Server.Hosting;

/// <summary>The <c>Portal</c> section: the web portal and REST API.</summary>
internal sealed class PortalSettings
{
    public const string Section = "Portal";

    /// <summary>Where the portal listens (semicolon-separated URLs). Default http://127.0.0.1:8080.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:8080";

    /// <summary>The public base URL used in links that leave the server (mails). Default: the first of <see cref="Urls"/>.</summary>
    public string? PublicUrl { get; set; }

    public string EffectivePublicUrl => (PublicUrl ?? Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0]).TrimEnd('/');

    public static PortalSettings From(IConfiguration configuration)
    {
        var settings = new PortalSettings();
        configuration.GetSection(Section).Bind(settings);
        return settings;
    }
}
