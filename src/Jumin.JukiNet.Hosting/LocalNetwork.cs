using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using System.Security.Cryptography.X509Certificates;
using Jumin.JukiNet.Pki;
using Jumin.JukiNet.Protocol;
using Jumin.JukiNet.Transport;
using Jumin.Registry.JukiNet;
using Jumin.Registry.Persistence;
using NodaTime;

namespace Jumin.JukiNet.Hosting;

/// <summary>A municipality on the network: its 地方公共団体コード (6 digits), name, and prefecture.</summary>
public sealed record Municipality(string Code, string Name, string PrefectureName)
{
    public string PrefectureCode => Code[..2];

    public NodeId Registry => NodeId.Parse("registry-" + Code);

    public NodeId Cs => NodeId.Parse("cs-" + Code);

    public NodeId Prefecture => NodeId.Parse("prefecture-" + PrefectureCode);
}

/// <summary>How the nodes of a <see cref="LocalNetwork"/> reach each other.</summary>
public enum NetworkMode
{
    /// <summary>Method calls in one process (the embedded default).</summary>
    InProcess,

    /// <summary>Each node behind its own HTTPS listener on loopback with mutual TLS.</summary>
    Https,
}

/// <summary>
/// A whole 住基ネット on one machine: a project CA, one certificate per node, the 全国サーバ, one 都道府県サーバ per
/// prefecture and one CS per municipality, each with its own store. The embedded <c>serve</c> runs one in-process; the
/// multi-node tests run one over HTTPS with mutual TLS.
/// </summary>
public sealed class LocalNetwork : IAsyncDisposable
{
    public static NodeId National { get; } = NodeId.Parse("national");

    /// <summary>The 個人番号カード向けコールセンター (機構's contractor), a client of the 全国サーバ.</summary>
    public static NodeId CallCentre { get; } = NodeId.Parse("callcentre-jlis");

    private readonly Dictionary<NodeId, RunningNode> nodes = [];
    private readonly Dictionary<NodeId, NodeServer> servers = [];
    private readonly Dictionary<NodeId, X509Certificate2> credentials;
    private readonly Func<NodeId, NodeStorage> storage;
    private readonly IClock clock;
    private readonly List<IDisposable> owned = [];
    private readonly Dictionary<NodeId, HttpsTransport> transports = [];
    private readonly HashSet<NodeId> started = [];

    private LocalNetwork(NetworkMode mode, ProjectCertificateAuthority authority, NodeDirectory directory, Dictionary<NodeId, X509Certificate2> credentials, IReadOnlyList<Municipality> municipalities, Func<NodeId, NodeStorage> storage, IClock clock)
    {
        Mode = mode;
        Authority = authority;
        Directory = directory;
        this.credentials = credentials;
        Municipalities = municipalities;
        this.storage = storage;
        this.clock = clock;
    }

    public NetworkMode Mode { get; }

    public ProjectCertificateAuthority Authority { get; }

    public NodeDirectory Directory { get; }

    public IReadOnlyList<Municipality> Municipalities { get; }

    /// <summary>The transport of the in-process network (null over HTTPS).</summary>
    public InProcessNetwork? InProcess { get; private set; }

    public RunningNode this[NodeId id] => nodes[id];

    public IEnumerable<RunningNode> Nodes => nodes.Values;

    public X509Certificate2 CredentialsOf(NodeId id) => credentials[id];

