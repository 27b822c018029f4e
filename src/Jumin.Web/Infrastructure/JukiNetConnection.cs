using Jumin.JukiNet.Hosting;
using Jumin.JukiNet.Pki;
using Jumin.JukiNet.Protocol;
using Jumin.JukiNet.Transport;
using Jumin.Registry;
using Jumin.Registry.Demo;
using Jumin.Registry.JukiNet;
using Jumin.Registry.Operations;

namespace Jumin.Web.Infrastructure;

/// <summary>
/// The registry's connection to 住基ネット, set by <c>Jumin:JukiNet:Mode</c>:
/// <list type="bullet">
/// <item><c>embedded</c> (default): the whole network in this process — 全国サーバ, two 都道府県サーバ (岩手県, 東京都),
/// the CS of the demo municipality and of a second one — over the in-process transport, each node on its own SQLite
/// file under <c>{DataDirectory}/jukinet</c>.</item>
/// <item><c>connect</c>: this registry's CS in another process over mutual TLS (<c>Jumin:JukiNet:Pki</c>, the
/// directory made by <c>jumin pki</c>; <c>Jumin:JukiNet:Node</c>, this registry's node name).</item>
/// <item><c>off</c>: not connected (changes wait in the outbox).</item>
/// </list>
/// On first connection the register's people are queued for the CS (初期移行); the outbox is then sent in the background.
/// </summary>
public sealed class JukiNetConnection(RegistryNode registry, IConfiguration configuration) : BackgroundService
{
    /// <summary>The second municipality of the embedded network (synthetic).</summary>
    public static Municipality Neighbour { get; } = new(Domain.Identifiers.LocalGovernmentCode.Parse("13101").Value, "あおば区", "東京都");

    public static Municipality Demo { get; } = new(DemoMunicipality.Code.Value, DemoMunicipality.Name, DemoMunicipality.Prefecture);

    /// <summary>Set to the connection attempt when the host starts it.</summary>
    private readonly TaskCompletionSource<Task> connecting = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RecurringWork? scheduledConsistency;

    public string Mode { get; } = (configuration["Jumin:JukiNet:Mode"] ?? "embedded").Trim().ToLowerInvariant();

    /// <summary>Null until connected (and always with mode <c>off</c>).</summary>
    public CsLink? Link { get; private set; }

    public MovesBetweenMunicipalities? Moves { get; private set; }

    public IdentityConsistency? Consistency { get; private set; }

    public ResidentCodeAssignment? ResidentCodes { get; private set; }

    public CardWindow? Cards { get; private set; }

    /// <summary>The embedded network (null when connecting to another process).</summary>
    public LocalNetwork? Network { get; private set; }

