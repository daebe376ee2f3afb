using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace TldOps.Bench.Mime;

/// <summary>How many times faster than Python's email package on the same bytes, in the same run.</summary>
public sealed class RatioToPythonColumn(PythonBaseline python) : IColumn
{
    public string Id => nameof(RatioToPythonColumn);

    public string ColumnName => "× Python";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 2;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Our MB/s divided by Python's MB/s for the same work";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var method = benchmarkCase.Descriptor.WorkloadMethod.Name;
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        var theirs = python.MegabytesPerSecond(method);
        if (mean is null || double.IsNaN(theirs) || theirs <= 0)
        {
            return "n/a";
        }

        var ours = PythonBaseline.BytesOf(method) / 1048576.0 / (mean.Value / 1e9);
        return (ours / theirs).ToString("0.0", CultureInfo.InvariantCulture) + "×";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
