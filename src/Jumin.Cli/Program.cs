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
        stopping.Cancel();
    }
}
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
return await JuminCli.Create().RunAsync(args, stopping.Token);
