using System.ComponentModel;
using Jumin.Registry;
using Jumin.Registry.Access;
using Jumin.Registry.Accounts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Jumin.Cli;

/// <summary>Where the register is: the same settings as the web host, as options or environment variables.</summary>
internal class RegistrySettings : CommandSettings
{
    [CommandOption("--provider <PROVIDER>")]
    [Description("Sqlite（既定）または Postgres。環境変数 Database__Provider でも指定できます。")]
    public string? Provider { get; init; }

    [CommandOption("--connection <CONNECTION>")]
    [Description("接続文字列。環境変数 ConnectionStrings__Registry でも指定できます。")]
    public string? Connection { get; init; }

    [CommandOption("--data <DIR>")]
    [Description("データと鍵のディレクトリ（既定 ./data）。")]
    public string? DataDirectory { get; init; }

    public RegistryNode Node(int demoResidents = 0, int seed = 20261129) => new(new RegistryOptions
    {
        Provider = DatabaseProviders.Parse(Provider ?? Environment.GetEnvironmentVariable("Database__Provider")),
        ConnectionString = Connection ?? NullIfEmpty(Environment.GetEnvironmentVariable("ConnectionStrings__Registry")),
        DataDirectory = DataDirectory ?? Environment.GetEnvironmentVariable("Jumin__DataDirectory") ?? "data",
        AuditCheckpointFile = NullIfEmpty(Environment.GetEnvironmentVariable("Jumin__AuditCheckpointFile")),
        DemoResidents = demoResidents,
        DemoSeed = seed,
    });

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}

internal sealed class InitCommand : AsyncCommand<RegistrySettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, RegistrySettings settings, CancellationToken cancellationToken)
    {
        var node = settings.Node();
        await node.InitialiseAsync(cancellationToken);
        AnsiConsole.MarkupLine($"[green]データベースを最新の構成にしました[/]（{node.Database.Provider}）。");
        return 0;
    }
}

internal sealed class SeedSettings : RegistrySettings
{
    [CommandOption("--residents <COUNT>")]
    [Description("生成する住民の数（既定 10000）。")]
    [DefaultValue(10000)]
    public int Residents { get; init; } = 10000;

    [CommandOption("--seed <SEED>")]
    [Description("乱数の種（同じ種なら同じデータ）。")]
    [DefaultValue(20261129)]
    public int Seed { get; init; } = 20261129;

    public override ValidationResult Validate() =>
        Residents is < 1 or > 5_000_000 ? ValidationResult.Error("--residents は1～5,000,000です。") : ValidationResult.Success();
}

internal sealed class SeedCommand : AsyncCommand<SeedSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SeedSettings settings, CancellationToken cancellationToken)
    {
        var node = settings.Node(settings.Residents, settings.Seed);
        await node.InitialiseAsync(cancellationToken);
        var accounts = await node.EnsureDemoAccountsAsync(cancellationToken);
        var started = DateTime.UtcNow;
        var loaded = 0;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask("デモ住民を生成", maxValue: settings.Residents);
                loaded = await node.Demo.LoadAsync(settings.Residents, settings.Seed, new SyncProgress<int>(n => task.Value = n), cancellationToken);
                task.Value = task.MaxValue;
            });
        var seconds = (DateTime.UtcNow - started).TotalSeconds;
        AnsiConsole.MarkupLine($"[green]{loaded:N0}人を生成しました[/]（{seconds:N1}秒、{loaded / Math.Max(seconds, 0.001):N0}人/秒）。");
        foreach (var a in accounts)
        {
            AnsiConsole.WriteLine(a.ConsoleLine);
        }
        return 0;
    }
}

internal sealed class AuditVerifyCommand : AsyncCommand<RegistrySettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, RegistrySettings settings, CancellationToken cancellationToken)
    {
        var node = settings.Node();
        var result = await node.AuditCheckpoints.VerifyAsync(node.Database, cancellationToken);
        if (result.IsIntact)
        {
            var anchor = result.AnchoredTo is { } c
                ? $"{NodaTime.Text.InstantPattern.ExtendedIso.Format(c.At)} のチェックポイント（第{c.Sequence:N0}番まで）と一致しています。それより後のログは次のチェックポイントまで末尾の削除を検出できません。"
                : $"チェックポイントがありません（{node.AuditCheckpoints.Path}）。末尾の削除は検出できません。";
            AnsiConsole.MarkupLine($"[green]監査ログは完全です[/]：{result.EntriesChecked:N0}件を検証しました。{Markup.Escape(anchor)}");
            return 0;
        }
        AnsiConsole.MarkupLine($"[red]監査ログに異常があります[/]：{Markup.Escape(result.Problem ?? "")}（正常に検証できたのは{result.EntriesChecked:N0}件）");
        return 2;
    }
}

/// <summary>Appends a checkpoint of the audit log's head to the checkpoint file (the web host does so every minute).</summary>
internal sealed class AuditCheckpointCommand : AsyncCommand<RegistrySettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, RegistrySettings settings, CancellationToken cancellationToken)
    {
        var node = settings.Node();
        var checkpoint = await node.AuditCheckpoints.WriteAsync(node.Database, cancellationToken);
        AnsiConsole.MarkupLine(checkpoint is null
            ? $"前回のチェックポイントから監査ログは増えていません（{Markup.Escape(node.AuditCheckpoints.Path)}）。"
            : $"第{checkpoint.Sequence:N0}番までのチェックポイントを {Markup.Escape(node.AuditCheckpoints.Path)} に追記しました。");
        return 0;
    }
}

internal sealed class DemoCodeSettings : RegistrySettings
{
    [CommandArgument(0, "[USER]")]
    [Description("利用者ID（省略時はデモ用アカウント全員）。")]
    public string? UserId { get; init; }
}

