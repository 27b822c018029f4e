using Jumin.Cli;

return await JuminCli.Create().RunAsync(args);
