using BenchmarkDotNet.Running;

// Every benchmark class in this assembly is reachable by name:
//   dotnet run -c Release --project bench/TldOps.Bench -- --filter '*Mime*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
