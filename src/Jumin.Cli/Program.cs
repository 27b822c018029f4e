using System.Runtime.InteropServices;
using Jumin.Cli;

// SIGTERM (systemd, docker stop) and Ctrl+C cancel the running command, so that `jumin node run` stops its server
// and its delivery loop and disposes its stores cleanly; a second signal ends the process at once.
using var stopping = new CancellationTokenSource();
void Stop(PosixSignalContext signal)
{
    if (!stopping.IsCancellationRequested)
    {
        signal.Cancel = true;
        // Not inline: cancelling runs the command's whole shutdown, which must not run on (and hold) the runtime's
        // signal thread, where disposing the registrations at the end would wait for this very handler.
        _ = Task.Run(stopping.Cancel);
    }
}
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
return await JuminCli.Create().RunAsync(args, stopping.Token);
