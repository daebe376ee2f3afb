namespace TldOps.Core.Lists.Notices;

/// <summary>
/// The texts of the list's notices in one language. Templates name their values in braces
/// ({list}, {subject}, {reasons}…); <see cref="NoticeTemplate.Fill"/> puts them in.
/// </summary>
public sealed class NoticeLanguage
{
    /// <summary>en fr es ru zh ar.</summary>
    public required string Code { get; init; }

    /// <summary>To the author of a held post.</summary>
    public required string HeldSubject { get; init; }

    public required string HeldBody { get; init; }

    /// <summary>To the author of a TLP:RED post (held, never sent to the whole list).</summary>
    public required string TlpRedSubject { get; init; }

    public required string TlpRedBody { get; init; }

    /// <summary>To the author of a rejected post.</summary>
    public required string RejectedSubject { get; init; }

    public required string RejectedBody { get; init; }

    /// <summary>To the committee, for each held post.</summary>
    public required string CommitteeHeldSubject { get; init; }

    public required string CommitteeHeldBody { get; init; }

    /// <summary>To the committee, when delivery to a member is disabled after bounces.</summary>
    public required string DisabledSubject { get; init; }

    public required string DisabledBody { get; init; }

    /// <summary>The answer to -request mail no handler took.</summary>
    public required string HelpSubject { get; init; }

    public required string HelpBody { get; init; }

    /// <summary>To the committee, wrapping mail sent to -owner.</summary>
    public required string OwnerSubject { get; init; }

    public required string OwnerBody { get; init; }

    /// <summary>What each posting rule means for the author, by rule name.</summary>
    public required IReadOnlyDictionary<string, string> RuleReasons { get; init; }
}
