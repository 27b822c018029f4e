using Jumin.JukiNet.Hosting;
using Jumin.JukiNet.Identity;
using Jumin.JukiNet.Persistence;
using Jumin.JukiNet.Protocol;
using Jumin.Registry.Demo;
using Jumin.Registry.JukiNet;
using Jumin.Storage.Security;
using Jumin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jumin.JukiNet.Tests;

/// <summary>
/// Two municipalities in two prefectures and the 全国サーバ, each node on its own database of the given provider, with a
/// real registry (on its own database too) for each municipality.
/// </summary>
public sealed class TestNetwork : IAsyncDisposable
{
    public static Municipality A { get; } = new(DemoMunicipality.Code.Value, "みどり市", "岩手県");

    public static Municipality B { get; } = new(Domain.Identifiers.LocalGovernmentCode.Parse("13101").Value, "あおば区", "東京都");

    public static NodeId Agency { get; } = NodeId.Parse("agency-nenkin");

    public const string AgencyGround = "住基法30条の9 別表第一 第91号（年金給付）";

    private readonly string directory;
    private readonly List<string> postgresDatabases;

    private TestNetwork(LocalNetwork network, TestRegistry registryA, TestRegistry registryB, string directory, List<string> postgresDatabases, string numberStore)
    {
        NumberStoreConnectionString = numberStore;
        Network = network;
        RegistryA = registryA;
        RegistryB = registryB;
        this.directory = directory;
        this.postgresDatabases = postgresDatabases;
        LinkA = network.Connect(A, registryA.Node.Database);
        LinkB = network.Connect(B, registryB.Node.Database);
    }

    public LocalNetwork Network { get; }

    /// <summary>The 個人番号生成システム's own database.</summary>
    public string NumberStoreConnectionString { get; }

    public TestRegistry RegistryA { get; }

    public TestRegistry RegistryB { get; }

    public CsLink LinkA { get; }

    public CsLink LinkB { get; }

    public static async Task<TestNetwork> StartAsync(DatabaseProvider provider, NetworkMode mode, int demoResidentsInA = 0, NodaTime.IClock? nodeClock = null)
    {
        var directory = Directory.CreateTempSubdirectory("jumin-jukinet-").FullName;
        var databases = new List<string>();
        var registryA = await TestRegistry.CreateAsync(provider, demoResidentsInA);
        var registryB = await TestRegistry.CreateAsync(provider, municipality: Domain.Identifiers.LocalGovernmentCode.Parse(B.Code));
        var stores = new Dictionary<NodeId, NodeStorage>();
        foreach (var id in new[] { LocalNetwork.National, A.Prefecture, B.Prefecture, A.Cs, B.Cs })
        {
            stores[id] = await StorageAsync(provider, directory, databases, id);
        }
        var network = await LocalNetwork.StartAsync(mode, [A, B], id => stores[id], nodeClock, agencies: [(Agency, "日本年金機構", AgencyGround)]);
        return new TestNetwork(network, registryA, registryB, directory, databases, stores[LocalNetwork.National].NumberGenerationConnectionString!);
    }

    /// <summary>A node's stores (the 全国サーバ's three), each a copy of an empty, migrated template of its kind.</summary>
    private static async Task<NodeStorage> StorageAsync(DatabaseProvider provider, string directory, List<string> databases, NodeId id)
    {
        var name = id.Value.Replace('-', '_');
        var database = $"jumin_test_{name}_{Guid.NewGuid():N}"[..40];
        var national = id == LocalNetwork.National;
        databases.AddRange(provider != DatabaseProvider.Postgres ? [] : national ? [database, database + "_n", database + "_c"] : [database]);
        var node = await DatabaseTemplates.CopyAsync(provider, "jukinet-node", (c, _) => new JukiNetDatabase(provider, c, KeyStore.CreateTemporary().IndividualNumberProtector).MigrateAsync(), directory, name + ".db", database);
        if (!national)
        {
            return new NodeStorage(provider, node, Path.Combine(directory, "keys-" + name));
        }
        var numbers = await DatabaseTemplates.CopyAsync(provider, "jukinet-numbers", (c, _) => new National.NumberGeneration.NumberGenerationDatabase(provider, c, KeyStore.CreateTemporary().IndividualNumberProtector).MigrateAsync(), directory, name + "-numbers.db", database + "_n");
        var cards = await DatabaseTemplates.CopyAsync(provider, "jukinet-cards", (c, _) => new National.Cards.CardDatabase(provider, c, KeyStore.CreateTemporary().IndividualNumberProtector).MigrateAsync(), directory, name + "-cards.db", database + "_c");
        return new NodeStorage(provider, node, Path.Combine(directory, "keys-" + name), numbers, CardManagementConnectionString: cards);
    }

    /// <summary>Sends everything pending, at every level, until nothing moves.</summary>
    public Task<int> DeliverAllAsync() => Network.DeliverAllAsync([LinkA, LinkB]);

    public JukiNetDbContext Store(NodeId id) => Network[id].Node.Database.Open();

    /// <summary>The node's current 本人確認情報, its 個人番号 opened with the node's key.</summary>
    public async Task<List<IdentityUpdateMessage>> IdentitiesAsync(NodeId id)
    {
        await using var db = Store(id);
        return [.. (await db.Identities.AsNoTracking().OrderBy(r => r.ResidentCode).ToListAsync()).Select(r => IdentityStore.ToMessage(db.Protector, r))];
    }

    public async ValueTask DisposeAsync()
    {
        await Network.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await Task.WhenAll([RegistryA.DisposeAsync().AsTask(), RegistryB.DisposeAsync().AsTask(), .. postgresDatabases.Select(TestRegistry.DropPostgresDatabaseAsync)]);
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
