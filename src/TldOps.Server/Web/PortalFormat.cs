using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace TldOps.Server.Web;

/// <summary>How pages write times: UTC, ISO-like, the same in every language (members work across every time zone).</summary>
internal static class PortalFormat
{
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>A &lt;time&gt; element with the machine-readable value.</summary>
    public static IHtmlContent TimeElement(DateTimeOffset time) =>
        new HtmlString($"<time datetime=\"{time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}\" dir=\"ltr\">{Time(time)}</time>");
}
