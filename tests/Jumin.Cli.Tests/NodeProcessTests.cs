using System.Diagnostics;
using System.Text;

namespace Jumin.Cli.Tests;

/// <summary><c>jumin node run</c> as a real process, stopped the way a service manager stops it (issue 15 item 15).</summary>
public sealed class NodeProcessTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("jumin-node-").FullName;

    private string Pki => Path.Combine(directory, "pki");

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task A_node_stops_cleanly_on_a_signal(string signal)
    {
        Assert.Equal(0, await JuminCli.Create().RunAsync(["pki", "init", "--pki", Pki]));
        Assert.Equal(0, await JuminCli.Create().RunAsync(["pki", "issue", "national", "--endpoint", $"https://127.0.0.1:{JukiNet.Hosting.LocalNetwork.FreeLoopbackPort()}", "--pki", Pki]));
        // env --default-signal: a test run started in the background by a shell inherits SIGINT ignored, and so would the
        // node (a service manager starts it with the default); env resets it and then becomes the node (same process id).
        var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        foreach (var arg in new[] { "--default-signal=INT", "dotnet", Path.Combine(AppContext.BaseDirectory, "jumin.dll"), "node", "run", "national", "--pki", Pki })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
            if (e.Data?.Contains("起動しました", StringComparison.Ordinal) == true)
            {
                started.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // Guards, not timings: a node that never starts or never stops fails here instead of hanging the suite.
            await started.Task.WaitAsync(TimeSpan.FromSeconds(120));
            using (var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("The node did not start or stop:\n" + output);
        }

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}:\n{output}");
        Assert.Contains("停止しました", output.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
