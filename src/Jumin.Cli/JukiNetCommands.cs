using System.ComponentModel;
using System.Net;
using Jumin.JukiNet.Hosting;
using Jumin.JukiNet.Pki;
using Jumin.JukiNet.Protocol;
using Jumin.JukiNet.Transport;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Jumin.Cli;

/// <summary>Where the project CA, the node directory and the node certificates are kept.</summary>
internal class PkiSettings : CommandSettings
{
    [CommandOption("--pki <DIR>")]
    [Description("認証局・ノード一覧・ノード証明書のディレクトリ（既定 ./pki）。")]
    public string Directory { get; init; } = "pki";

    public string DirectoryFile => Path.Combine(Directory, ProjectCertificateAuthority.DirectoryFile);

    public string NodesDirectory => Path.Combine(Directory, "nodes");
}

/// <summary><c>jumin pki init</c>: creates the project CA and an empty node directory.</summary>
internal sealed class PkiInitCommand : AsyncCommand<PkiSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, PkiSettings settings, CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(settings.Directory, ProjectCertificateAuthority.CertificateFile)))
        {
            AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[red]{settings.Directory} には既に認証局があります。[/]作り直すと発行済みのノード証明書がすべて使えなくなります。");
            return 2;
        }
        var authority = ProjectCertificateAuthority.Create();
        await authority.SaveAsync(settings.Directory, cancellationToken);
        await new NodeDirectory([]).SaveAsync(settings.DirectoryFile, cancellationToken);
        AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[green]住基ネットの認証局を作成しました[/]（{settings.Directory}/ca.crt）。ca.key はこのディレクトリの外に出さないでください。");
        return 0;
    }
}

internal sealed class PkiIssueSettings : PkiSettings
{
    [CommandArgument(0, "<NODE>")]
    [Description("ノード名（registry-032999, cs-032999, prefecture-03, national, agency-…, callcentre-… ）。")]
    public string Node { get; init; } = "";

    [CommandOption("--name <NAME>")]
    [Description("ノードの名称（例: みどり市 市町村CS）。")]
    public string? Name { get; init; }

    [CommandOption("--code <CODE>")]
    [Description("地方公共団体コード（市町村は6桁、都道府県は2桁）。")]
    public string? Code { get; init; }

    [CommandOption("--parent <NODE>")]
    [Description("上位のノード（既存住基→市町村CS、市町村CS→都道府県サーバ、都道府県サーバ→national）。")]
    public string? Parent { get; init; }

    [CommandOption("--endpoint <URL>")]
    [Description("このノードの待ち受けアドレス（https://host:port）。既存住基・機関には不要。")]
    public string? Endpoint { get; init; }

    [CommandOption("--legal-ground <TEXT>")]
    [Description("機関: 本人確認情報の提供を受ける法令上の根拠。")]
    public string? LegalGround { get; init; }

