using Jumin.Domain.Dates;
using Jumin.Registry;
using Jumin.Registry.Certificates;
using Jumin.Registry.Residents;

namespace Jumin.Web.Infrastructure;

internal static class RegistryHosting
{
    /// <summary>
    /// Reads the node's settings: <c>Database:Provider</c>, <c>ConnectionStrings:Registry</c>, <c>Jumin:*</c>. Only a
    /// <paramref name="demo"/> gets demo people (and with them the demo accounts) without asking.
    /// </summary>
    public static RegistryOptions ReadOptions(IConfiguration configuration, bool demo = false)
    {
        var connection = configuration.GetConnectionString("Registry");
        return new RegistryOptions
        {
            Provider = DatabaseProviders.Parse(configuration["Database:Provider"]),
            ConnectionString = string.IsNullOrWhiteSpace(connection) ? null : connection,
            DataDirectory = configuration["Jumin:DataDirectory"] ?? "data",
            AuditCheckpointFile = configuration["Jumin:AuditCheckpointFile"],
            MunicipalityCode = configuration["Jumin:MunicipalityCode"] is { Length: > 0 } code
                ? Domain.Identifiers.LocalGovernmentCode.TryParse(code, out var parsed, out var error) ? parsed : throw new InvalidOperationException($"Jumin:MunicipalityCode: {error.Message}")
                : new RegistryOptions().MunicipalityCode,
            DemoResidents = HostSettings.DemoResidentsOf(configuration, demo),
            DemoSeed = configuration.GetValue("Jumin:DemoSeed", 20261129),
            BulkRegistrationLimit = configuration.GetValue("Jumin:BulkRegistrationLimit", 100),
            LockMinutes = configuration.GetValue("Jumin:LockMinutes", 15),
            RestrictionReleaseMinutes = configuration.GetValue("Jumin:RestrictionReleaseMinutes", 30),
            RasterisationConcurrency = configuration.GetValue("Jumin:RasterisationConcurrency", Environment.ProcessorCount),
            PasswordHashIterations = configuration.GetValue("Jumin:PasswordHashIterations", Registry.Accounts.AccountService.ProductionPasswordHashIterations),
            Certificates = ReadCertificates(configuration, new RegistryOptions().Certificates),
            Eras = ReadEras(configuration),
        };
    }

    /// <summary>
    /// j290, j1040, j1050, j1070 per municipality: <c>Jumin:Certificates:Prefecture</c>, <c>Municipality</c>,
    /// <c>MayorTitle</c>, <c>MayorName</c>, <c>DeputyTitle</c>, <c>DeputyName</c>, <c>SealNote</c>,
    /// <c>SealImage</c> (PNG, black, ≤ 25 mm), <c>Printer</c>, <c>Overflow</c> (truncate | blank).
    /// </summary>
    private static CertificateSettings ReadCertificates(IConfiguration configuration, CertificateSettings defaults)
    {
        var section = configuration.GetSection("Jumin:Certificates");
        var authority = defaults.Authority;
        return defaults with
        {
            Authority = authority with
            {
                Prefecture = section["Prefecture"] ?? authority.Prefecture,
                Municipality = section["Municipality"] ?? authority.Municipality,
                MayorTitle = section["MayorTitle"] ?? authority.MayorTitle,
                MayorName = section["MayorName"] ?? authority.MayorName,
                DeputyTitle = section["DeputyTitle"] ?? authority.DeputyTitle,
                DeputyName = section["DeputyName"] ?? authority.DeputyName,
                SealNote = section["SealNote"] ?? authority.SealNote,
            },
            SealImagePath = section["SealImage"] ?? defaults.SealImagePath,
            Printer = section["Printer"] ?? defaults.Printer,
            Overflow = section["Overflow"]?.Trim().ToLowerInvariant() switch
            {
                null or "" => defaults.Overflow,
                "truncate" => OverflowMode.Truncate,
                "blank" => OverflowMode.Blank,
                var other => throw new InvalidOperationException($"Jumin:Certificates:Overflow は truncate（限界まで出力）か blank（空白で出力）です（{other}）。"),
            },
        };
    }

    /// <summary>
    /// j280: a new 元号 is a configuration change — <c>Jumin:Eras:0:Name</c>, <c>Abbreviation</c>,
    /// <c>Letter</c>, <c>Code</c>, <c>Start</c> (yyyy-MM-dd) — added to 明治…令和.
    /// </summary>
    private static JapaneseEraTable ReadEras(IConfiguration configuration)
    {
        var table = JapaneseEraTable.Default;
        foreach (var section in configuration.GetSection("Jumin:Eras").GetChildren())
        {
            var start = NodaTime.Text.LocalDatePattern.Iso.Parse(section["Start"] ?? "").GetValueOrThrow();
            table = table.WithEra(new JapaneseEra(section["Name"]!, section["Abbreviation"]!, section["Letter"]![0], int.Parse(section["Code"]!, System.Globalization.CultureInfo.InvariantCulture), start));
        }
        return table;
    }

