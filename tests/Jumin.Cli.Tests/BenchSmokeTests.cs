using System.Diagnostics;

namespace Jumin.Cli.Tests;

/// <summary>
/// Every bench suite of <c>bench/</c> runs end to end at a tiny size, so that a bench cannot rot unnoticed (it did
/// once: it stopped at the first 照会 when 処理事由 became required). Nothing here is timed.
/// </summary>
public sealed class BenchSmokeTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("jumin-bench-").FullName;

    [Fact]
    public async Task The_search_change_and_certificate_suites_run_on_a_small_register()
    {
        var output = Path.Combine(directory, "search.md");
        var (code, log) = await RunBenchAsync("--provider", "Sqlite", "--connection", $"Data Source={Path.Combine(directory, "bench.db")}", "--data", directory,
            "--residents", "150", "--queries", "12", "--changes", "12", "--certificates", "12", "--batch", "20", "--output", output);

        Assert.True(code == 0, log);
        Assert.Contains("p95", await File.ReadAllTextAsync(output), StringComparison.Ordinal);
        Assert.Contains("p95", await File.ReadAllTextAsync(Path.Combine(directory, "changes.md")), StringComparison.Ordinal);
        Assert.Contains("p95", await File.ReadAllTextAsync(Path.Combine(directory, "certificates.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_jukinet_suite_runs_on_a_small_network()
    {
        var server = Environment.GetEnvironmentVariable("JUMIN_TEST_POSTGRES")
            ?? throw new InvalidOperationException("JUMIN_TEST_POSTGRES is not set: run ./test.sh, which starts a throwaway PostgreSQL for the tests.");
        var output = Path.Combine(directory, "jukinet.md");
        var prefix = $"jumin_bench_{Environment.ProcessId}_{Guid.NewGuid():N}_"[..40];
        try
        {
            var (code, log) = await RunBenchAsync("--suite", "jukinet", "--server", server, "--data", directory, "--records", "60", "--updates", "12", "--queries", "12",
                "--database-prefix", prefix, "--output", output);

            Assert.True(code == 0, log);
            Assert.Contains("p95", await File.ReadAllTextAsync(output), StringComparison.Ordinal);
        }
        finally
        {
            await using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            var databases = new List<string>();
            await using (var list = new Npgsql.NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE @prefix || '%'", connection))
            {
                list.Parameters.AddWithValue("prefix", prefix);
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    databases.Add(reader.GetString(0));
                }
            }
            foreach (var database in databases)
            {
                await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE \"{database}\"", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }

    private static async Task<(int Code, string Log)> RunBenchAsync(params string[] args)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Jumin.slnx")))
        {
            root = Path.GetDirectoryName(root.TrimEnd(Path.DirectorySeparatorChar)) ?? throw new InvalidOperationException("Jumin.slnx not found above the test directory");
        }
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var bench = Path.Combine(root, "bench", "Jumin.Bench", "bin", configuration, "net10.0", "Jumin.Bench.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        start.ArgumentList.Add(bench);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
