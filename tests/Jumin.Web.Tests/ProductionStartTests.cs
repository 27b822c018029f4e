using Jumin.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Jumin.Web.Tests;

/// <summary>
/// Issue 20 item 3: a start is production unless a demo is asked for. Production makes no demo people or accounts (whose
/// passwords and second-factor secrets a demo prints), runs no simulated 住基ネット, and refuses to start without the
/// settings it cannot guess, naming each, before anything is written.
/// </summary>
public sealed class ProductionStartTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("jumin-production-").FullName;

    private static HostSettings Production(Action<HostSettings>? change = null)
    {
        var settings = new HostSettings { Demo = false, MunicipalityCode = "032999", JukiNetMode = "off" };
        change?.Invoke(settings);
        return settings;
    }

    private static IReadOnlyList<string> Failures(HostSettings settings) =>
        new HostSettingsValidation().Validate(null, settings) is { Failed: true } result ? [.. result.Failures!] : [];

    [Fact]
    public void Production_names_every_missing_setting_and_a_demo_needs_none()
    {
        var failures = Failures(new HostSettings());

        Assert.Equal(2, failures.Count);
        Assert.StartsWith("Jumin:MunicipalityCode:", failures[0], StringComparison.Ordinal);
        Assert.StartsWith("Jumin:JukiNet:Mode:", failures[1], StringComparison.Ordinal);
        Assert.All(failures, f => Assert.Contains("指定してください", f, StringComparison.Ordinal));
        Assert.Empty(Failures(new HostSettings { Demo = true }));
        Assert.Empty(Failures(Production()));
    }

    [Fact]
    public void Production_refuses_the_simulated_network_demo_people_and_a_demo_data_directory()
    {
        Assert.Contains("デモ専用", Assert.Single(Failures(Production(s => s.JukiNetMode = "embedded"))), StringComparison.Ordinal);
        Assert.StartsWith("Jumin:DemoResidents:", Assert.Single(Failures(Production(s => s.DemoResidents = 300))), StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(directory, Registry.RegistryNode.DemoAccountsFileName), "");
        Assert.StartsWith("Jumin:DataDirectory:", Assert.Single(Failures(Production(s => s.DataDirectory = directory))), StringComparison.Ordinal);
        Assert.Empty(Failures(Production(s => (s.DataDirectory, s.Demo) = (directory, true))));
    }

    [Fact]
    public void Bad_values_are_named_in_a_demo_too()
    {
        Assert.StartsWith("ConnectionStrings:Registry:", Assert.Single(Failures(new HostSettings { Demo = true, Provider = "Postgres" })), StringComparison.Ordinal);
        Assert.StartsWith("Database:Provider", Assert.Single(Failures(new HostSettings { Demo = true, Provider = "Oracle" })), StringComparison.Ordinal);
        Assert.StartsWith("Jumin:MunicipalityCode:", Assert.Single(Failures(new HostSettings { Demo = true, MunicipalityCode = "12" })), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_demo_gets_demo_people_without_asking()
    {
        var none = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
        Assert.Equal(0, RegistryHosting.ReadOptions(none).DemoResidents);
        Assert.Equal(HostSettings.DefaultDemoResidents, RegistryHosting.ReadOptions(none, demo: true).DemoResidents);
        var (others, demo) = HostSettings.TakeDemoSwitch(["--urls", "http://0.0.0.0:8080", "--demo"]);
        Assert.Equal(["--urls", "http://0.0.0.0:8080"], others);
        Assert.True(demo);
        Assert.False(HostSettings.TakeDemoSwitch(["--urls", "http://0.0.0.0:8080"]).Demo);
    }

    [Fact]
    public void A_production_start_without_its_settings_fails_naming_them_and_writes_nothing()
    {
        using var factory = Host(("Jumin:DataDirectory", directory));

        var failure = Assert.Throws<OptionsValidationException>(() => factory.Services);

        Assert.Contains("Jumin:MunicipalityCode", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Jumin:JukiNet:Mode", failure.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
    }

    [Fact]
    public async Task A_production_start_with_its_settings_has_no_demo_people_or_accounts()
    {
        await using var factory = Host(("Jumin:DataDirectory", directory), ("Jumin:MunicipalityCode", "032999"), ("Jumin:JukiNet:Mode", "off"));

        var node = factory.Services.GetRequiredService<Registry.RegistryNode>();

        await using var db = node.Database.Open();
        Assert.Equal(0, await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Residents));
        Assert.Equal(0, await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Users));
        Assert.False(File.Exists(Path.Combine(directory, Registry.RegistryNode.DemoAccountsFileName)));
    }

    private static WebApplicationFactory<Program> Host(params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A stopping host's last checkpoint may land during the delete; left for the OS.
        }
    }
}
