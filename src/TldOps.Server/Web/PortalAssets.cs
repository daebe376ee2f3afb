using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace TldOps.Server.Web;

/// <summary>
/// The portal's few static files (stylesheet, icon), embedded in the assembly so that the
/// executable serves them from wherever it runs. Each URL carries a digest of the content, so
/// browsers may cache it for a year and still see a new version at once.
/// </summary>
internal sealed class PortalAssets
{
    private const string ResourcePrefix = "TldOps.Server.Web.Assets.";

    private readonly Dictionary<string, Asset> _byName;

    public PortalAssets()
    {
        _byName = new Dictionary<string, Asset>(StringComparer.Ordinal)
        {
            ["portal.css"] = Load("portal.css", "text/css; charset=utf-8"),
            ["icon.svg"] = Load("icon.svg", "image/svg+xml"),
        };
    }

    public string StylesheetUrl => _byName["portal.css"].Url;

    public string IconUrl => _byName["icon.svg"].Url;

    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/assets/{name}", (string name, string? v, HttpContext context) =>
        {
            if (!_byName.TryGetValue(name, out var asset))
            {
                return Results.NotFound();
            }

            var headers = context.Response.GetTypedHeaders();
            headers.ETag = asset.ETag;
            // The digest in the URL makes the content immutable; without it, revalidate.
            headers.CacheControl = v == asset.Version
                ? new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromDays(365), Extensions = { new NameValueHeaderValue("immutable") } }
                : new CacheControlHeaderValue { NoCache = true };
            var ifNoneMatch = context.Request.GetTypedHeaders().IfNoneMatch;
            if (ifNoneMatch.Any(tag => tag.Compare(asset.ETag, useStrongComparison: false)))
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            return Results.Bytes(asset.Content, asset.ContentType);
        }).AllowAnonymous();
    }

    private static Asset Load(string name, string contentType)
    {
        var assembly = typeof(PortalAssets).Assembly;
        using var stream = assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"The portal asset {name} is not embedded in {assembly.GetName().Name}.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var content = buffer.ToArray();
        var version = Convert.ToHexStringLower(SHA256.HashData(content))[..12];
        return new Asset(content, contentType, version, new EntityTagHeaderValue($"\"{version}\""), $"/assets/{name}?v={version}");
    }

    private sealed record Asset(byte[] Content, string ContentType, string Version, EntityTagHeaderValue ETag, string Url);
}
