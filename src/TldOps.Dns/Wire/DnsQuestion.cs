namespace TldOps.Dns.Wire;

/// <summary>
/// A question (RFC 1035 §4.1.2). <see cref="Name"/> is in presentation form without the trailing
/// dot (the root is "."), ASCII only: Unicode names go through <see cref="DnsName.ToAscii"/> first.
/// </summary>
/// <param name="Name">The queried name.</param>
/// <param name="Type">The queried record type.</param>
/// <param name="Class">The queried class, normally <see cref="DnsClass.IN"/>.</param>
public sealed record DnsQuestion(string Name, DnsRecordType Type, DnsClass Class = DnsClass.IN)
{
    /// <summary>True when <paramref name="other"/> asks the same thing, comparing names case-insensitively (RFC 4343).</summary>
    public bool Matches(DnsQuestion other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Type == other.Type && Class == other.Class && DnsName.AreEqual(Name, other.Name);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} {Class} {Type}";
}
