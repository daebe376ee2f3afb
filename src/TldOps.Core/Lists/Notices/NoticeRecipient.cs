namespace TldOps.Core.Lists.Notices;

/// <summary>Who a notice goes to, and in which language (a member's own; English for others).</summary>
public sealed record NoticeRecipient(string Address, string? Name = null, string Language = "en");
