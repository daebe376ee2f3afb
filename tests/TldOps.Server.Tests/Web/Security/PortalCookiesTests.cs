using Microsoft.AspNetCore.Http;
using TldOps.Core.Membership.Accounts;
using TldOps.Server.Web.Security;

namespace TldOps.Server.Tests.Web.Security;

public sealed class PortalCookiesTests
{
    [Fact]
    public void Over_HTTPS_the_session_cookie_is_Secure_and_has_the_Host_prefix()
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "https";

        PortalCookies.SetSession(context.Response, new IssuedSession("s3cr3t", SessionStage.Complete, DateTimeOffset.UnixEpoch));

        var cookie = context.Response.Headers.SetCookie.ToString().ToLowerInvariant();
        Assert.StartsWith("__host-tldops-session=s3cr3t", cookie, StringComparison.Ordinal);
        Assert.Contains("; secure", cookie, StringComparison.Ordinal);
        Assert.Contains("; path=/", cookie, StringComparison.Ordinal);
        Assert.Contains("; httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("; samesite=lax", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain("domain=", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain("max-age", cookie, StringComparison.Ordinal);
        Assert.Equal("__Host-tldops-session", PortalCookies.SessionName(context.Request));
    }

    [Fact]
    public void The_login_nonce_keeps_only_a_local_return_path()
    {
        var context = new DefaultHttpContext();
        PortalCookies.SetLoginNonce(context.Response, "nonce", "/committee", TimeSpan.FromMinutes(15));
        var value = context.Response.Headers.SetCookie.ToString();
        Assert.Contains("max-age=900", value, StringComparison.OrdinalIgnoreCase);

        foreach (var (stored, expected) in new[] { ("nonce|/committee", "/committee"), ("nonce|//evil.example/", "/"), ("nonce|https://evil.example/", "/"), ("nonce", "/") })
        {
            var request = new DefaultHttpContext().Request;
            request.Headers.Cookie = "tldops-login=" + Uri.EscapeDataString(stored);
            Assert.Equal(("nonce", expected), PortalCookies.ReadLoginNonce(request));
        }
    }
}
