using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace TldOps.Bench.Mime;

/// <summary>
/// Runs python_parse.py once, in the host process while the summary is built, on the same
/// files the benchmarks read, and keeps its MB/s figures.
/// </summary>
public sealed class PythonBaseline
{
    private readonly Lazy<Dictionary<string, double>> _results = new(Measure);

    /// <summary>Bytes each benchmark processes, to turn its mean time into MB/s.</summary>
    public static long BytesOf(string benchmark) => benchmark switch
    {
        nameof(MimeParseBenchmarks.MboxParse) => new FileInfo(MimeBenchData.MboxPath()).Length,
        _ => MimeBenchData.CorpusFiles().Sum(f => new FileInfo(f).Length),
    };

    /// <summary>Python's MB/s for the same work, or NaN when Python is not available.</summary>
    public double MegabytesPerSecond(string benchmark)
    {
        var key = benchmark switch
        {
            nameof(MimeParseBenchmarks.CorpusParse) => "corpus_parse",
            nameof(MimeParseBenchmarks.CorpusParseAndDecode) => "corpus_decode",
            _ => "mbox_parse",
        };
        return _results.Value.TryGetValue(key, out var value) ? value : double.NaN;
    }

    private static Dictionary<string, double> Measure()
    {
        var script = Path.Combine(MimeBenchData.RepositoryRoot, "bench", "TldOps.Bench", "Mime", "python_parse.py");
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(MimeBenchData.MboxPath());
        foreach (var file in MimeBenchData.CorpusFiles())
        {
            start.ArgumentList.Add(file);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        try
        {
            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(20)))
            {
                return [];
            }

            using var json = JsonDocument.Parse(output);
            return json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    internal static string Format(double value) =>
        double.IsNaN(value) ? "n/a" : value.ToString("0.0", CultureInfo.InvariantCulture);
}
