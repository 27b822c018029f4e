using System.Net.Http.Json;
using Jumin.Registry;
using Jumin.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Jumin.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NodaTime;
using NodaTime.Testing;

namespace Jumin.Web.Tests;

/// <summary>
/// The real web host on a fresh register (SQLite file or a new PostgreSQL database) with a small
/// demo municipality of <paramref name="residents"/> people. <paramref name="kestrel"/> puts it on a real loopback port
/// for the browser.
/// </summary>
public abstract class WebAppFixture(DatabaseProvider provider, bool kestrel, int residents = WebAppFixture.DemoResidents) : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const int DemoResidents = 300;

    /// <summary>The register of the hosts with the embedded 住基ネット.</summary>
    public const int JukiNetResidents = 80;

    private readonly string directory = Directory.CreateTempSubdirectory("jumin-web-").FullName;
    private readonly string? postgresDatabase = provider == DatabaseProvider.Postgres ? "jumin_web_" + Guid.NewGuid().ToString("N")[..16] : null;

    public string BaseUrl { get; private set; } = "";

    /// <summary>The host's PostgreSQL database (null on SQLite).</summary>
    public string? PostgresDatabase => postgresDatabase;

    public IReadOnlyList<DemoAccount> Accounts { get; private set; } = [];

    public RegistryNode Node => Services.GetRequiredService<RegistryNode>();

    public string Password(string userId) => Accounts.Single(a => a.UserId == userId).Password;

    /// <summary>
    /// The time second-factor codes are checked against: each login moves it on one 30-second step, so tests
    /// may log the same user in many times without replaying a code (the rest of the host keeps the real clock).
    /// </summary>
    public FakeClock OneTimePasswordClock { get; } = new(SystemClock.Instance.GetCurrentInstant());

    /// <summary>The clock the session cookies expire by: a test moves it forward to let sessions run out.</summary>
    public SessionTime SessionClock { get; } = new();

    private readonly SemaphoreSlim loginGate = new(1, 1);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<HttpClient>>> sharedSessions = new();

    /// <summary>
    /// One logged-in client per user for the tests of this host that only read and check what they are allowed (the
    /// authorisation matrix): a fresh login for each of its ~300 calls was most of its time. A test that changes its
    /// session (lock, reason, log-out, revocation) logs in on its own.
    /// </summary>
    public Task<HttpClient> SharedSessionAsync(string userId) => sharedSessions.GetOrAdd(userId, id => new(() => LoggedInAsync(id))).Value;

    /// <summary>A client of its own (no redirects followed) with a fresh session of the user, 処理事由 窓口 chosen.</summary>
    public async Task<HttpClient> LoggedInAsync(string userId)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await LogInAsync(client, userId)).EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>The code the user's authenticator app shows in the next step.</summary>
    public string CodeFor(string userId) => OneTimePasswordClock.NextCode(Node, Accounts.Single(a => a.UserId == userId).SecondFactorSecret);

    /// <summary>
    /// Logs in through <c>POST /api/v1/session</c> with the account's password and a fresh code (or the given ones),
    /// one login at a time so that no code is checked after a later step's code; then, unless told not to,
    /// chooses 窓口 as the session's 処理事由 as a clerk does before the first look-up.
    /// </summary>
    public async Task<HttpResponseMessage> LogInAsync(HttpClient client, string userId, string? password = null, string? code = null, bool chooseReason = true)
    {
        HttpResponseMessage response;
        await loginGate.WaitAsync();
        try
        {
            var known = Accounts.Any(a => a.UserId == userId);
            response = await client.PostAsJsonAsync("/api/v1/session", new { userId, password = password ?? (known ? Password(userId) : "no-such-password"), code = code ?? (known ? CodeFor(userId) : "000000") });
        }
        finally
        {
            loginGate.Release();
        }
        if (response.IsSuccessStatusCode && chooseReason)
        {
            (await client.PutAsJsonAsync("/api/v1/session/reason", new { reason = "Counter" })).EnsureSuccessStatusCode();
        }
        return response;
    }

    /// <summary>
    /// Completes once <paramref name="condition"/> holds, checking it now and again each time the embedded 住基ネット
    /// acknowledges a message anywhere (the registry to its CS, and every node's sends): the test waits for delivery
    /// instead of polling. Fails after a minute with <paramref name="what"/>.
    /// </summary>
    public async Task WhenDeliveredAsync(string what, Func<Task<bool>> condition)
    {
        var connection = Services.GetRequiredService<JukiNetConnection>();
        await connection.Ready;
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Moved() => Volatile.Read(ref signal).TrySetResult();
        void OnLink(int _) => Moved();
        void OnNode(JukiNet.Persistence.OutboxRow _) => Moved();
        var nodes = connection.Network?.Nodes.Select(n => n.Node).ToList() ?? [];
        connection.Link!.Delivered += OnLink;
        nodes.ForEach(n => n.Acknowledged += OnNode);
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            while (true)
            {
                var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref signal, next);
                if (await condition())
                {
                    return;
                }
                try
                {
                    await next.Task.WaitAsync(deadline.Token);
                }
                catch (OperationCanceledException)
                {
                    Assert.Fail($"1分待っても届きません: {what}");
                }
            }
        }
        finally
        {
            connection.Link.Delivered -= OnLink;
            nodes.ForEach(n => n.Acknowledged -= OnNode);
        }
    }

    /// <summary>Chooses 窓口 as the 処理事由 on its screen, with the keyboard (the choice is focused; Tab, Enter).</summary>
    public static async Task ChooseReasonAsync(Microsoft.Playwright.IPage page)
    {
        await page.WaitForSelectorAsync("#kind:focus");
        await page.SelectOptionAsync("#kind", "Counter");
        await page.Keyboard.PressAsync("Tab");
        // Enter only once the focus is in the text field: Enter on the select itself submits nothing.
        await page.WaitForSelectorAsync("#note:focus");
        var response = await page.RunAndWaitForResponseAsync(
            () => page.Keyboard.PressAsync("Enter"),
            r => r.Request.Method == "POST" && r.Url.Contains("/reason", StringComparison.Ordinal));
        Assert.Equal(302, response.Status);
        await page.WaitForURLAsync(url => !url.Contains("/reason", StringComparison.Ordinal));
    }

    /// <summary>
    /// Types into the login screen as a clerk does — ID, Tab, password, Tab, the code from the app, Enter — starting
    /// with the focus on the ID field; the caller waits for where it should land.
    /// </summary>
    public async Task TypeLoginAsync(Microsoft.Playwright.IPage page, string userId, string? password = null, string? code = null)
    {
        await loginGate.WaitAsync();
        try
        {
            await page.Keyboard.TypeAsync(userId);
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.TypeAsync(password ?? Password(userId));
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.TypeAsync(code ?? CodeFor(userId));
            // The gate opens only once the server has answered the form: an API login let in earlier would take the
            // next code step, and this code would then be checked as an old one (the flaky "navigation to /" timeouts).
            var answered = page.WaitForResponseAsync(r => r.Request.Method == "POST");
            await page.Keyboard.PressAsync("Enter");
            await answered;
        }
        finally
        {
            loginGate.Release();
        }
    }

    /// <summary>The demo data depends on the day it is generated; tests ask it what is there instead of guessing.</summary>
    public async Task<string> CommonSurnameKanaAsync()
    {
        await using var db = Node.Database.Open();
        return await db.ResidentHistory.Where(h => h.Kind == Domain.Residents.ResidentKind.Japanese)
            .GroupBy(h => h.FamilyNameKana).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstAsync();
    }

    /// <summary>The birth year most Japanese residents share, in 西暦 and as typed in 和暦 (e.g. 昭和50年), for searches by year.</summary>
    public async Task<(int Year, string Wareki)> CommonBirthYearAsync()
    {
        await using var db = Node.Database.Open();
        var year = await db.Residents.Where(r => r.Kind == (int)Domain.Residents.ResidentKind.Japanese && r.BirthKey > 0)
            .GroupBy(r => r.BirthKey / 10000).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstAsync();
        var wareki = Node.Dates.Parse(year.ToString(System.Globalization.CultureInfo.InvariantCulture), Domain.Dates.DateRule.MayBeUncertain)
            .ToWareki(Node.Options.Eras).Replace(" 月日不詳", "", StringComparison.Ordinal);
        return (year, wareki);
    }

    public async Task InitializeAsync()
    {
        // The host finds a register already filled (a copy of the process's template) and generates nothing.
        await TestRegistry.CopyTemplateAsync(provider, $"registry-{residents}-now", residents, null, directory, postgresDatabase ?? "");
        if (kestrel)
        {
            UseKestrel(0);
            StartServer();
            BaseUrl = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
                .Addresses.First().Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        }
        else
        {
            _ = Server;
        }
        Accounts = File.ReadAllLines(Path.Combine(directory, "demo-accounts.txt"))
            .Select(l => l.Split('\t')).Select(p => new DemoAccount(p[0], p[1], p[2], p[3], p[4])).ToList();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Provider", provider.ToString());
        builder.UseSetting("ConnectionStrings:Registry", postgresDatabase is null
            ? $"Data Source={Path.Combine(directory, "registry.db")}"
            : new NpgsqlConnectionStringBuilder(TestRegistry.PostgresServer) { Database = postgresDatabase }.ConnectionString);
        builder.UseSetting("Jumin:DataDirectory", directory);
        builder.UseSetting("Jumin:DemoResidents", residents.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Jumin:PasswordHashIterations", TestRegistry.PasswordHashIterations.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Tests log in hundreds of times a minute from one address; RateLimitWebApp tests the production-like limit.
        builder.UseSetting("Jumin:RateLimit:AnonymousPerMinute", "100000");
        // 住基ネット is off unless a fixture turns it on: most tests are about the registry alone.
        builder.UseSetting("Jumin:JukiNet:Mode", "off");
        builder.ConfigureServices(services =>
        {
            services.AddKeyedSingleton<IClock>(RegistryHosting.OneTimePasswordClock, OneTimePasswordClock);
            services.AddSingleton<IStartupFilter, ClientAddressFilter>();
            services.PostConfigure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(Infrastructure.OperatorClaims.Scheme, o => o.TimeProvider = SessionClock);
        });
        if (kestrel)
        {
            builder.UseUrls("http://127.0.0.1:0");
        }
        Configure(builder);
    }

    /// <summary>Settings of a particular fixture on top of the common ones.</summary>
    protected virtual void Configure(IWebHostBuilder builder)
    {
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (postgresDatabase is not null)
        {
            await TestRegistry.DropPostgresDatabaseAsync(postgresDatabase);
        }
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up.
        }
    }
}