    public override ValidationResult Validate()
    {
        if (!NodeId.TryParse(Node, out var id, out var error))
        {
            return ValidationResult.Error(error.Message);
        }
        if (id.Value.CheckCode(Code) is { } codeError)
        {
            return ValidationResult.Error("--code: " + codeError.Message);
        }
        if (Parent is not null && !NodeId.TryParse(Parent, out _, out var parentError))
        {
            return ValidationResult.Error("--parent: " + parentError.Message);
        }
        if (Endpoint is not null && (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
        {
            return ValidationResult.Error("--endpoint は https:// で始まるアドレスです。");
        }
        return ValidationResult.Success();
    }
}

/// <summary><c>jumin pki issue</c>: issues one node its certificate and key, and adds it to the node directory.</summary>
internal sealed class PkiIssueCommand : AsyncCommand<PkiIssueSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, PkiIssueSettings settings, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(settings.Directory, ProjectCertificateAuthority.KeyFile)))
        {
            AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[red]{settings.Directory} に認証局がありません。[/]先に jumin pki init を実行してください。");
            return 2;
        }
        var id = NodeId.Parse(settings.Node);
        var role = id.Role;
        var directory = await NodeDirectory.LoadAsync(settings.DirectoryFile, cancellationToken);
        var parent = settings.Parent is null ? (NodeId?)null : NodeId.Parse(settings.Parent);
        if (parent is { } p && directory.Find(p) is null)
        {
            AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[red]上位のノード {p} がノード一覧にありません。[/]上位から順に発行してください。");
            return 2;
        }
        var endpoint = settings.Endpoint is null ? null : new Uri(settings.Endpoint);
        var certificate = ProjectCertificateAuthority.Load(settings.Directory).Issue(id, endpoint?.Host);
        await ProjectCertificateAuthority.SaveNodeAsync(certificate, settings.NodesDirectory, cancellationToken);
        await directory.With(new DirectoryEntry
        {
            Id = id,
            Role = role,
            Name = settings.Name ?? id.Value,
            Code = settings.Code,
            Parent = parent,
            Endpoint = endpoint,
            LegalGround = settings.LegalGround,
            Certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(certificate.RawData),
        }).SaveAsync(settings.DirectoryFile, cancellationToken);
        AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[green]{id}（{role}）の証明書を発行しました[/]: {settings.NodesDirectory}/{id}.crt と .key。ノード一覧（directory.json）と ca.crt を各ノードに配布してください。");
        return 0;
    }
}

internal sealed class NodeRunSettings : PkiSettings
{
    [CommandArgument(0, "<NODE>")]
    [Description("起動するノード名（cs-…, prefecture-…, national）。")]
    public string Node { get; init; } = "";

    [CommandOption("--provider <PROVIDER>")]
    [Description("Sqlite（既定）または Postgres。")]
    public string? Provider { get; init; }

    [CommandOption("--connection <CONNECTION>")]
    [Description("このノードのデータベース（既定 data/jukinet/<ノード名>.db）。")]
    public string? Connection { get; init; }

    [CommandOption("--numbers-connection <CONNECTION>")]
    [Description("national のみ: 個人番号生成システムのデータベース（既定 data/jukinet/national-numbers.db）。")]
    public string? NumbersConnection { get; init; }

    [CommandOption("--cards-connection <CONNECTION>")]
    [Description("national のみ: 個人番号カード管理システムのデータベース（既定 data/jukinet/national-cards.db）。")]
    public string? CardsConnection { get; init; }

    [CommandOption("--keys <DIR>")]
    [Description("鍵のディレクトリ: 個人番号と電文を暗号化する鍵（national は生成鍵も）。既定 data/jukinet/keys。")]
    public string Keys { get; init; } = Path.Combine("data", "jukinet", "keys");
}

/// <summary><c>jumin node run</c>: one 住基ネット node as its own process, behind HTTPS with mutual TLS.</summary>
internal sealed class NodeRunCommand : AsyncCommand<NodeRunSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, NodeRunSettings settings, CancellationToken cancellationToken)
    {
        var id = NodeId.Parse(settings.Node);
        var directory = await NodeDirectory.LoadAsync(settings.DirectoryFile, cancellationToken);
        if (directory.Find(id) is not { Endpoint: { } endpoint })
        {
            AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[red]{id} の待ち受けアドレスがノード一覧にありません。[/]");
            return 2;
        }
        var provider = DatabaseProviders.Parse(settings.Provider);
        var storage = new NodeStorage(provider,
            settings.Connection ?? $"Data Source={Path.Combine("data", "jukinet", id.Value + ".db")}",
            settings.Keys,
            settings.NumbersConnection ?? $"Data Source={Path.Combine("data", "jukinet", id.Value + "-numbers.db")}",
            CardManagementConnectionString: settings.CardsConnection ?? $"Data Source={Path.Combine("data", "jukinet", id.Value + "-cards.db")}");
        var credentials = ProjectCertificateAuthority.LoadNode(settings.NodesDirectory, id);
        var authority = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(Path.Combine(settings.Directory, ProjectCertificateAuthority.CertificateFile));
        using var transport = new HttpsTransport(credentials, authority);
        using var node = await NodeFactory.CreateAsync(id, directory, credentials, authority, storage, transport, cancellationToken: cancellationToken);
        var address = IPAddress.TryParse(endpoint.Host, out var ip) ? ip : IPAddress.Any;
        await using var server = await NodeServer.StartAsync(node.Node, new IPEndPoint(address, endpoint.Port), cancellationToken: cancellationToken);
        AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[green]{id}（{directory.Get(id).Name}）を {server.Address} で起動しました[/]（相互TLS）。Ctrl+C で停止します。");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine("停止しました。送信待ちの電文は次の起動で送信します。");
        }
        return 0;
    }
}

