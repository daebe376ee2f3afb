using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.Logging.Abstractions;
using TldOps.Core.Registry.Iana;
using TldOps.Core.Storage;

namespace TldOps.Bench.Iana;

/// <summary>
/// Importing the whole iana-whois corpus (624 answers: current, legacy and retired) into a fresh
/// SQLite database, against two baselines measured in the same run: reading the same files, and
/// reading plus parsing them. Each iteration is one whole run (Monitoring: one invocation per
/// iteration, so every import gets a database of its own from the iteration setup; the setup runs
/// for the baselines too so that all three share one job and BenchmarkDotNet computes ratios).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 25)]
public class IanaImportBenchmarks
{
    private readonly WhoisRecordParser _parser = new();
    private string _corpus = string.Empty;
    private List<string> _files = [];
    private string _folder = string.Empty;
    private Database? _database;
    private IanaImporter? _importer;

    [GlobalSetup]
    public void Setup()
    {
        _corpus = Path.Combine(LocateCorpora(), "iana-whois");
        // The files the importer picks: those named after a TLD (no extension).
        _files = Directory.EnumerateFiles(_corpus, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).Contains('.', StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    [IterationSetup]
    public void FreshDatabase()
    {
        _folder = Path.Combine(Path.GetTempPath(), "tldops-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _database = new Database(DatabaseLocation.Resolve(Path.Combine(_folder, "bench.db"), _folder));
        new Migrator(_database, TimeProvider.System, NullLogger<Migrator>.Instance).MigrateAsync().GetAwaiter().GetResult();
        _importer = new IanaImporter(new DelegationStore(_database, TimeProvider.System), NullLogger<IanaImporter>.Instance);
    }

    [IterationCleanup]
    public void DropDatabase()
    {
        _database?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "read the 624 files")]
    public long ReadFiles()
    {
        long bytes = 0;
        foreach (var file in _files)
        {
            bytes += File.ReadAllBytes(file).Length;
        }

        return bytes;
    }

    [Benchmark(Description = "read + parse")]
    public int ReadAndParse()
    {
        var found = 0;
        foreach (var file in _files)
        {
            if (!_parser.Parse(File.ReadAllBytes(file)).IsNotFound)
            {
                found++;
            }
        }

        return found;
    }

    [Benchmark(Description = "import into fresh SQLite")]
    public async Task<int> ImportIntoFreshSqlite()
    {
        var report = await _importer!.ImportFilesAsync([_corpus]);
        return report.Errors.Count == 0 ? report.Outcomes.Count : throw new InvalidOperationException(report.Errors[0].ToString());
    }

    private static string LocateCorpora()
    {
        var fromEnv = Environment.GetEnvironmentVariable("TLDOPS_CORPORA");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return fromEnv;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpora");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        const string WellKnown = "/work/shared/corpora";
        return Directory.Exists(WellKnown) ? WellKnown : throw new DirectoryNotFoundException("shared/corpora not found; set TLDOPS_CORPORA.");
    }
}
