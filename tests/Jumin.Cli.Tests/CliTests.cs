using Microsoft.Data.Sqlite;

namespace Jumin.Cli.Tests;

/// <summary>The operator's commands on a real SQLite register: init, seed, audit verify.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("jumin-cli-").FullName;

    private string Db => Path.Combine(directory, "registry.db");

    private Task<int> Run(params string[] args) =>
        JuminCli.Create().RunAsync([.. args, "--data", directory]);

    [Fact]
    public async Task Seed_fills_the_register_and_audit_verify_passes()
    {
        Assert.Equal(0, await Run("init"));
        Assert.Equal(0, await Run("seed", "--residents", "40"));
        Assert.InRange(Count("SELECT count(*) FROM residents"), 40, 50);
        Assert.Equal(0, await Run("audit", "verify"));
    }

    [Fact]
    public async Task Audit_verify_fails_with_exit_code_2_after_tampering()
    {
        Assert.Equal(0, await Run("seed", "--residents", "20"));
        Execute("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET operator_id = 'someone-else' WHERE sequence = 2;");
        Assert.Equal(2, await Run("audit", "verify"));
    }

    [Fact]
    public async Task A_bad_count_is_refused()
    {
        Assert.NotEqual(0, await Run("seed", "--residents", "0"));
        Assert.False(File.Exists(Db));
    }

    private long Count(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Db}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Db}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
