using Spectre.Console.Cli;

namespace Jumin.Cli;

/// <summary>The <c>jumin</c> command line: what operators run against a node's database.</summary>
public static class JuminCli
{
    public static CommandApp Create()
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("jumin");
            config.SetExceptionHandler((exception, _) => ExitCodes.Report(exception));
            config.AddCommand<InitCommand>("init").WithDescription("データベースを作成・移行する（既存データは保持）");
            config.AddCommand<SeedCommand>("seed").WithDescription("デモ自治体（合成データ）を生成する").WithExample("seed", "--residents", "300000");
            config.AddCommand<DemoCodeCommand>("demo-code").WithDescription("デモ用アカウントの現在の確認コード（二要素認証）を表示する").WithExample("demo-code", "clerk01");
            config.AddBranch("account", account =>
            {
                account.SetDescription("利用者");
                account.AddCommand<AccountCreateCommand>("create").WithDescription("利用者を登録し、初期パスワードと二要素認証の登録用URIを一度だけ表示する")
                    .WithExample("account", "create", "admin01", "--name", "管理 太郎", "--department", "情報政策課", "--role", "admin");
            });
            config.AddBranch("keys", keys =>
            {
                keys.SetDescription("暗号鍵");
                keys.AddCommand<KeyRotateCommand>("rotate").WithDescription("鍵リングに新しい鍵を追加する（無停止。旧鍵で暗号化した値も読める）")
                    .WithExample("keys", "rotate", "individual-number-encryption");
            });
            config.AddBranch("pki", pki =>
            {
                pki.SetDescription("住基ネットの認証局とノード証明書");
                pki.AddCommand<PkiInitCommand>("init").WithDescription("プロジェクト認証局とノード一覧を作成する");
                pki.AddCommand<PkiIssueCommand>("issue").WithDescription("ノードに証明書を発行し、ノード一覧に登録する")
                    .WithExample("pki", "issue", "cs-032999", "--name", "みどり市 市町村CS", "--code", "032999", "--parent", "prefecture-03", "--endpoint", "https://cs.midori.example:8443");
            });
            config.AddBranch("node", node =>
            {
                node.SetDescription("住基ネットのノード");
                node.AddCommand<NodeRunCommand>("run").WithDescription("ノード（cs, prefecture, national）を相互TLSで起動する")
                    .WithExample("node", "run", "prefecture-03", "--provider", "Postgres", "--connection", "Host=db;Database=prefecture03");
            });
            config.AddBranch("callcentre", callCentre =>
            {
                callCentre.SetDescription("個人番号カード向けコールセンター");
                callCentre.AddCommand<CallCentreSuspendCommand>("suspend").WithDescription("本人確認の後、紛失・盗難の届けられたカードを一時停止する（所管の市町村に通知される）")
                    .WithExample("callcentre", "suspend", "123456789018", "--reason", "紛失", "--operator", "応対者07");
            });
            config.AddBranch("audit", audit =>
            {
                audit.SetDescription("監査ログ");
                audit.AddCommand<AuditVerifyCommand>("verify").WithDescription("ハッシュチェーンとデータベース外のチェックポイントを検証し、最初の改ざん・挿入・欠落を示す");
                audit.AddCommand<AuditCheckpointCommand>("checkpoint").WithDescription("監査ログの先頭の署名付きチェックポイントをデータベース外のファイルに追記する");
            });
        });
        return app;
    }
}
