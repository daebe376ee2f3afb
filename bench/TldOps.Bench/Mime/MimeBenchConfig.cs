using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace TldOps.Bench.Mime;

/// <summary>A short job (the machine is shared) plus the throughput and Python columns.</summary>
public sealed class MimeBenchConfig : ManualConfig
{
    public MimeBenchConfig()
    {
        AddJob(Job.ShortRun);
        var python = new PythonBaseline();
        AddColumn(new ThroughputColumn("MB/s", python, ours: true));
        AddColumn(new ThroughputColumn("Python MB/s", python, ours: false));
        AddColumn(new RatioToPythonColumn(python));
    }
}
