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
            config.AddBranch("audit", audit =>
            {
                audit.SetDescription("監査ログ");
                audit.AddCommand<AuditVerifyCommand>("verify").WithDescription("ハッシュチェーンを検証し、最初の改ざん・挿入・欠落を示す");
            });
        });
        return app;
    }
}
