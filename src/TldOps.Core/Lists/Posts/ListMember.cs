namespace TldOps.Core.Lists.Posts;

/// <summary>
/// What the list engine reads of a person on the list (the <c>member</c> table belongs to
/// Membership; the engine only reads it, and writes delivery health into its own table).
/// </summary>
public sealed class ListMember
{
    public long Id { get; init; }

    public string PublicId { get; init; } = string.Empty;

    public string? CcTld { get; init; }

    public string Name { get; init; } = string.Empty;

    public string Email { get; init; } = string.Empty;

    /// <summary>member, committee, liaison, secretariat.</summary>
    public string Role { get; init; } = string.Empty;

    /// <summary>en fr es ru zh ar.</summary>
    public string Language { get; init; } = "en";

    /// <summary>active, suspended, removed.</summary>
    public string Status { get; init; } = string.Empty;

    public bool IsActive => Status == "active";
}
