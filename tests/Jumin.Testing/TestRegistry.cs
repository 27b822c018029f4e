using Jumin.Registry;
using Jumin.Registry.Access;
using Jumin.Registry.Accounts;
using Npgsql;
using NodaTime;

namespace Jumin.Testing;

/// <summary>
/// A real registry node on a fresh database of the given provider: a SQLite file in a temporary
/// directory, or a new database on the PostgreSQL server named by <c>JUMIN_TEST_POSTGRES</c>
/// (started by ./test.sh), each a copy of a template built once per process. Nothing written by one test is seen by another.
/// </summary>
public sealed class TestRegistry : IAsyncDisposable
{
    private readonly string? postgresDatabase;

    private TestRegistry(RegistryNode node, string directory, string? postgresDatabase, NodaTime.Testing.FakeClock oneTimePasswordClock)
    {
        Node = node;
        OneTimePasswordClock = oneTimePasswordClock;
        Directory = directory;
        this.postgresDatabase = postgresDatabase;
    }

    public RegistryNode Node { get; }

    public string Directory { get; }

    public IReadOnlyList<DemoAccount> Accounts { get; private set; } = [];

    /// <summary>
    /// The time second-factor codes are checked against. Each <see cref="CodeFor"/> moves it on by one step,
    /// so a test may log the same user in many times without replaying a code.
    /// </summary>
    public NodaTime.Testing.FakeClock OneTimePasswordClock { get; }

    /// <summary>The code the user's authenticator app shows in the next 30-second step.</summary>
    public string CodeFor(string userId) => OneTimePasswordClock.NextCode(Node, Account(userId).SecondFactorSecret);

    /// <summary>
    /// A login with the account's password (or <paramref name="password"/>) and a fresh code, from the server's own
    /// terminal; the session then chooses 窓口 as its 処理事由, as a clerk does before the first look-up.
    /// </summary>
    public async Task<(LoginOutcome Outcome, Operator? Operator)> LoginAsync(string userId, string? password = null)
    {
        var known = Accounts.Any(a => a.UserId == userId);
        var (outcome, op) = await Node.Accounts.LoginAsync(new LoginAttempt(userId, password ?? (known ? Account(userId).Password : "no-such-password"), known ? CodeFor(userId) : "000000", System.Net.IPAddress.Loopback));
        return (outcome, op is null ? null : op with { Reason = CounterReason });
    }

    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("JUMIN_TEST_POSTGRES")
        ?? throw new InvalidOperationException("JUMIN_TEST_POSTGRES is not set: run ./test.sh, which starts a throwaway PostgreSQL for the tests.");

    /// <summary>PBKDF2 rounds for the test accounts' passwords: the production cost would spend minutes of the suite on hashing.</summary>
    public const int PasswordHashIterations = 1_000;

    /// <summary>
    /// A register with <paramref name="demoResidents"/> synthetic people and the demo accounts, copied from a template
    /// built once per process for that size, provider and start time (<see cref="DatabaseTemplates"/>). Every register of
    /// the process has the same keys, so the EF model (which depends on the 個人番号 key) is built once per provider.
    /// </summary>
    public static async Task<TestRegistry> CreateAsync(DatabaseProvider provider, int demoResidents = 0, IClock? clock = null, Domain.Identifiers.LocalGovernmentCode? municipality = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("jumin-test-").FullName;
        var database = provider == DatabaseProvider.Postgres ? "jumin_test_" + Guid.NewGuid().ToString("N")[..16] : null;
        // The template is made with the test's clock, so what it holds is dated as the test expects.
        var templateKey = $"registry-{demoResidents}-{(clock is null ? "now" : clock.GetCurrentInstant().ToUnixTimeTicks())}";
        var connection = await CopyTemplateAsync(provider, templateKey, demoResidents, clock, directory, database ?? "");
        var oneTimePasswordClock = new NodaTime.Testing.FakeClock(SystemClock.Instance.GetCurrentInstant());
        var node = new RegistryNode(Options(provider, connection, directory, demoResidents) with { MunicipalityCode = municipality ?? Registry.Demo.DemoMunicipality.Code }, clock, oneTimePasswordClock);
        var registry = new TestRegistry(node, directory, database, oneTimePasswordClock);
        await node.InitialiseAsync();
        registry.Accounts = node.DemoAccounts();
        return registry;
    }

    /// <summary>
    /// Copies the demo register of <paramref name="demoResidents"/> people (built on first use, with the demo accounts) into
    /// <paramref name="directory"/> and, on PostgreSQL, into the new database <paramref name="postgresDatabase"/>; returns
    /// the copy's connection string. The web tests start their host on such a copy.
    /// </summary>
    public static Task<string> CopyTemplateAsync(DatabaseProvider provider, string templateKey, int demoResidents, IClock? clock, string directory, string postgresDatabase) =>
        DatabaseTemplates.CopyAsync(provider, templateKey, async (connection, templateDirectory) =>
        {
            SharedKeys.CopyTo(Path.Combine(templateDirectory, "keys"));
            var node = new RegistryNode(Options(provider, connection, templateDirectory, demoResidents), clock);
            await node.InitialiseAsync();
            await node.EnsureDemoAccountsAsync();
            await node.EnsureDemoResidentsAsync();
        }, directory, "registry.db", postgresDatabase);

    private static RegistryOptions Options(DatabaseProvider provider, string connection, string directory, int demoResidents) => new()
    {
        Provider = provider,
        ConnectionString = connection,
        DataDirectory = directory,
        DemoResidents = demoResidents,
        PasswordHashIterations = PasswordHashIterations,
    };

    public DemoAccount Account(string userId) => Accounts.Single(a => a.UserId == userId);

    /// <summary>The 処理事由 test operators look people up for.</summary>
    public static Domain.Audit.ProcessingReason CounterReason { get; } = Domain.Audit.ProcessingReason.Create(Domain.Audit.ProcessingReasonKind.Counter);

    /// <summary>An operator as if logged in at a counter terminal and serving a visitor (処理事由 窓口).</summary>
    public async Task<Operator> OperatorAsync(string userId) =>
        (await Node.Accounts.FindOperatorAsync(userId, "TEST-TERMINAL", "本庁 市民課") ?? throw new InvalidOperationException($"no user {userId}")) with { Reason = CounterReason };

    /// <summary>
    /// Drops a test database. Not WITH (FORCE): that would try to terminate an autovacuum worker, which
    /// only a superuser may; a plain DROP stops autovacuum itself and only waits for our own pools.
    /// </summary>
    public static async Task DropPostgresDatabaseAsync(string database)
    {
        // Only this database's pool: clearing every pool would close the idle connections of the tests running beside this one.
        NpgsqlConnection.ClearPool(new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresServer) { Database = database }.ConnectionString));
        await using var connection = new NpgsqlConnection(PostgresServer + ";Database=postgres");
        await connection.OpenAsync();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database}", connection);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (postgresDatabase is not null)
        {
            await DropPostgresDatabaseAsync(postgresDatabase);
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearPool(new Microsoft.Data.Sqlite.SqliteConnection(Node.Options.ResolvedConnectionString));
        }
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on shutdown is left for the OS to clean up.
        }
    }
}
