namespace TldOps.Core.Registry.Iana;

/// <summary>Where and how <see cref="WhoisClient"/> asks; see <see cref="LiveSourceOptions{TSelf}"/> for timeouts and politeness.</summary>
public sealed class WhoisClientOptions : LiveSourceOptions<WhoisClientOptions>
{
    private string _host = "whois.iana.org";
    private int _port = 43;
    private WhoisParserOptions _parser = WhoisParserOptions.Default;

    public WhoisClientOptions()
    {
        // The parser's limit: a larger answer could not be parsed anyway.
        MaxResponseBytes = WhoisParserOptions.Default.MaxBytes;
    }

    /// <summary>Defaults: whois.iana.org port 43 (RFC 3912), a 64 KiB response cap, and the shared defaults. Frozen.</summary>
    public static WhoisClientOptions Default { get; } = new WhoisClientOptions().Freeze();

    /// <summary>The whois server. Default whois.iana.org.</summary>
    public string Host
    {
        get => _host;
        set
        {
            ThrowIfFrozen();
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            _host = value;
        }
    }

    /// <summary>The port. Default 43, whois' port (RFC 3912 §2).</summary>
    public int Port
    {
        get => _port;
        set => SetInRange(ref _port, value, 1, 65535);
    }

    /// <summary>The parser limits for answers.</summary>
    public WhoisParserOptions Parser
    {
        get => _parser;
        set
        {
            ThrowIfFrozen();
            _parser = value ?? throw new ArgumentNullException(nameof(value));
        }
    }
}
