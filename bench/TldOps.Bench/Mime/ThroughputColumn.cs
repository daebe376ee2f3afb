using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace TldOps.Bench.Mime;

/// <summary>MB/s (MiB per second) of our benchmark, or of Python's run on the same bytes.</summary>
public sealed class ThroughputColumn(string name, PythonBaseline python, bool ours) : IColumn
{
    public string Id => nameof(ThroughputColumn) + name;

    public string ColumnName => name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => ours ? 0 : 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => ours ? "MiB of input parsed per second" : "The same work by Python's email package (BytesParser, policy.default), measured in this run";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var method = benchmarkCase.Descriptor.WorkloadMethod.Name;
        if (!ours)
        {
            return PythonBaseline.Format(python.MegabytesPerSecond(method));
        }

        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return mean is null ? "n/a" : PythonBaseline.Format(PythonBaseline.BytesOf(method) / 1048576.0 / (mean.Value / 1e9));
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