    /// <param name="mode">In one process, or over HTTPS.</param>
    /// <param name="municipalities">The municipalities (their prefectures follow from their codes).</param>
    /// <param name="storage">Each node's store.</param>
    /// <param name="clock">The nodes' time.</param>
    /// <param name="agencies">Agencies allowed to query the 全国サーバ, with their legal ground.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    public static async Task<LocalNetwork> StartAsync(NetworkMode mode, IReadOnlyList<Municipality> municipalities, Func<NodeId, NodeStorage> storage, IClock? clock = null, IReadOnlyList<(NodeId Id, string Name, string LegalGround)>? agencies = null, CancellationToken cancellationToken = default)
    {
        var authority = ProjectCertificateAuthority.Create();
        var credentials = new Dictionary<NodeId, X509Certificate2>();
        var entries = new List<DirectoryEntry>();
        void Add(NodeId id, NodeRole role, string name, string? code, NodeId? parent, string? legalGround = null, string? placeName = null)
        {
            var certificate = authority.Issue(id);
            credentials[id] = certificate;
            entries.Add(new DirectoryEntry
            {
                Id = id,
                Role = role,
                Name = name,
                Code = code,
                Parent = parent,
                LegalGround = legalGround,
                PlaceName = placeName,
                Endpoint = mode == NetworkMode.Https && role is NodeRole.Cs or NodeRole.Prefecture or NodeRole.National ? new Uri($"https://127.0.0.1:{FreeLoopbackPort()}") : null,
                Certificate = X509CertificateLoader.LoadCertificate(certificate.RawData),
            });
        }
        Add(National, NodeRole.National, "住基全国サーバ", null, null);
        Add(CallCentre, NodeRole.CallCentre, "個人番号カードコールセンター", null, null);
        foreach (var prefecture in municipalities.GroupBy(m => m.PrefectureCode))
        {
            Add(prefecture.First().Prefecture, NodeRole.Prefecture, prefecture.First().PrefectureName + " 都道府県サーバ", prefecture.Key, National);
        }
        foreach (var municipality in municipalities)
        {
            Add(municipality.Cs, NodeRole.Cs, municipality.Name + " 市町村CS", municipality.Code, municipality.Prefecture, placeName: municipality.PrefectureName + municipality.Name);
            Add(municipality.Registry, NodeRole.Registry, municipality.Name + " 既存住基システム", municipality.Code, municipality.Cs, placeName: municipality.PrefectureName + municipality.Name);
        }
        foreach (var (id, name, ground) in agencies ?? [])
        {
            Add(id, NodeRole.Agency, name, null, null, ground);
        }
        var network = new LocalNetwork(mode, authority, new NodeDirectory(entries), credentials, municipalities, storage, clock ?? SystemClock.Instance);
        if (mode == NetworkMode.InProcess)
        {
            network.InProcess = new InProcessNetwork();
        }
        foreach (var entry in entries.Where(e => e.Role is NodeRole.National or NodeRole.Prefecture or NodeRole.Cs))
        {
            await network.StartNodeAsync(entry.Id, cancellationToken);
        }
        return network;
    }

    /// <summary>A transport for <paramref name="id"/>: the shared in-process one, or HTTPS with its own certificate.</summary>
    public IJukiNetTransport TransportFor(NodeId id)
    {
        if (InProcess is not null)
        {
            return InProcess;
        }
        // One per node, kept: each holds its connection pools, so a node's sends reuse their TLS sessions.
        if (!transports.TryGetValue(id, out var transport))
        {
            transports[id] = transport = new HttpsTransport(credentials[id], Authority.Certificate);
            owned.Add(transport);
        }
        return transport;
    }

    /// <summary>The コールセンター's client of the 全国サーバ.</summary>
    public Cards.CallCentreClient CallCentreClient() => new(CallCentre, credentials[CallCentre], Directory, TransportFor(CallCentre), clock);

