namespace TldOps.Dns.Wire;

/// <summary>One EDNS option from an OPT record's RDATA (RFC 6891 §6.1.2), kept raw.</summary>
/// <param name="Code">The option code (for example 10 for COOKIE, 15 for Extended DNS Errors).</param>
/// <param name="Data">The option data.</param>
public sealed record DnsEdnsOption(ushort Code, ReadOnlyMemory<byte> Data);
