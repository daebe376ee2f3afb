namespace TldOps.Core.Registry.Iana;

/// <summary>Something an import found that other work must act on; see <see cref="RegistryEventKinds"/>.</summary>
/// <param name="Id">Its id, for <see cref="DelegationStore.MarkHandledAsync"/>.</param>
/// <param name="Tld">The TLD (A-label, lower case).</param>
/// <param name="Kind">One of <see cref="RegistryEventKinds"/>.</param>
/// <param name="Detail">JSON with the old and new values (for admin-contact-changed: <c>old</c>, <c>new</c>, <c>fields</c>).</param>
/// <param name="ImportId">The import that found it.</param>
/// <param name="DetectedAt">When.</param>
/// <param name="HandledAt">When a consumer marked it handled; null while pending.</param>
public sealed record RegistryEvent(long Id, string Tld, string Kind, string Detail, long? ImportId, DateTimeOffset DetectedAt, DateTimeOffset? HandledAt);
