using Jumin.Domain.Identifiers;
using Microsoft.Extensions.Options;

namespace Jumin.Web.Infrastructure;

/// <summary>
/// Whether this host is a demo (体験・開発用) or a municipality's production register, and the settings production cannot
/// guess. A demo is asked for: the <c>--demo</c> switch (<c>./run.sh</c> passes it), <c>Jumin:Demo=true</c>, or the
/// Development environment. Anything else is production: no demo people and no demo accounts (a demo prints their
/// passwords and second-factor secrets), no simulated 住基ネット, and a start without a required setting fails before
/// anything is written, naming the setting (<see cref="HostSettingsValidation"/>, checked by <c>ValidateOnStart</c>).
/// </summary>
public sealed class HostSettings
{
    /// <summary>The command-line switch for a demo.</summary>
    public const string DemoSwitch = "--demo";

    /// <summary>The demo register's size when <c>Jumin:DemoResidents</c> is not set.</summary>
    public const int DefaultDemoResidents = 10_000;

    public bool Demo { get; set; }

    public string? Provider { get; set; }

    public string? RegistryConnection { get; set; }

    public string? MunicipalityCode { get; set; }

    public int DemoResidents { get; set; }

    public string? JukiNetMode { get; set; }

    public string DataDirectory { get; set; } = "data";

    public static bool IsDemo(IConfiguration configuration, IHostEnvironment environment) =>
        environment.IsDevelopment() || configuration.GetValue("Jumin:Demo", false);

    /// <summary>Takes the <c>--demo</c> switch out of the arguments (the configuration's command line has no flags without a value).</summary>
    public static (string[] Others, bool Demo) TakeDemoSwitch(string[] args) =>
        ([.. args.Where(a => a != DemoSwitch)], args.Contains(DemoSwitch));

    /// <summary><c>Jumin:DemoResidents</c>, or the demo register's size for a demo and none otherwise.</summary>
    public static int DemoResidentsOf(IConfiguration configuration, bool demo) =>
        configuration.GetValue("Jumin:DemoResidents", demo ? DefaultDemoResidents : 0);

    public void Load(IConfiguration configuration, IHostEnvironment environment)
    {
        Demo = IsDemo(configuration, environment);
        Provider = configuration["Database:Provider"];
        RegistryConnection = configuration.GetConnectionString("Registry");
        MunicipalityCode = configuration["Jumin:MunicipalityCode"];
        DemoResidents = DemoResidentsOf(configuration, Demo);
        JukiNetMode = configuration["Jumin:JukiNet:Mode"];
        DataDirectory = configuration["Jumin:DataDirectory"] ?? "data";
    }
}

/// <summary>The rules of <see cref="HostSettings"/>: each failure names its setting and says what to set, in Japanese.</summary>
public sealed class HostSettingsValidation : IValidateOptions<HostSettings>
{
    public ValidateOptionsResult Validate(string? name, HostSettings settings)
    {
        var failures = new List<string>();
        DatabaseProvider? provider = null;
        try
        {
            provider = DatabaseProviders.Parse(settings.Provider);
        }
        catch (ArgumentException e)
        {
            failures.Add(e.Message.Split(" (Parameter", 2)[0]);
        }
        if (provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(settings.RegistryConnection))
        {
            failures.Add("ConnectionStrings:Registry: PostgreSQL の接続文字列を指定してください（例: Host=db;Database=jumin;Username=jumin）。");
        }
        if (!string.IsNullOrWhiteSpace(settings.MunicipalityCode) && !LocalGovernmentCode.TryParse(settings.MunicipalityCode, out _, out var error))
        {
            failures.Add($"Jumin:MunicipalityCode: {error.Message}");
        }
        if (settings.Demo)
        {
            return Result(failures);
        }
        if (string.IsNullOrWhiteSpace(settings.MunicipalityCode))
        {
            failures.Add("Jumin:MunicipalityCode: 本番では団体コード（6桁、例: 032999）を指定してください。デモは --demo で起動します。");
        }
        var mode = settings.JukiNetMode?.Trim().ToLowerInvariant();
        if (mode is not ("connect" or "off"))
        {
            failures.Add(mode == "embedded"
                ? "Jumin:JukiNet:Mode: 模擬の住基ネット（embedded）はデモ専用です。本番では connect（市町村CSへ接続）か off を指定してください。"
                : "Jumin:JukiNet:Mode: 本番では connect（市町村CSへ接続）か off を指定してください。");
        }
        if (settings.DemoResidents > 0)
        {
            failures.Add("Jumin:DemoResidents: デモ住民はデモ（--demo、Jumin:Demo=true、Development 環境）でのみ生成します。本番では設定しないでください。");
        }
        if (File.Exists(Path.Combine(settings.DataDirectory, Registry.RegistryNode.DemoAccountsFileName)))
        {
            failures.Add($"Jumin:DataDirectory: {Path.GetFullPath(settings.DataDirectory)} はデモのデータです（デモ用アカウントのパスワードが {Registry.RegistryNode.DemoAccountsFileName} にあります）。本番は新しいデータディレクトリで始めてください。");
        }
        return Result(failures);
    }

    private static ValidateOptionsResult Result(List<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
}