/// <summary>
/// The in-memory test server has no client address; requests come from the server's own terminal (127.0.0.1)
/// unless a test names another with <see cref="ClientAddressFilter.Header"/>, as if sent from that machine.
/// </summary>
internal sealed class ClientAddressFilter : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var address))
            {
                context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(address.ToString());
            }
            else
            {
                context.Connection.RemoteIpAddress ??= System.Net.IPAddress.Loopback;
            }
            await nextMiddleware();
        });
        next(app);
    };
}

public sealed class SqliteWebApp() : WebAppFixture(DatabaseProvider.Sqlite, kestrel: false);

public sealed class PostgresWebApp() : WebAppFixture(DatabaseProvider.Postgres, kestrel: false);

public sealed class BrowserWebApp() : WebAppFixture(DatabaseProvider.Sqlite, kestrel: true);

/// <summary>A host that lets five requests without a session through per address and minute.</summary>
public sealed class RateLimitWebApp() : WebAppFixture(DatabaseProvider.Sqlite, kestrel: false)
{
    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Jumin:RateLimit:AnonymousPerMinute", "5");
}

/// <summary>A PostgreSQL host of its own, whose database a test makes unreachable and back.</summary>
public sealed class HealthWebApp() : WebAppFixture(DatabaseProvider.Postgres, kestrel: false);

