namespace TldOps.Core.ContactDirectory;

/// <summary>What a monthly send did: whether this call claimed the period, how many people it queued mail for, in how many messages (one per language).</summary>
public sealed record RepositorySendResult(bool Claimed, int Recipients, int Messages);
