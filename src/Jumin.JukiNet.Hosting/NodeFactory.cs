using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Jumin.Cs;
using Jumin.JukiNet.Messaging;
using Jumin.JukiNet.Persistence;
using Jumin.JukiNet.Pki;
using Jumin.JukiNet.Protocol;
using Jumin.JukiNet.Transport;
using Jumin.National;
using Jumin.National.Cards;
using Jumin.National.NumberGeneration;
using Jumin.Prefecture;
using Jumin.Storage.Security;
using NodaTime;

namespace Jumin.JukiNet.Hosting;

/// <summary>Where one node keeps its stores.</summary>
/// <param name="Provider">SQLite or PostgreSQL.</param>
/// <param name="ConnectionString">The node's own database.</param>
/// <param name="KeysDirectory">
/// The node's keys, outside its database (created on first start): the ring that seals every 個人番号 and message body
/// its store keeps and the 個人番号's lookup key; at the 全国サーバ also the generation key.
/// </param>
/// <param name="NumberGenerationConnectionString">全国サーバ only: the 個人番号生成システム's own database.</param>
/// <param name="UnclaimedDepartureDays">CS only: days an unclaimed 転出証明書情報 is kept before it is purged.</param>
/// <param name="ResidentCodeBlock">CS only: how many 住民票コード to ask the 全国サーバ for when the pool runs low.</param>
/// <param name="CardManagementConnectionString">全国サーバ only: the 個人番号カード管理システム's own database.</param>
public sealed record NodeStorage(DatabaseProvider Provider, string ConnectionString, string KeysDirectory, string? NumberGenerationConnectionString = null, int UnclaimedDepartureDays = 30, int ResidentCodeBlock = 200, string? CardManagementConnectionString = null);

/// <summary>A running node and what it owns.</summary>
public sealed class RunningNode(JukiNetNode node, NumberGenerator? numbers, CardManagement? cards = null) : IDisposable
{
    public JukiNetNode Node { get; } = node;

    /// <summary>The 全国サーバ's 個人番号生成システム (null elsewhere).</summary>
    public NumberGenerator? Numbers { get; } = numbers;

    /// <summary>The 全国サーバ's 個人番号カード管理システム (null elsewhere).</summary>
    public CardManagement? Cards { get; } = cards;

    public void Dispose()
    {
        Node.Dispose();
        Numbers?.Dispose();
    }
}

/// <summary>Builds a node of any role: its store (migrated), its behaviour and, for the 全国サーバ, the generation module.</summary>
public static class NodeFactory
{
    public const string NumberGenerationKeyFile = "number-generation.key";

    public static async Task<RunningNode> CreateAsync(NodeId id, NodeDirectory directory, X509Certificate2 credentials, X509Certificate2 authority, NodeStorage storage, IJukiNetTransport transport, IClock? clock = null, CancellationToken cancellationToken = default)
    {
        clock ??= SystemClock.Instance;
        var database = new JukiNetDatabase(storage.Provider, storage.ConnectionString, new KeyStore(storage.KeysDirectory).IndividualNumberProtector);
        await database.MigrateAsync(cancellationToken);
        NumberGenerator? numbers = null;
        CardManagement? cards = null;
        INodeBehaviour behaviour;
        switch (directory.Get(id).Role)
        {
            case NodeRole.Cs:
                behaviour = new CsBehaviour { UnclaimedDepartureDays = storage.UnclaimedDepartureDays, ResidentCodeBlock = storage.ResidentCodeBlock };
                break;
            case NodeRole.Prefecture:
                behaviour = new PrefectureBehaviour();
                break;
            case NodeRole.National:
                var generation = new NumberGenerationDatabase(storage.Provider, storage.NumberGenerationConnectionString
                    ?? throw new ArgumentException("全国サーバには個人番号生成システムのデータベースが必要です。", nameof(storage)), database.Protector);
                await generation.MigrateAsync(cancellationToken);
                numbers = new NumberGenerator(generation, await GenerationKeyAsync(storage.KeysDirectory, cancellationToken), clock);
                var cardStore = new CardDatabase(storage.Provider, storage.CardManagementConnectionString
                    ?? throw new ArgumentException("全国サーバには個人番号カード管理システムのデータベースが必要です。", nameof(storage)), database.Protector);
                await cardStore.MigrateAsync(cancellationToken);
                cards = new CardManagement(cardStore, clock);
                behaviour = new NationalBehaviour(numbers, cards);
                break;
            default:
                throw new ArgumentException($"{id} は住基ネットのサーバではありません（{directory.Get(id).Role}）。", nameof(id));
        }
        return new RunningNode(new JukiNetNode(id, directory, credentials, authority, database, transport, behaviour, clock), numbers, cards);
    }

    /// <summary>The generation module's key: 32 random bytes made on first start and never in the repository.</summary>
    private static async Task<byte[]> GenerationKeyAsync(string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, NumberGenerationKeyFile);
        if (File.Exists(path))
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        var key = RandomNumberGenerator.GetBytes(32);
        await File.WriteAllBytesAsync(path, key, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return key;
    }
}