internal sealed class CallCentreSuspendSettings : PkiSettings
{
    [CommandArgument(0, "<INDIVIDUAL_NUMBER>")]
    [Description("カードの持ち主の個人番号（12桁）。")]
    public string IndividualNumber { get; init; } = "";

    [CommandOption("--reason <REASON>")]
    [Description("一時停止の理由（紛失、盗難 など）。")]
    public string Reason { get; init; } = "";

    [CommandOption("--operator <NAME>")]
    [Description("受け付けた応対者。")]
    public string Operator { get; init; } = "";

    [CommandOption("--node <NODE>")]
    [Description("このコールセンターのノード名（既定 callcentre-jlis）。")]
    public string Node { get; init; } = "callcentre-jlis";
}

/// <summary>
/// <c>jumin callcentre suspend</c>: the コールセンター files a 一時停止 with the カード管理システム at the 全国サーバ, over
/// mutual TLS with its own certificate (seed 004 §2.10). Exit 0 when the card is suspended, 2 when refused.
/// </summary>
internal sealed class CallCentreSuspendCommand : AsyncCommand<CallCentreSuspendSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, CallCentreSuspendSettings settings, CancellationToken cancellationToken)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        if (!Domain.Identifiers.IndividualNumber.TryParse(settings.IndividualNumber, out var number, out var error))
        {
            AnsiConsole.MarkupLineInterpolated(culture, $"[red]個人番号: {error.Message}[/]");
            return 2;
        }
        if (string.IsNullOrWhiteSpace(settings.Reason) || string.IsNullOrWhiteSpace(settings.Operator))
        {
            AnsiConsole.MarkupLine("[red]--reason（一時停止の理由）と --operator（応対者）を指定してください。[/]");
            return 2;
        }
        var id = NodeId.Parse(settings.Node);
        var directory = await NodeDirectory.LoadAsync(settings.DirectoryFile, cancellationToken);
        var credentials = ProjectCertificateAuthority.LoadNode(settings.NodesDirectory, id);
        var authority = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(Path.Combine(settings.Directory, ProjectCertificateAuthority.CertificateFile));
        using var transport = new HttpsTransport(credentials, authority);
        var client = new JukiNet.Cards.CallCentreClient(id, credentials, directory, transport, NodaTime.SystemClock.Instance);
        JukiNet.Cards.CardOperationResult result;
        try
        {
            result = await client.SuspendAsync(number.Digits, settings.Reason.Trim(), settings.Operator.Trim(), cancellationToken);
        }
        catch (NodeUnreachableException e)
        {
            AnsiConsole.MarkupLineInterpolated(culture, $"[red]全国サーバに接続できません: {e.Message}[/]");
            return 1;
        }
        if (result.Card is not { } card)
        {
            AnsiConsole.MarkupLineInterpolated(culture, $"[red]一時停止できません: {result.Refusal}[/]");
            return 2;
        }
        AnsiConsole.MarkupLineInterpolated(culture, $"[green]カード {card.CardNumber} を一時停止しました[/]（所管 {card.MunicipalityCode} に通知します）。");
        return 0;
    }
}
