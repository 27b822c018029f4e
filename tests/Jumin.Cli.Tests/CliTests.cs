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
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_database_that_cannot_be_reached_exits_3_and_a_key_others_may_read_exits_4()
    {
        // Nothing listens on port 1; SQLite cannot make a file under /proc.
        Assert.Equal(ExitCodes.DatabaseUnreachable, await JuminCli.Create().RunAsync(
            ["init", "--provider", "Postgres", "--connection", "Host=127.0.0.1;Port=1;Username=jumin;Password=x;Timeout=3", "--data", directory]));
        Assert.Equal(ExitCodes.DatabaseUnreachable, await JuminCli.Create().RunAsync(
            ["init", "--connection", "Data Source=/proc/jumin-no-such-directory/registry.db", "--data", directory]));

        Assert.Equal(ExitCodes.Success, await Run("init"));
        File.SetUnixFileMode(Path.Combine(directory, "keys", "audit-chain.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Assert.Equal(ExitCodes.UnprotectedKey, await Run("audit", "verify"));
        Assert.Equal(ExitCodes.Usage, await Run("no-such-command"));
    }

    [Fact]
    public async Task Audit_verify_fails_with_exit_code_2_after_tampering()
    {
        Assert.Equal(0, await Run("seed", "--residents", "20"));
        Execute("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET operator_id = 'someone-else' WHERE sequence = 2;");
        Assert.Equal(2, await Run("audit", "verify"));
    }

    [Fact]
    public async Task Audit_verify_finds_entries_cut_off_the_end_once_a_checkpoint_was_written()
    {
        Assert.Equal(0, await Run("seed", "--residents", "20"));
        Assert.Equal(0, await Run("audit", "checkpoint"));
        Assert.True(File.Exists(Path.Combine(directory, "audit-checkpoints.jsonl")));
        var last = Count("SELECT max(sequence) FROM audit_log");

        Execute($"DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE sequence = {last}; " +
            $"UPDATE audit_chain_head SET last_sequence = {last - 1}, last_hash = (SELECT hash FROM audit_log WHERE sequence = {last - 1});");

        Assert.Equal(2, await Run("audit", "verify"));
    }

    [Fact]
    public async Task The_first_administrator_is_created_from_the_console_with_a_second_factor_and_bad_input_creates_nobody()
    {
        Assert.Equal(2, await Run("account", "create", "admin01", "--name", "管理 太郎", "--department", "情報政策課", "--role", "superuser"));
        Assert.Equal(0, await Run("account", "create", "admin01", "--name", "管理 太郎", "--department", "情報政策課", "--role", "admin"));
        Assert.Equal(1, Count("SELECT count(*) FROM users"));
        Assert.Equal(1, Count("SELECT count(*) FROM users WHERE user_id = 'admin01' AND roles = 'admin' AND department = '情報政策課' AND length(second_factor_secret) > 0"));
        Assert.Equal(1, Count("SELECT count(*) FROM audit_log WHERE screen = '利用者登録' AND operator_id = 'batch:account-create'"));

        // With an administrator in place, the console creates nobody, administrator or not, and says so in the log.
        Assert.Equal(2, await Run("account", "create", "admin02", "--name", "管理 次郎", "--department", "情報政策課", "--role", "admin"));
        Assert.Equal(2, await Run("account", "create", "clerk09", "--name", "窓口 九郎", "--department", "市民課", "--role", "clerk"));
        Assert.Equal(1, Count("SELECT count(*) FROM users"));
        Assert.Equal(2, Count("SELECT count(*) FROM audit_log WHERE screen = '利用者登録' AND outcome = 2 AND operator_id = 'batch:account-create'"));
    }

    [Fact]
    public async Task Demo_code_shows_codes_only_where_there_are_demo_accounts()
    {
        Assert.Equal(0, await Run("init"));
        Assert.Equal(1, await Run("demo-code", "clerk01"));
        Assert.Equal(0, await Run("seed", "--residents", "10"));
        Assert.Equal(0, await Run("demo-code", "clerk01"));
    }

    [Fact]
    public async Task Keys_rotate_adds_a_key_file_and_refuses_an_unknown_ring()
    {
        Assert.Equal(0, await Run("seed", "--residents", "10"));
        Assert.NotEqual(0, await Run("keys", "rotate", "everything"));
        Assert.Equal(0, await Run("keys", "rotate", "individual-number-encryption"));
        Assert.True(File.Exists(Path.Combine(directory, "keys", "individual-number-encryption.2.key")));
        Assert.Equal(1, Count("SELECT count(*) FROM audit_log WHERE screen = '鍵の更新'"));
        Assert.Equal(0, await Run("audit", "verify"));
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
