namespace TldOps.Mail.Dkim;

/// <summary>
/// How <see cref="DkimSigner"/> signs. <see cref="Default"/> is frozen; <see cref="Clone"/> it to change a value.
/// </summary>
public sealed class DkimSignerOptions
{
    private DkimCanonicalization _headerCanonicalization = DkimCanonicalization.Relaxed;
    private DkimCanonicalization _bodyCanonicalization = DkimCanonicalization.Relaxed;
    private IReadOnlyList<string> _signedHeaders =
    [
        "From", "Sender", "Reply-To", "Subject", "Date", "Message-ID", "To", "Cc", "In-Reply-To", "References",
        "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Content-Disposition",
        "List-Id", "List-Post", "List-Help", "List-Subscribe", "List-Unsubscribe", "List-Unsubscribe-Post", "List-Owner", "List-Archive",
        "Archived-At", "Auto-Submitted",
    ];

    private IReadOnlyList<string> _oversignedHeaders =
    [
        "From", "Sender", "Reply-To", "Subject", "Date", "Message-ID", "To", "Cc", "MIME-Version", "Content-Type",
        "List-Id", "List-Unsubscribe", "List-Unsubscribe-Post",
    ];

    private TimeSpan? _lifetime;
    private bool _includeTimestamp = true;

    /// <summary>The defaults: relaxed/relaxed, the usual field list, important fields oversigned, t= and no x= (frozen).</summary>
    public static DkimSignerOptions Default { get; } = new DkimSignerOptions().Freeze();

    /// <summary>True when the options can no longer change.</summary>
    public bool IsFrozen { get; private set; }

    /// <summary>Header canonicalization (default relaxed, which survives refolding).</summary>
    public DkimCanonicalization HeaderCanonicalization { get => _headerCanonicalization; set => Set(ref _headerCanonicalization, value); }

    /// <summary>Body canonicalization (default relaxed, which survives trailing-blank changes).</summary>
    public DkimCanonicalization BodyCanonicalization { get => _bodyCanonicalization; set => Set(ref _bodyCanonicalization, value); }

    /// <summary>The fields signed when present (each instance), in this order. From is always signed (RFC 6376 §5.4).</summary>
    public IReadOnlyList<string> SignedHeaders
    {
        get => _signedHeaders;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            Set(ref _signedHeaders, value.ToList());
        }
    }

    /// <summary>
    /// The fields signed once more than they occur (RFC 6376 §8.15 "oversigning"), so that
    /// nobody can add another instance, or add one where there was none, without breaking the signature.
    /// </summary>
    public IReadOnlyList<string> OversignedHeaders
    {
        get => _oversignedHeaders;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            Set(ref _oversignedHeaders, value.ToList());
        }
    }

    /// <summary>How long the signature stays valid (x=), or null for no expiry (default).</summary>
    public TimeSpan? Lifetime { get => _lifetime; set => Set(ref _lifetime, value); }

    /// <summary>Whether to write t= (default true).</summary>
    public bool IncludeTimestamp { get => _includeTimestamp; set => Set(ref _includeTimestamp, value); }

    /// <summary>A modifiable copy.</summary>
    /// <returns>The copy, not frozen.</returns>
    public DkimSignerOptions Clone() => new()
    {
        _headerCanonicalization = _headerCanonicalization,
        _bodyCanonicalization = _bodyCanonicalization,
        _signedHeaders = _signedHeaders,
        _oversignedHeaders = _oversignedHeaders,
        _lifetime = _lifetime,
        _includeTimestamp = _includeTimestamp,
    };

    /// <summary>Makes these options read-only.</summary>
    /// <returns>This instance.</returns>
    public DkimSignerOptions Freeze()
    {
        IsFrozen = true;
        return this;
    }

    private void Set<T>(ref T field, T value)
    {
        if (IsFrozen)
        {
            throw new InvalidOperationException("These options are frozen; change a Clone() instead.");
        }

        field = value;
    }
}