/// <summary>The demo's stand-in for an authenticator app: the current code of each demo account.</summary>
internal sealed class DemoCodeCommand : AsyncCommand<DemoCodeSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, DemoCodeSettings settings, CancellationToken cancellationToken)
    {
        var node = settings.Node();
        var accounts = node.DemoAccounts().Where(a => settings.UserId is null || a.UserId == settings.UserId).ToList();
        if (accounts.Count == 0)
        {
            AnsiConsole.MarkupLine("[red]デモ用アカウントがありません[/]（demo-accounts.txt は開発・体験用のデモ環境にだけあります）。");
            return Task.FromResult(1);
        }
        var left = OneTimePasswords.StepSeconds - (DateTimeOffset.UtcNow.ToUnixTimeSeconds() % OneTimePasswords.StepSeconds);
        foreach (var account in accounts)
        {
            AnsiConsole.WriteLine($"{account.UserId,-12} {node.OneTimePasswords.Now(account.SecondFactorSecret)}");
        }
        AnsiConsole.MarkupLine($"（あと{left}秒有効。一度使った確認コードは再使用できません）");
        return Task.FromResult(0);
    }
}

internal sealed class AccountCreateSettings : RegistrySettings
{
    [CommandArgument(0, "<USER>")]
    [Description("利用者ID（職員一人に一つ）。")]
    public string UserId { get; init; } = "";

    [CommandOption("--name <NAME>")]
    [Description("職員の氏名。")]
    public string Name { get; init; } = "";

    [CommandOption("--department <DEPARTMENT>")]
    [Description("所属。")]
    public string Department { get; init; } = "";

    [CommandOption("--role <ROLE>")]
    [Description("役割（clerk, approver, auditor, admin, contractor）。複数指定可。")]
    public string[] Roles { get; init; } = [];
}

/// <summary>
/// 利用者登録 from the server's console: how a new installation gets its first administrator, who then registers
/// terminals and the other accounts on the 権限管理 screen. The password and second-factor secret are shown once.
/// Once an account holds the 権限管理 right, the console refuses (a shell on the server is not a staff identity), and
/// the refusal is audited with the machine and the OS user.
/// </summary>
internal sealed class AccountCreateCommand : AsyncCommand<AccountCreateSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, AccountCreateSettings settings, CancellationToken cancellationToken)
    {
        var node = settings.Node();
        await node.InitialiseAsync(cancellationToken);
        var password = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
        var request = new NewAccount(settings.UserId, settings.Name, password, settings.Department, settings.Roles, []);
        var errors = request.Validate();
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[red]{error.FieldLabel}[/]: {error.Message}");
            }
            return 2;
        }
        var console = Operator.Batch("account-create") with { Terminal = $"{Environment.MachineName}（OSユーザー {Environment.UserName}）" };
        if (await node.Accounts.HasRightsAdministratorAsync(cancellationToken))
        {
            await node.Audit.AppendAloneAsync(node.Database, [node.Audit.Event(console, Registry.Audit.AuditFunctions.AccessDenied, "利用者登録", outcome: Domain.Audit.AuditOutcome.Refused, detail: $"コンソールからの利用者{settings.UserId}の登録を拒否（権限管理の権限を持つ利用者が既にいる）")], cancellationToken);
            AnsiConsole.MarkupLine("[red]権限管理の権限を持つ利用者が既にいます。[/]利用者の登録は、その利用者が権限管理画面（または /api/v1/accounts）で行います。");
            return 2;
        }
        var enrolment = await node.Accounts.CreateAsync(console, request, cancellationToken);
        AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[green]利用者 {settings.UserId} を登録しました。[/]次の値は一度だけ表示します。");
        AnsiConsole.WriteLine($"  初期パスワード   {password}");
        AnsiConsole.WriteLine($"  認証アプリに登録 {enrolment.Uri}");
        return 0;
    }
}

internal sealed class KeyRotateSettings : RegistrySettings
{
    [CommandArgument(0, "<RING>")]
    [Description("individual-number-encryption（個人番号）または account-secrets（二要素認証の秘密鍵）。")]
    public string Ring { get; init; } = "";

    public override ValidationResult Validate() =>
        Ring is Storage.Security.KeyStore.IndividualNumberRing or Storage.Security.KeyStore.AccountSecretsRing
            ? ValidationResult.Success()
            : ValidationResult.Error($"鍵リングは {Storage.Security.KeyStore.IndividualNumberRing} か {Storage.Security.KeyStore.AccountSecretsRing} です。");
}

/// <summary>
/// 鍵の更新: adds a new newest key to a ring. Nodes keep running: values sealed before stay readable with the
/// old keys, a node seals with the new key after its restart, and a node not yet restarted picks the new key up
/// when it first meets a value sealed with it. The old key files must stay until nothing is sealed with them.
/// </summary>
internal sealed class KeyRotateCommand : AsyncCommand<KeyRotateSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, KeyRotateSettings settings, CancellationToken cancellationToken)
    {
        var node = settings.Node();
        var ring = node.Keys.Rotate(settings.Ring);
        await node.Audit.AppendAloneAsync(node.Database, [node.Audit.Event(Operator.Batch("key-rotate"), Registry.Audit.AuditFunctions.Setting, "鍵の更新", detail: $"鍵リング {settings.Ring} に鍵 {ring.CurrentKeyId} を追加（{ring.Count}本目）")], cancellationToken);
        AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[green]鍵リング {settings.Ring} に新しい鍵 {ring.CurrentKeyId} を追加しました[/]（{ring.Count}本目）。各ノードを順に再起動してください。古い鍵は削除しないでください。");
        return 0;
    }
}
