using NewsMonitor.Server.Cli;

return await MonitorCli.RunAsync(args, Console.Out, Console.Error);
