using BenchmarkDotNet.Attributes;
using TldOps.Mail.Encodings;
using TldOps.Mail.Mbox;
using TldOps.Mail.Mime;

namespace TldOps.Bench.Mime;

/// <summary>
/// Parse throughput of TldOps.Mail next to Python's email package on the same bytes, in the
/// same run (the Python columns run bench/TldOps.Bench/Mime/python_parse.py when the summary
/// is built). Run: <c>dotnet run -c Release --project bench/TldOps.Bench -- --filter '*MimeParse*'</c>.
/// </summary>
[Config(typeof(MimeBenchConfig))]
[MemoryDiagnoser]
public class MimeParseBenchmarks
{
    private List<byte[]> _corpus = [];
    private byte[] _mbox = [];

    [GlobalSetup]
    public void Setup()
    {
        _corpus = MimeBenchData.CorpusFiles().Select(File.ReadAllBytes).ToList();
        _mbox = File.ReadAllBytes(MimeBenchData.MboxPath());
    }

    /// <summary>Every corpus message parsed (structure, header fields kept as raw bytes).</summary>
    [Benchmark(Baseline = true)]
    public int CorpusParse()
    {
        var entities = 0;
        foreach (var bytes in _corpus)
        {
            entities += MimeMessage.Load(bytes).EnumerateEntities().Count();
        }

        return entities;
    }

    /// <summary>Every corpus message parsed, every leaf decoded, every text leaf turned into a string.</summary>
    [Benchmark]
    public long CorpusParseAndDecode()
    {
        var total = 0L;
        foreach (var bytes in _corpus)
        {
            foreach (var part in MimeMessage.Load(bytes).EnumerateEntities().OfType<MimePart>())
            {
                var decoded = part.GetDecodedContent();
                total += decoded.Length;
                if (part.IsText)
                {
                    total += CharsetRegistry.Default.Decode(decoded, part.ContentType.Charset).Length;
                }
            }
        }

        return total;
    }

    /// <summary>The generated mbox split into messages and each one parsed.</summary>
    [Benchmark]
    public int MboxParse()
    {
        var entities = 0;
        foreach (var entry in new MboxReader().Split(_mbox))
        {
            entities += MimeMessage.Load(entry.Data).EnumerateEntities().Count();
        }

        return entities;
    }
}
