using Jumin.Registry;
using Jumin.Registry.Persistence;
using Jumin.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Jumin.Web.Tests;

/// <summary>
/// The real web host on a fresh register (SQLite file or a new PostgreSQL database) with a small
/// demo municipality. <paramref name="kestrel"/> puts it on a real loopback port for the browser.
/// </summary>
public abstract class WebAppFixture(DatabaseProvider provider, bool kestrel) : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const int DemoResidents = 300;

    private readonly string directory = Directory.CreateTempSubdirectory("jumin-web-").FullName;
    private readonly string? postgresDatabase = provider == DatabaseProvider.Postgres ? "jumin_web_" + Guid.NewGuid().ToString("N")[..16] : null;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<DemoAccount> Accounts { get; private set; } = [];

    public RegistryNode Node => Services.GetRequiredService<RegistryNode>();

    public string Password(string userId) => Accounts.Single(a => a.UserId == userId).Password;

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

    public Task InitializeAsync()
    {
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
            .Select(l => l.Split('\t')).Select(p => new DemoAccount(p[0], p[1], p[2], p[3])).ToList();
        return Task.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Provider", provider.ToString());
        builder.UseSetting("ConnectionStrings:Registry", postgresDatabase is null
            ? $"Data Source={Path.Combine(directory, "registry.db")}"
            : new NpgsqlConnectionStringBuilder(TestRegistry.PostgresServer) { Database = postgresDatabase }.ConnectionString);
        builder.UseSetting("Jumin:DataDirectory", directory);
        builder.UseSetting("Jumin:DemoResidents", DemoResidents.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Jumin:Terminal", "TEST-01");
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
        NpgsqlConnection.ClearAllPools();
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

public sealed class SqliteWebApp() : WebAppFixture(DatabaseProvider.Sqlite, kestrel: false);

public sealed class PostgresWebApp() : WebAppFixture(DatabaseProvider.Postgres, kestrel: false);

public sealed class BrowserWebApp() : WebAppFixture(DatabaseProvider.Sqlite, kestrel: true);

/// <summary>A browser host whose screens lock after two idle seconds.</summary>
public sealed class IdleLockWebApp() : WebAppFixture(DatabaseProvider.Sqlite, kestrel: true)
{
    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Jumin:IdleLockSeconds", "2");
}