    /// <summary>Starts (or restarts, on its existing store) one server node.</summary>
    public async Task StartNodeAsync(NodeId id, CancellationToken cancellationToken = default)
    {
        var running = await NodeFactory.CreateAsync(id, Directory, credentials[id], Authority.Certificate, storage(id), TransportFor(id), clock, cancellationToken);
        nodes[id] = running;
        if (InProcess is not null)
        {
            InProcess.Attach(id, running.Node.ReceiveAsync);
            return;
        }
        var endpoint = Directory.Get(id).Endpoint!;
        var firstStart = !started.Contains(id);
        while (true)
        {
            try
            {
                servers[id] = await NodeServer.StartAsync(running.Node, new IPEndPoint(IPAddress.Parse(endpoint.Host), endpoint.Port), TimeSpan.FromMilliseconds(200), cancellationToken);
                started.Add(id);
                return;
            }
            catch (IOException e) when (firstStart && e.InnerException is AddressInUseException)
            {
                // Another process bound the drawn port between the draw and now; nobody has sent to this node yet.
                endpoint = new Uri($"https://127.0.0.1:{FreeLoopbackPort()}");
                Directory.Relocate(id, endpoint);
            }
        }
    }

    /// <summary>Stops one server node, as a power cut would: its store stays, messages to it wait in their senders' outboxes.</summary>
    public async Task StopNodeAsync(NodeId id)
    {
        InProcess?.Stop(id);
        if (servers.Remove(id, out var server))
        {
            await server.DisposeAsync();
        }
        if (nodes.Remove(id, out var node))
        {
            node.Dispose();
        }
    }

    /// <summary>The settings a municipality's registry uses to reach its CS.</summary>
    public CsLinkSettings LinkFor(Municipality municipality) =>
        new(municipality.Registry, credentials[municipality.Registry], Directory.Get(municipality.Cs), TransportFor(municipality.Registry));

    /// <summary>Connects a registry's database to its CS.</summary>
    public CsLink Connect(Municipality municipality, RegistryDatabase registry)
    {
        var link = new CsLink(registry, LinkFor(municipality), clock);
        owned.Add(link);
        return link;
    }

    /// <summary>
    /// Sends every pending message on every level until nothing moves (registries first, then CS, 都道府県, 全国).
    /// Used by the embedded host after a change and by tests; running nodes also send on their own.
    /// </summary>
    public async Task<int> DeliverAllAsync(IEnumerable<CsLink> registries, CancellationToken cancellationToken = default)
    {
        var total = 0;
        int moved;
        do
        {
            moved = 0;
            foreach (var link in registries)
            {
                moved += await link.DeliverPendingAsync(cancellationToken);
            }
            foreach (var role in new[] { NodeRole.Cs, NodeRole.Prefecture, NodeRole.National })
            {
                foreach (var node in nodes.Values.Where(n => n.Node.Entry.Role == role).ToList())
                {
                    moved += await node.Node.DeliverPendingAsync(cancellationToken);
                }
            }
            total += moved;
        }
        while (moved > 0);
        return total;
    }

    /// <summary>Runs every node's sender (resend every <paramref name="retry"/>) until stopped: the in-process network's background work.</summary>
    public Task RunSendersAsync(TimeSpan retry, CancellationToken cancellationToken) =>
        Task.WhenAll(nodes.Values.Select(n => Task.Run(() => n.Node.RunAsync(retry, cancellationToken), cancellationToken)));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, byte> Drawn = new();

    /// <summary>
    /// A loopback port to listen on, drawn at random below the system's ephemeral range (32768–60999 on Linux): outgoing
    /// connections (to PostgreSQL, between nodes) take ports from that range and could take one chosen from it before
    /// the node binds it.
    /// </summary>
    /// <remarks>
    /// A port is never drawn twice in one process, so a stopped node can restart on its port. Another process can
    /// still draw it; a node's first start then moves to another port (see <see cref="StartNodeAsync"/>).
    /// </remarks>
    public static int FreeLoopbackPort()
    {
        while (true)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            if (Drawn.Count > 10_000)
            {
                Drawn.Clear(); // a long-lived process: the nodes of its first networks are long gone
            }
            if (!Drawn.TryAdd(port, 0))
            {
                continue;
            }
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: draw again.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in nodes.Keys.ToList())
        {
            await StopNodeAsync(id);
        }
        foreach (var disposable in owned)
        {
            disposable.Dispose();
        }
    }
}