    /// <summary>Completes once connected, or fails as the connection failed (tests and the start-up message wait for it).</summary>
    public Task Ready => connecting.Task.Unwrap();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Mode == "off")
        {
            connecting.TrySetResult(Task.CompletedTask);
            return;
        }
        var connection = ConnectAsync(stoppingToken);
        connecting.TrySetResult(connection);
        await connection;
        var retry = TimeSpan.FromMilliseconds(configuration.GetValue("Jumin:JukiNet:RetryMilliseconds", 1000));
        // Each loop on its own thread: over the in-process transport on SQLite a whole delivery round completes
        // synchronously, so the loops must not wait for each other's first await. Stopping leaves what is unsent in
        // the outboxes.
        var link = Link!;
        var network = Network;
        await Task.WhenAll(
            Task.Run(() => link.RunAsync(retry, stoppingToken), stoppingToken),
            Task.Run(() => network?.RunSendersAsync(retry, stoppingToken) ?? Task.CompletedTask, stoppingToken),
            Task.Run(() => CheckConsistencyOnScheduleAsync(stoppingToken), stoppingToken));
    }

    /// <summary>
    /// 整合性確認 on a schedule (j1100): every <c>Jumin:JukiNet:ConsistencyHours</c> hours (24; 0 turns it off), as the
    /// batch operator; the result, level by level, is in the audit log and on the 住基ネット screen's next run.
    /// </summary>
    private Task CheckConsistencyOnScheduleAsync(CancellationToken cancellationToken)
    {
        var hours = configuration.GetValue("Jumin:JukiNet:ConsistencyHours", 24.0);
        if (hours <= 0)
        {
            return Task.CompletedTask;
        }
        scheduledConsistency = new(async ct => LastScheduledReport = await Consistency!.RunAsync(Registry.Access.Operator.Batch("consistency"), ct));
        return scheduledConsistency.RunEveryAsync(TimeSpan.FromHours(hours), cancellationToken);
    }

    /// <summary>Why the last scheduled 整合性確認 could not run (null when it ran); a refusal by a peer is also in the audit log.</summary>
    public string? LastScheduledFailure => scheduledConsistency?.LastFailure;

    /// <summary>The last scheduled 整合性確認 (null before the first).</summary>
    public Jumin.JukiNet.Identity.ConsistencyReport? LastScheduledReport { get; private set; }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        CsLinkSettings settings;
        if (Mode == "embedded")
        {
            var directory = Path.Combine(registry.Options.DataDirectory, "jukinet");
            Network = await LocalNetwork.StartAsync(NetworkMode.InProcess, [Demo, Neighbour], id => new NodeStorage(
                DatabaseProvider.Sqlite,
                $"Data Source={Path.Combine(directory, id.Value + ".db")}",
                Path.Combine(directory, "keys"),
                $"Data Source={Path.Combine(directory, id.Value + "-numbers.db")}",
                CardManagementConnectionString: $"Data Source={Path.Combine(directory, id.Value + "-cards.db")}"), registry.Clock, cancellationToken: cancellationToken);
            settings = Network.LinkFor(Demo);
        }
        else if (Mode == "connect")
        {
            var pki = configuration["Jumin:JukiNet:Pki"] ?? "pki";
            var self = NodeId.Parse(configuration["Jumin:JukiNet:Node"] ?? throw new InvalidOperationException("Jumin:JukiNet:Node（この既存住基システムのノード名）を指定してください。"));
            var nodes = await NodeDirectory.LoadAsync(Path.Combine(pki, ProjectCertificateAuthority.DirectoryFile), cancellationToken);
            var credentials = ProjectCertificateAuthority.LoadNode(Path.Combine(pki, "nodes"), self);
            var authority = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(Path.Combine(pki, ProjectCertificateAuthority.CertificateFile));
            var cs = nodes.Get(nodes.Get(self).Parent ?? throw new InvalidOperationException($"{self} の市町村CSがノード一覧にありません。"));
            settings = new CsLinkSettings(self, credentials, cs, new HttpsTransport(credentials, authority));
        }
        else
        {
            throw new InvalidOperationException($"Jumin:JukiNet:Mode は embedded、connect、off のいずれかです（{Mode}）。");
        }
        Link = new CsLink(registry.Database, settings, registry.Clock);
        Moves = new MovesBetweenMunicipalities(registry.Database, registry.Audit, registry.Changes, Link, registry.Clock);
        Consistency = new IdentityConsistency(registry.Database, registry.Audit, Link);
        Cards = new CardWindow(registry.Database, registry.Audit, Link, registry.Clock);
        ResidentCodes = new ResidentCodeAssignment(registry.Database, registry.Audit, registry.Changes, Link, registry.Clock)
        {
            LowStock = configuration.GetValue("Jumin:JukiNet:ResidentCodeLowStock", 50),
        };
        var queued = await Link.EnqueueInitialLoadAsync(registry.Audit, cancellationToken);
        if (queued > 0)
        {
            Console.WriteLine($"住基ネット初期移行: 本人確認情報 {queued:N0} 件を市町村CSへ送信します（進み具合は /jukinet）。");
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Link?.Dispose();
        if (Network is not null)
        {
            await Network.DisposeAsync();
        }
    }
}
