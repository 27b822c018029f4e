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
            config.AddBranch("audit", audit =>
            {
                audit.SetDescription("監査ログ");
                audit.AddCommand<AuditVerifyCommand>("verify").WithDescription("ハッシュチェーンを検証し、最初の改ざん・挿入・欠落を示す");
            });
        });
        return app;
    }
}