/// <summary>A host behind a reverse proxy at 10.0.0.5 (<c>Jumin:Proxies</c>).</summary>
public sealed class ProxyWebApp() : WebAppFixture(DatabaseProvider.Sqlite, kestrel: false)
{
    public const string Proxy = "10.0.0.5";

    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Jumin:Proxies", Proxy);
}

/// <summary>A host whose audit checkpoints cannot be written (the file's directory cannot be made).</summary>
public sealed class FailingCheckpointWebApp() : WebAppFixture(DatabaseProvider.Sqlite, kestrel: false)
{
    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Jumin:AuditCheckpointFile", "/proc/jumin-no-such-directory/audit-checkpoints.jsonl");
}

/// <summary>A browser host whose screens lock after two idle seconds.</summary>
public sealed class IdleLockWebApp() : WebAppFixture(DatabaseProvider.Sqlite, kestrel: true)
{
    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Jumin:IdleLockSeconds", "2");
}

/// <summary>
/// A registry with the embedded 住基ネット (全国, two 都道府県, two CS) in the same process, on a smaller register: its
/// people all go up the network at start (初期移行), which with 300 took most of the class's time.
/// </summary>
public sealed class JukiNetWebApp() : WebAppFixture(DatabaseProvider.Sqlite, kestrel: false, JukiNetResidents)
{
    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Jumin:JukiNet:Mode", "embedded");
        builder.UseSetting("Jumin:JukiNet:RetryMilliseconds", "100");
    }
}

/// <summary>A browser host with the embedded 住基ネット, on the smaller register of <see cref="JukiNetWebApp"/>.</summary>
public sealed class JukiNetBrowserWebApp() : WebAppFixture(DatabaseProvider.Sqlite, kestrel: true, JukiNetResidents)
{
    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Jumin:JukiNet:Mode", "embedded");
        builder.UseSetting("Jumin:JukiNet:RetryMilliseconds", "100");
    }
}

/// <summary>The system time plus an offset a test sets (and puts back).</summary>
public sealed class SessionTime : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
