using Jumin.JukiNet.Hosting;
using Jumin.Registry.JukiNet;
using Jumin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jumin.JukiNet.Tests;

/// <summary>住民票コードの付番・変更 (j870, j880): from the CS's pool, at random, with a low-stock alert; a change propagates.</summary>
public abstract class ResidentCodeTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestNetwork net = null!;

    public async Task InitializeAsync() => net = await TestNetwork.StartAsync(provider, NetworkMode.InProcess);

    public async Task DisposeAsync() => await net.DisposeAsync();

    private ResidentCodeAssignment Assignment(int lowStock) =>
        new(net.RegistryA.Node.Database, net.RegistryA.Node.Audit, net.RegistryA.Node.Changes, net.LinkA, net.RegistryA.Node.Clock) { LowStock = lowStock };

    [Fact]
    public async Task A_person_without_a_code_gets_one_from_the_pool_and_a_changed_code_reaches_every_level_with_the_old_one_in_history()
    {
        await Family.RegisterAsync(net.RegistryA, ChangeRequests.CoupleMovesIn(Family.Today.PlusDays(-1)));
        await net.DeliverAllAsync();
        Assert.Empty(await net.IdentitiesAsync(LocalNetwork.National));
        Domain.Identifiers.AtenaNumber husband;
        await using (var db = net.RegistryA.Node.Database.Open())
        {
            husband = (await db.Residents.AsNoTracking().OrderBy(r => r.AtenaNumber).FirstAsync()).AtenaNumber;
        }
        var clerk = await net.RegistryA.OperatorAsync("clerk01");
        var approver = await net.RegistryA.OperatorAsync("approver01");

        // 住民票コード付番 is a right of its own: 異動入力 alone takes no code from the pool, and the refusal is audited.
        var withoutRight = clerk with { Permissions = clerk.Permissions.Where(p => p != Registry.Access.Permission.ResidentCodeAssignment).ToHashSet() };
        await Assert.ThrowsAsync<Registry.Access.AccessDeniedException>(() => Assignment(lowStock: 10).AssignAsync(withoutRight, husband, change: false));
        await using (var db = net.RegistryA.Node.Database.Open())
        {
            var refusal = await db.AuditLog.OrderByDescending(a => a.Sequence).FirstAsync();
            Assert.Equal(("clerk01", Registry.Audit.AuditFunctions.AccessDenied), (refusal.OperatorId, refusal.Function));
        }

        var first = await Assignment(lowStock: 10).AssignAsync(clerk, husband, change: false);
        Assert.Null(first.LowStockAlert);
        Assert.Equal(199, first.Remaining);
        await net.RegistryA.Node.Changes.RegisterAsync(approver, first.ChangeId);
        await net.DeliverAllAsync();
        Assert.Equal(first.Code.Value, Assert.Single(await net.IdentitiesAsync(LocalNetwork.National)).ResidentCode);

        var second = await Assignment(lowStock: 250).AssignAsync(clerk, husband, change: true);
        Assert.NotEqual(first.Code, second.Code);
        Assert.Contains("残り198件", second.LowStockAlert);
        await net.RegistryA.Node.Changes.RegisterAsync(approver, second.ChangeId);
        await net.DeliverAllAsync();

        foreach (var level in new[] { TestNetwork.A.Cs, TestNetwork.A.Prefecture, LocalNetwork.National })
        {
            Assert.Equal(second.Code.Value, Assert.Single(await net.IdentitiesAsync(level)).ResidentCode);
            await using var store = net.Store(level);
            Assert.Equal([first.Code.Value, second.Code.Value], await store.IdentityHistory.OrderBy(h => h.Id).Select(h => h.ResidentCode).ToListAsync());
        }
        await using (var cs = net.Store(TestNetwork.A.Cs))
        {
            Assert.Equal(2, await cs.ResidentCodePool.CountAsync(r => r.HandedTo == TestNetwork.A.Registry.Value));
        }
        await using (var national = net.Store(LocalNetwork.National))
        {
            Assert.Equal(200, await national.ResidentCodePool.CountAsync(r => r.HandedTo == TestNetwork.A.Cs.Value));
        }
    }
}

public sealed class SqliteResidentCodeTests() : ResidentCodeTests(DatabaseProvider.Sqlite);

public sealed class PostgresResidentCodeTests() : ResidentCodeTests(DatabaseProvider.Postgres);
