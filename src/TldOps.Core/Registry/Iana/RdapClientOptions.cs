namespace TldOps.Core.Registry.Iana;

/// <summary>Where and how <see cref="RdapClient"/> asks; see <see cref="LiveSourceOptions{TSelf}"/> for timeouts and politeness.</summary>
public sealed class RdapClientOptions : LiveSourceOptions<RdapClientOptions>
{
    private Uri _baseUri = new("https://rdap.iana.org/");

    /// <summary>Defaults: https://rdap.iana.org/ and the shared defaults. Frozen.</summary>
    public static RdapClientOptions Default { get; } = new RdapClientOptions().Freeze();

    /// <summary>The RDAP service; queries go to BASE/domain/TLD (RFC 9082 §3.1.3). Default https://rdap.iana.org/.</summary>
    public Uri BaseUri
    {
        get => _baseUri;
        set
        {
            ThrowIfFrozen();
            ArgumentNullException.ThrowIfNull(value);
            if (!value.IsAbsoluteUri || (value.Scheme != Uri.UriSchemeHttps && value.Scheme != Uri.UriSchemeHttp))
            {
                throw new ArgumentException("The RDAP base must be an absolute http(s) URL.", nameof(value));
            }

            _baseUri = value.AbsoluteUri.EndsWith('/') ? value : new Uri(value.AbsoluteUri + "/");
        }
    }
}
