using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Html;
using QRCoder;

namespace TldOps.Server.Web.Accounts;

/// <summary>
/// Draws a QR code as inline SVG: one path of dark modules, colours as presentation attributes,
/// so it needs neither a script, an inline style, nor a data: image under the portal's
/// Content-Security-Policy, and it stays sharp at any zoom.
/// </summary>
internal static class QrCodeSvg
{
    /// <summary>The SVG for <paramref name="text"/>, with a text alternative for screen readers.</summary>
    public static IHtmlContent Render(string text, string label)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(label);
        // Level M (15% recovery) keeps an otpauth URI at a size phone cameras read easily.
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var size = matrix.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (matrix[y][x])
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
                }
            }
        }

        var encodedLabel = System.Net.WebUtility.HtmlEncode(label);
        return new HtmlString(
            $"<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-label=\"{encodedLabel}\" shape-rendering=\"crispEdges\">" +
            $"<rect width=\"{size}\" height=\"{size}\" fill=\"#ffffff\"/><path fill=\"#000000\" d=\"{path}\"/></svg>");
    }
}
