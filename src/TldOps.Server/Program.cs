using TldOps.Server.Cli;

return await TldOpsCommandLine.InvokeAsync(args);
