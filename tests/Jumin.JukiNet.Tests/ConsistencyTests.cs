using Jumin.JukiNet.Hosting;
using Jumin.Registry.Access;
using Jumin.Registry.JukiNet;
using Microsoft.EntityFrameworkCore;

namespace Jumin.JukiNet.Tests;

/// <summary>整合性確認 (j1100): a difference at any level is reported with both values.</summary>
public sealed class ConsistencyTests : IAsyncLifetime
{
    private TestNetwork net = null!;

    public async Task InitializeAsync() => net = await TestNetwork.StartAsync(DatabaseProvider.Sqlite, NetworkMode.InProcess);

    public async Task DisposeAsync() => await net.DisposeAsync();

    private IdentityConsistency Check => new(net.RegistryA.Node.Database, net.RegistryA.Node.Audit, net.LinkA);

    [Fact]
    public async Task A_value_changed_behind_the_networks_back_at_the_prefecture_is_reported_with_both_values()
    {
        await Family.RegisterAsync(net.RegistryA, Family.MovesIn(Family.Today.PlusDays(-1)));
        await net.DeliverAllAsync();
        Assert.True((await Check.RunAsync(Operator.Batch("consistency"))).Consistent);

        await using (var prefecture = net.Store(TestNetwork.A.Prefecture))
        {
            await prefecture.Identities.Where(r => r.ResidentCode == Family.Codes[1]).ExecuteUpdateAsync(u => u.SetProperty(r => r.Address, "岩手県みどり市中央九丁目９番地"));
        }

        var report = await Check.RunAsync(Operator.Batch("consistency"));

        Assert.False(report.Consistent);
        Assert.Empty(report.Levels[0].Differences);
        var difference = Assert.Single(report.Levels[1].Differences);
        Assert.Equal((Family.Codes[1], "住所"), (difference.ResidentCode, difference.Item));
        Assert.StartsWith("岩手県みどり市中央一丁目２番３号", difference.Left);
        Assert.Equal("岩手県みどり市中央九丁目９番地", difference.Right);
        Assert.Empty(report.Levels[2].Differences);
    }

    [Fact]
    public async Task A_change_the_CS_never_received_shows_as_a_missing_record_between_registry_and_CS()
    {
        await Family.RegisterAsync(net.RegistryA, Family.MovesIn(Family.Today.PlusDays(-1)));

        var report = await Check.RunAsync(Operator.Batch("consistency"));

        Assert.Equal(4, report.Levels[0].Differences.Count);
        Assert.All(report.Levels[0].Differences, d => Assert.Equal("（記録なし）", d.Right));
    }

    [Fact]
    public async Task Updates_still_on_their_way_show_as_different_update_counts_between_the_CS_and_the_prefecture()
    {
        await net.Network.StopNodeAsync(TestNetwork.A.Prefecture);
        await Family.RegisterAsync(net.RegistryA, Family.MovesIn(Family.Today.PlusDays(-1)));
        await net.DeliverAllAsync();
        await net.Network.StartNodeAsync(TestNetwork.A.Prefecture);

        var report = await Check.RunAsync(Operator.Batch("consistency"));

        Assert.Empty(report.Levels[0].Differences);
        var counts = Assert.Single(report.Levels[1].Differences, d => d.Item == "更新件数");
        Assert.Equal(("4", "0"), (counts.Left, counts.Right));
        Assert.Equal(4, report.Levels[1].Differences.Count(d => d.Item == "本人確認情報"));

        await net.DeliverAllAsync();
        Assert.True((await Check.RunAsync(Operator.Batch("consistency"))).Consistent);
    }

    [Fact]
    public async Task A_clerk_without_the_batch_right_cannot_run_it()
    {
        var clerk = await net.RegistryA.OperatorAsync("clerk01");
        await Assert.ThrowsAnyAsync<Exception>(() => Check.RunAsync(clerk));
    }
}
