using System.Net;

namespace TldOps.Core.Registry.Iana;

/// <summary>
/// A name server of a delegation: its host name (lower case, without the trailing dot) and the
/// glue addresses IANA lists for it, in the order given.
/// </summary>
public sealed record DelegationNameServer(string HostName, IReadOnlyList<IPAddress> Addresses)
{
    /// <summary>The addresses as text in a stable order (IPv4 then IPv6, each sorted), for comparison and storage.</summary>
    public string AddressText => string.Join(' ', Addresses
        .OrderBy(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 0 : 1)
        .ThenBy(a => a.GetAddressBytes(), ByteOrder.Instance)
        .Select(a => a.ToString()));

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
