namespace TldOps.Mail.Dkim;

/// <summary>
/// How <see cref="DkimSigner"/> signs. <see cref="Default"/> is frozen; <see cref="FreezableOptions{TSelf}.Clone"/> it to change a value.
/// </summary>
public sealed class DkimSignerOptions : FreezableOptions<DkimSignerOptions>
{
    private DkimCanonicalization _headerCanonicalization = DkimCanonicalization.Relaxed;
    private DkimCanonicalization _bodyCanonicalization = DkimCanonicalization.Relaxed;

    // The setters store a copy of the caller's list and nothing changes a list in place, so a
    // Clone() may share them.
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
}
