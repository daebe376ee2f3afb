using TldOps.Dns.Tests.Support;
using TldOps.Dns.Wire;

namespace TldOps.Dns.Tests.Wire;

/// <summary>
/// Seeded fuzzing: random and mutated packets must either parse or fail with a
/// <see cref="DnsFormatException"/> naming an offset inside the input. Anything else (another
/// exception, a hang, a crash) fails the test. The seeds make every failure reproducible.
/// </summary>
public sealed class DnsFuzzTests
{
    private const int MutationsPerSeed = 4000;

    public static TheoryData<int> Seeds => new() { 1, 2, 3, 4, 5 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Mutated_responses_parse_or_fail_with_the_documented_exception(int seed)
    {
        var random = new Random(seed);
        var corpus = Corpus();
        var parsed = 0;
        for (var i = 0; i < MutationsPerSeed; i++)
        {
            var packet = Mutate(corpus[random.Next(corpus.Count)], random);
            parsed += Check(packet, $"seed {seed}, case {i}") ? 1 : 0;
        }

        // Both paths must be exercised, or the mutations are too weak (or too strong) to mean anything.
        Assert.InRange(parsed, 1, MutationsPerSeed - 1);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_bytes_parse_or_fail_with_the_documented_exception(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 1000; i++)
        {
            var packet = new byte[random.Next(0, 600)];
            random.NextBytes(packet);

            // Plausible counts make the reader go past the header more often.
            if (packet.Length >= 12)
            {
                packet[4] = 0;
                packet[5] = (byte)random.Next(0, 3);
                packet[6] = 0;
                packet[7] = (byte)random.Next(0, 4);
            }

            Check(packet, $"seed {seed}, case {i}");
        }
    }

    private static bool Check(byte[] packet, string label)
    {
        bool tryResult;
        DnsMessage? message;
        try
        {
            tryResult = DnsMessage.TryParse(packet, out message);
        }
        catch (Exception e)
        {
            Assert.Fail($"{label}: TryParse threw {e.GetType().Name}: {e.Message} on {Convert.ToHexString(packet)}");
            throw;
        }

        try
        {
            var parsed = DnsMessage.Parse(packet);
            Assert.True(tryResult, $"{label}: Parse succeeded where TryParse failed");

            // Formatting every record must not throw either: logs print hostile data.
            foreach (var record in parsed.Answers.Concat(parsed.Authorities).Concat(parsed.Additionals))
            {
                Assert.False(string.IsNullOrEmpty(record.ToString()));
            }

            return true;
        }
        catch (DnsFormatException e)
        {
            Assert.False(tryResult, $"{label}: TryParse succeeded where Parse failed");
            Assert.Null(message);
            Assert.InRange(e.Offset, 0, Math.Max(packet.Length, DnsHeader.Length));
            return false;
        }
    }

    private static List<byte[]> Corpus()
    {
        var soaAndTxt = new PacketBuilder().Header(9, 0x8183, 1, 1, 1, 0).Question("nx.example.org", 16);
        soaAndTxt.Record(x => x.Pointer(12), 16, 60, x => x.Label("v=spf1 -all").Label("second"));
        soaAndTxt.Record(x => x.Pointer(15), 6, 60, x => x.Label("ns1").Pointer(15).Label("hostmaster").Pointer(15)
            .U32(1).U32(2).U32(3).U32(4).U32(5));

        var dnssec = new PacketBuilder().Header(10, 0x8180, 1, 3, 0, 0).Question("example.org", 48);
        dnssec.Record(x => x.Pointer(12), 48, 3600, x => x.U16(257).U8(3).U8(13).Bytes(new byte[64]));
        dnssec.Record(x => x.Pointer(12), 46, 3600, x => x.U16(48).U8(13).U8(2).U32(3600).U32(2).U32(1).U16(5).Pointer(12).Bytes(new byte[64]));
        dnssec.Record(x => x.Pointer(12), 50, 3600, x => x.U8(1).U8(0).U16(0).U8(0).U8(20).Bytes(new byte[20]).Bytes(0, 2, 0x60, 0x01));

        var misc = new PacketBuilder().Header(11, 0x8180, 1, 4, 0, 0).Question("example.org", 255);
        misc.Record(x => x.Pointer(12), 33, 60, x => x.U16(1).U16(2).U16(3).Label("srv").Pointer(12));
        misc.Record(x => x.Pointer(12), 257, 60, x => x.U8(0).Label("issue").Text("ca.example"));
        misc.Record(x => x.Pointer(12), 28, 60, x => x.Bytes(new byte[16]));
        misc.Record(x => x.Pointer(12), 47, 60, x => x.Label("next").Pointer(12).Bytes(0, 1, 0x40));

        return [Packets.CompressedMxResponse(), soaAndTxt.ToArray(), dnssec.ToArray(), misc.ToArray()];
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var packet = original.ToList();
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits && packet.Count > 0; e++)
        {
            var at = random.Next(packet.Count);
            switch (random.Next(7))
            {
                case 0:
                    packet[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    packet[at] = (byte)random.Next(256);
                    break;
                case 2:
                    packet.RemoveRange(at, packet.Count - at);
                    break;
                case 3:
                    packet.Insert(at, (byte)random.Next(256));
                    break;
                case 4:
                    // A compression pointer to anywhere, the classic way to build loops.
                    packet[at] = (byte)(0xC0 | random.Next(2));
                    if (at + 1 < packet.Count)
                    {
                        packet[at + 1] = (byte)random.Next(256);
                    }

                    break;
                case 5:
                    packet.RemoveAt(at);
                    break;
                default:
                    // A boundary value where a length or count might be.
                    packet[at] = random.Next(3) switch { 0 => 0x00, 1 => 0xFF, _ => 0x3F };
                    break;
            }
        }

        return [.. packet];
    }
}
