using BenchmarkDotNet.Running;
using TldOps.Bench.Fanout;

// The list engine's whole-system run has its own entry (fresh database and server per iteration):
//   dotnet run -c Release --project bench/TldOps.Bench -- fanout [--sizes 1000,10000] [--runs 3] [--crash 10000]
if (args.Length > 0 && args[0] == "fanout")
{
    return await FanoutBench.RunAsync(args[1..]);
}

// The fan-out bench's ceiling blast from a process of its own (started by the fan-out bench).
if (args.Length > 0 && args[0] == "blast-child")
{
    return await BlastProcess.RunChildAsync(args[1..]);
}

// Where a fan-out's time goes (queue only, queue + SMTP, SMTP only), in one process.
if (args.Length > 0 && args[0] == "fanout-parts")
{
    return await DeliveryParts.RunAsync(args[1..]);
}

// Every benchmark class in this assembly is reachable by name:
//   dotnet run -c Release --project bench/TldOps.Bench -- --filter '*Mime*'
BenchmarkSwitcher.FromAssembly(typeof(FanoutBench).Assembly).Run(args);
return 0;
