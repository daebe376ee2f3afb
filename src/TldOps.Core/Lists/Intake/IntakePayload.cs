namespace TldOps.Core.Lists.Intake;

/// <summary>What the listener knew about a message, kept with its <c>in</c> entry.</summary>
public sealed record IntakePayload(DateTimeOffset ReceivedAt, string Remote, string? Helo, string Protocol, bool Tls);
