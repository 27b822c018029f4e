using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Jumin.JukiNet.Identity;
using Jumin.JukiNet.Pki;
using Jumin.JukiNet.Protocol;
using Jumin.JukiNet.Transport;

namespace Jumin.Cli.Tests;

/// <summary><c>jumin pki</c> and <c>jumin node run</c>: a CS started from the command line answers over mutual TLS.</summary>
public sealed class PkiTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("jumin-pki-").FullName;

    private string Pki => Path.Combine(directory, "pki");

    private Task<int> Run(params string[] args) => JuminCli.Create().RunAsync([.. args, "--pki", Pki]);

    [Fact]
    public async Task The_CA_issues_each_node_a_certificate_in_the_directory_and_bad_input_issues_nothing()
    {
        Assert.Equal(0, await Run("pki", "init"));
        Assert.Equal(2, await Run("pki", "init"));
        Assert.NotEqual(0, await Run("pki", "issue", "cs_032999"));
        Assert.Equal(2, await Run("pki", "issue", "cs-032999", "--parent", "prefecture-03", "--code", "032999"));
        // The 地方公共団体コード is checked against its rule and the node's name (issue 15 item 13).
        foreach (var (node, code) in new[] { ("cs-032999", "みどり市"), ("cs-032999", "032998"), ("cs-032999", "03299"), ("cs-032999", "042994"), ("cs-032999", null), ("prefecture-03", "04"), ("prefecture-03", "99"), ("national", "032999") })
        {
            string[] args = code is null ? ["pki", "issue", node, "--endpoint", "https://127.0.0.1:18445"] : ["pki", "issue", node, "--code", code, "--endpoint", "https://127.0.0.1:18445"];
            Assert.NotEqual(0, await Run(args));
        }
        Assert.Equal(0, await Run("pki", "issue", "national", "--endpoint", "https://127.0.0.1:18443"));
        Assert.Equal(0, await Run("pki", "issue", "prefecture-03", "--parent", "national", "--code", "03", "--endpoint", "https://127.0.0.1:18444"));

        var directoryFile = await NodeDirectory.LoadAsync(Path.Combine(Pki, "directory.json"));
        Assert.Equal(["national", "prefecture-03"], directoryFile.Entries.Select(e => e.Id.Value).Order());
        var authority = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Pki, "ca.crt"));
        Assert.All(directoryFile.Entries, e => Assert.True(ProjectCertificateAuthority.IsIssuedBy(e.Certificate, authority)));
        Assert.True(File.Exists(Path.Combine(Pki, "nodes", "prefecture-03.key")));
    }

    [Fact]
    public async Task A_CS_run_from_the_command_line_takes_a_signed_update_from_its_registry_over_mutual_TLS()
    {
        var port = JukiNet.Hosting.LocalNetwork.FreeLoopbackPort();
        Assert.Equal(0, await Run("pki", "init"));
        Assert.Equal(0, await Run("pki", "issue", "national", "--endpoint", $"https://127.0.0.1:{JukiNet.Hosting.LocalNetwork.FreeLoopbackPort()}"));
        Assert.Equal(0, await Run("pki", "issue", "prefecture-03", "--parent", "national", "--code", "03", "--endpoint", $"https://127.0.0.1:{JukiNet.Hosting.LocalNetwork.FreeLoopbackPort()}"));
        Assert.Equal(0, await Run("pki", "issue", "cs-032999", "--parent", "prefecture-03", "--code", "032999", "--endpoint", $"https://127.0.0.1:{port}"));
        Assert.Equal(0, await Run("pki", "issue", "registry-032999", "--parent", "cs-032999", "--code", "032999"));

        using var stop = new CancellationTokenSource();
        var running = JuminCli.Create().RunAsync(["node", "run", "cs-032999", "--pki", Pki, "--connection", $"Data Source={Path.Combine(directory, "cs.db")}"], stop.Token);
        var registry = ProjectCertificateAuthority.LoadNode(Path.Combine(Pki, "nodes"), NodeId.Parse("registry-032999"));
        var nodes = await NodeDirectory.LoadAsync(Path.Combine(Pki, "directory.json"));
        using var transport = new HttpsTransport(registry, X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Pki, "ca.crt")));
        using var key = registry.GetECDsaPrivateKey()!;
        var envelope = new Envelope
        {
            From = "registry-032999",
            To = "cs-032999",
            Stream = Streams.Update,
            Sequence = 1,
            Kind = MessageKinds.IdentityUpdate,
            Body = JsonSerializer.Serialize(new IdentityUpdateMessage("10000000011", null, "佐藤　一郎", "サトウ　イチロウ", "1978年4月1日", 1, "岩手県みどり市中央一丁目１番地", null, 101, "2026年11月1日", true), Envelope.Json),
            SentAt = "2026-11-30T00:00:00Z",
        }.SignedWith(key);

        Reply? reply = null;
        for (var attempt = 0; attempt < 100 && reply is null; attempt++)
        {
            try
            {
                reply = await transport.SendAsync(nodes.Get(NodeId.Parse("cs-032999")), envelope);
            }
            catch (NodeUnreachableException)
            {
                await Task.Delay(200);
            }
        }
        await stop.CancelAsync();

        Assert.Equal(0, await running);
        Assert.NotNull(reply);
        Assert.Equal(ReplyOutcome.Applied, reply.Outcome);
        Assert.Null(reply.Reason);
    }

    [Fact]
    public async Task The_call_centre_command_reaches_the_national_card_system_over_mutual_TLS_and_a_bad_number_sends_nothing()
    {
        Assert.Equal(0, await Run("pki", "init"));
        Assert.Equal(0, await Run("pki", "issue", "national", "--endpoint", $"https://127.0.0.1:{JukiNet.Hosting.LocalNetwork.FreeLoopbackPort()}"));
        Assert.Equal(0, await Run("pki", "issue", "callcentre-jlis", "--name", "個人番号カードコールセンター"));
        var nationalStore = Path.Combine(directory, "national.db");
        using var stop = new CancellationTokenSource();
        var running = JuminCli.Create().RunAsync(["node", "run", "national", "--pki", Pki, "--connection", $"Data Source={nationalStore}",
            "--numbers-connection", $"Data Source={Path.Combine(directory, "numbers.db")}", "--cards-connection", $"Data Source={Path.Combine(directory, "cards.db")}", "--keys", Path.Combine(directory, "keys")], stop.Token);
        var number = Domain.Identifiers.IndividualNumber.FromLeadingDigits("12345678901").Digits;

        Assert.Equal(2, await Run("callcentre", "suspend", "12345", "--reason", "紛失", "--operator", "応対者07"));
        var exit = 1;
        for (var attempt = 0; attempt < 100 && exit == 1; attempt++)
        {
            exit = await Run("callcentre", "suspend", number, "--reason", "紛失", "--operator", "応対者07");
            if (exit == 1)
            {
                await Task.Delay(200);
            }
        }
        await stop.CancelAsync();
        Assert.Equal(0, await running);

        // No card has that number: refused by the card system (2), the request logged at the 全国サーバ as received from the コールセンター.
        Assert.Equal(2, exit);
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={nationalStore}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT peer, kind, outcome, reason FROM message_log";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("callcentre-jlis", "card-operation", "業務エラー"), (reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        Assert.Contains("個人番号カードはありません", reader.GetString(3), StringComparison.Ordinal);
        Assert.False(await reader.ReadAsync());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS.
        }
    }
}