    /// <summary>The key under which a host (or a test) may register the clock second-factor codes are checked against.</summary>
    public const string OneTimePasswordClock = "one-time-password";

    /// <summary>
    /// The node is built when first asked for, so that the host's services (its clock, a test's clock for
    /// one-time passwords) reach it; its parts are registered for injection.
    /// </summary>
    public static IServiceCollection AddRegistryNode(this IServiceCollection services, RegistryOptions options)
    {
        services.AddSingleton(sp => new RegistryNode(options, sp.GetService<NodaTime.IClock>(), sp.GetKeyedService<NodaTime.IClock>(OneTimePasswordClock)));
        services.AddSingleton(sp => sp.GetRequiredService<RegistryNode>().Search);
        services.AddSingleton(sp => sp.GetRequiredService<RegistryNode>().Query);
        services.AddSingleton(sp => sp.GetRequiredService<RegistryNode>().Memos);
        services.AddSingleton(sp => sp.GetRequiredService<RegistryNode>().Accounts);
        services.AddSingleton(sp => sp.GetRequiredService<RegistryNode>().Terminals);
        services.AddSingleton(sp => sp.GetRequiredService<RegistryNode>().AccountAdministration);
        services.AddSingleton(sp => sp.GetRequiredService<RegistryNode>().Audit);
        services.AddSingleton(sp => sp.GetRequiredService<RegistryNode>().Dates);
        services.AddSingleton(sp => sp.GetRequiredService<RegistryNode>().Changes);
        services.AddSingleton(sp => sp.GetRequiredService<RegistryNode>().Locks);
        services.AddSingleton(sp => sp.GetRequiredService<RegistryNode>().Certificates);
        services.AddSingleton(sp => sp.GetRequiredService<RegistryNode>().Restrictions);
        services.AddSingleton(sp => sp.GetRequiredService<RegistryNode>().SupportMeasures);
        services.AddSingleton(sp => sp.GetRequiredService<RegistryNode>().Konbini);
        services.AddSingleton(sp => sp.GetRequiredService<RegistryNode>().AuditAnalysis);
        services.AddSingleton(sp => sp.GetRequiredService<RegistryNode>().Operations);
        services.AddSingleton(sp => sp.GetRequiredService<RegistryNode>().Exports);
        services.AddSingleton(sp => new ChangeRequestBinding(sp.GetRequiredService<RegistryNode>().Dates));
        services.AddSingleton(new ResidentPresentation(options.Eras));
        return services;
    }

    /// <summary>Migrates, creates demo accounts and demo residents when empty, and prints the accounts.</summary>
    public static async Task PrepareAsync(RegistryNode node)
    {
        await node.InitialiseAsync();
        // Demo accounts exist only in a demo register (Jumin:DemoResidents > 0), never in production.
        var accounts = node.Options.DemoResidents > 0 ? await node.EnsureDemoAccountsAsync() : [];
        var lastReport = DateTime.UtcNow;
        var loaded = await node.EnsureDemoResidentsAsync(new SyncProgress<int>(n =>
        {
            if ((DateTime.UtcNow - lastReport).TotalSeconds >= 1 || n >= node.Options.DemoResidents)
            {
                lastReport = DateTime.UtcNow;
                Console.WriteLine($"デモ住民を生成中… {n:N0} / {node.Options.DemoResidents:N0} 人");
            }
        }));
        if (loaded > 0)
        {
            Console.WriteLine($"デモ住民 {loaded:N0} 人を生成しました。");
        }
        var cards = await node.EnsureDemoCardsAsync();
        if (cards.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"コンビニ交付の模擬カード（POST /api/v1/konbini/certificates、{Path.Combine(node.Options.DataDirectory, "demo-cards.txt")}）:");
            foreach (var card in cards)
            {
                Console.WriteLine(card);
            }
        }
        if (accounts.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"デモ用アカウント（{Path.Combine(node.Options.DataDirectory, "demo-accounts.txt")}。デモ専用）: 利用者ID パスワード 二要素認証の秘密鍵");
            Console.WriteLine("  確認コードは秘密鍵を認証アプリに登録するか、 dotnet run --project src/Jumin.Cli -- demo-code clerk01 で表示します。");
            foreach (var a in accounts)
            {
                Console.WriteLine(a.ConsoleLine);
            }
            Console.WriteLine();
        }
    }
}
