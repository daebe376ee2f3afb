namespace TldOps.Core.Lists.Delivery;

/// <summary>One copy to deliver: its return path, its one recipient, and the bytes (shared by every copy of a post).</summary>
public sealed record OutgoingCopy(string ReturnPath, string Recipient, ReadOnlyMemory<byte> Content, long EntryId = 0);
