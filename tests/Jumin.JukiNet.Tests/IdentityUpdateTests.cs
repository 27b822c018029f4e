using Jumin.JukiNet.Hosting;
using Jumin.JukiNet.Identity;
using Jumin.JukiNet.Messaging;
using Jumin.Registry.Changes;
using Microsoft.EntityFrameworkCore;

namespace Jumin.JukiNet.Tests;

/// <summary>本人確認情報の更新 (j1090) from a registry through its CS and 都道府県サーバ to the 全国サーバ, in one process.</summary>
public abstract class IdentityUpdateTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestNetwork net = null!;

    public async Task InitializeAsync() => net = await TestNetwork.StartAsync(provider, NetworkMode.InProcess);

    public async Task DisposeAsync() => await net.DisposeAsync();

    [Fact]
    public async Task A_registered_move_in_reaches_the_CS_the_prefecture_and_the_national_server_with_the_kana_j1090()
    {
        await Family.RegisterAsync(net.RegistryA, Family.MovesIn(Family.Today.PlusDays(-1)));

        // Three hops for each of the four: registry → CS → 都道府県サーバ → 全国サーバ.
        Assert.Equal(3 * 4, await net.DeliverAllAsync());

        foreach (var level in new[] { TestNetwork.A.Cs, TestNetwork.A.Prefecture, LocalNetwork.National })
        {
            var rows = await net.IdentitiesAsync(level);
            Assert.Equal(Family.Codes, rows.Select(r => r.ResidentCode));
            var father = rows[0];
            Assert.Equal("佐藤　一郎", father.Name);
            Assert.Equal("サトウ　イチロウ", father.NameKana);
            Assert.Equal(TestNetwork.A.Code, father.MunicipalityCode);
            Assert.StartsWith("岩手県みどり市中央一丁目２番３号", father.Address);
            Assert.True(father.IsResident);
            Assert.NotNull(father.IndividualNumber);
        }
        Assert.Empty(await net.IdentitiesAsync(TestNetwork.B.Prefecture));
        await using var registry = net.RegistryA.Node.Database.Open();
        var sent = await registry.Outbox.Where(m => m.Destination == OutboxDestinations.JukiNetCs).ToListAsync();
        Assert.All(sent, m => Assert.NotNull(m.DeliveredAt));
        Assert.All(sent, m => Assert.Null(m.DeliveryResult));
        await using var national = net.Store(LocalNetwork.National);
        var results = await national.MessageLog.Where(m => m.Direction == JukiNetNode.Received).OrderBy(m => m.Sequence).ToListAsync();
        Assert.Equal([1L, 2, 3, 4], results.Select(m => m.Sequence));
        Assert.All(results, m => Assert.Equal(TestNetwork.A.Prefecture.Value, m.Peer));
        Assert.All(results, m => Assert.Equal(JukiNetNode.Applied, m.Outcome));
    }

    [Fact]
    public async Task No_node_keeps_a_individual_number_or_a_message_in_clear_and_each_finds_a_number_by_its_keyed_hash()
    {
        await Family.RegisterAsync(net.RegistryA, Family.MovesIn(Family.Today.PlusDays(-1)));
        await net.DeliverAllAsync();
        var numbers = (await net.IdentitiesAsync(TestNetwork.A.Cs)).Select(r => r.IndividualNumber!).ToList();
        Assert.Equal(4, numbers.Count);

        foreach (var level in new[] { TestNetwork.A.Cs, TestNetwork.A.Prefecture, LocalNetwork.National })
        {
            await using var store = net.Store(level);
            List<string?> stored =
            [
                .. await store.Identities.Select(r => r.SealedIndividualNumber).ToListAsync(),
                .. await store.IdentityHistory.Select(r => r.SealedIndividualNumber).ToListAsync(),
                .. await store.Outbox.Select(r => r.Body).ToListAsync(),
                .. await store.Outbox.Select(r => r.ReplyBody).ToListAsync(),
                .. await store.MessageReplies.Select(r => r.Body).ToListAsync(),
            ];
            Assert.Contains(stored, v => v is not null && v.StartsWith("sealed:", StringComparison.Ordinal));
            Assert.All(stored.OfType<string>(), v => Assert.True(v.Length == 0 || v.StartsWith("sealed:", StringComparison.Ordinal), v));
            Assert.All(stored.OfType<string>(), v => Assert.DoesNotContain(numbers, n => v.Contains(n, StringComparison.Ordinal)));

            var found = await IdentityStore.SearchAsync(store, Domain.JukiNet.IdentitySearchCriteria.Create(null, numbers[2], null, null, null, null, null), 10, default);
            Assert.Equal(Family.Codes[2], Assert.Single(found).ResidentCode);
        }
    }

    [Fact]
    public async Task The_national_update_result_comes_back_to_the_prefecture_and_the_counts_reconcile()
    {
        await Family.RegisterAsync(net.RegistryA, Family.MovesIn(Family.Today.PlusDays(-1)));
        await net.DeliverAllAsync();

        await using var prefecture = net.Store(TestNetwork.A.Prefecture);
        var forwarded = await prefecture.Outbox.Where(m => m.Destination == LocalNetwork.National.Value).ToListAsync();
        Assert.Equal(4, forwarded.Count);
        Assert.All(forwarded, m => Assert.Contains("\"applied\":true", prefecture.Open(m.ReplyBody!)));
        await using var national = net.Store(LocalNetwork.National);
        Assert.Equal(forwarded.Count, await national.IdentityHistory.CountAsync(h => h.Source == TestNetwork.A.Prefecture.Value));
    }
}

public sealed class SqliteIdentityUpdateTests() : IdentityUpdateTests(DatabaseProvider.Sqlite);

public sealed class PostgresIdentityUpdateTests() : IdentityUpdateTests(DatabaseProvider.Postgres);
