using TldOps.Mail.Reports;

namespace TldOps.Core.Lists.Bounces;

/// <summary>Sorts failure reports into <see cref="BounceKind"/>s.</summary>
public static class BounceClassifier
{
    /// <summary>The kind of one recipient's status in a DSN (RFC 3464), or null when it reports no failure (delivered, relayed, expanded).</summary>
    public static BounceKind? Classify(RecipientStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.Action == DeliveryAction.Delayed)
        {
            return BounceKind.Delayed;
        }

        if (status.Action != DeliveryAction.Failed)
        {
            return null;
        }

        var code = status.EffectiveStatus;
        if (code is { Subject: 7 })
        {
            return BounceKind.Policy;
        }

        return status.IsHardFailure ? BounceKind.Hard : BounceKind.Soft;
    }

    /// <summary>The kind of a permanent SMTP refusal with enhanced status <paramref name="status"/> ("5.1.1").</summary>
    public static BounceKind ClassifySmtp(string? status) =>
        StatusCode.TryParse(status, out var code) && code.Subject == 7 ? BounceKind.Policy : BounceKind.Hard;

    /// <summary>Whether a bounce of this kind raises the score.</summary>
    public static bool Counts(BounceKind kind) => kind is BounceKind.Hard or BounceKind.Soft or BounceKind.Unrecognised;

    /// <summary>The strongest of several kinds (one DSN may report several recipients): hard, soft, unrecognised, policy, delayed.</summary>
    public static BounceKind Strongest(IEnumerable<BounceKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var order = new[] { BounceKind.Hard, BounceKind.Soft, BounceKind.Unrecognised, BounceKind.Policy, BounceKind.Delayed };
        var present = kinds.ToHashSet();
        return order.FirstOrDefault(present.Contains, BounceKind.Delayed);
    }

    /// <summary>The database code of a kind.</summary>
    public static string ToCode(BounceKind kind) => kind switch
    {
        BounceKind.Hard => "hard",
        BounceKind.Soft => "soft",
        BounceKind.Delayed => "delayed",
        BounceKind.Policy => "policy",
        _ => "unrecognised",
    };
}
