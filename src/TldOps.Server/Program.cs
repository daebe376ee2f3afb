using TldOps.Server.Cli;
using TldOps.Server.Hosting;

// No socket exists yet: serve may choose how .NET runs socket continuations (SocketCompletions).
SocketCompletions.OwnsProcess = true;
return await TldOpsCommandLine.InvokeAsync(args);
