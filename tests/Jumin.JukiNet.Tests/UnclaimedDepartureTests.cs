using Jumin.Cs;
using Jumin.Domain.Changes;
using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.JukiNet.Hosting;
using Jumin.Registry.JukiNet;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Testing;

namespace Jumin.JukiNet.Tests;

/// <summary>転出証明書情報 nobody claims is purged after the configured days (30 by default); then it cannot be fetched.</summary>
public sealed class UnclaimedDepartureTests : IAsyncLifetime
{
    private readonly FakeClock clock = new(SystemClock.Instance.GetCurrentInstant());
    private TestNetwork net = null!;

    public async Task InitializeAsync() => net = await TestNetwork.StartAsync(DatabaseProvider.Sqlite, NetworkMode.InProcess, nodeClock: clock);

    public async Task DisposeAsync() => await net.DisposeAsync();

    [Fact]
    public async Task An_unclaimed_departure_certificate_is_purged_after_thirty_days_and_is_then_refused()
    {
        await Family.RegisterAsync(net.RegistryA, Family.MovesIn(Family.Today.PlusDays(-400)));
        await net.DeliverAllAsync();
        await using (var db = net.RegistryA.Node.Database.Open())
        {
            var family = await db.Residents.AsNoTracking().Select(r => r.AtenaNumber).ToListAsync();
            await Family.RegisterAsync(net.RegistryA, new ChangeRequest { Kind = ChangeKind.MoveOut, ChangeDate = RecordedDate.FromLocalDate(Family.Today), NotificationDate = Family.Today, Movers = family, Destination = new("東京都あおば区中央一丁目５番６号") });
        }
        await net.DeliverAllAsync();
        var cs = net.Network[TestNetwork.A.Cs].Node;
        var behaviour = (CsBehaviour)cs.Behaviour;

        clock.Advance(Duration.FromDays(29));
        Assert.Equal(0, await behaviour.PurgeUnclaimedDepartureCertificatesAsync(cs));
        clock.Advance(Duration.FromDays(2));
        Assert.Equal(4, await behaviour.PurgeUnclaimedDepartureCertificatesAsync(cs));

        await using (var store = net.Store(TestNetwork.A.Cs))
        {
            Assert.All(await store.DepartureCertificates.ToListAsync(), d => Assert.Equal("", d.Body));
        }
        var moves = new MovesBetweenMunicipalities(net.RegistryB.Node.Database, net.RegistryB.Node.Audit, net.RegistryB.Node.Changes, net.LinkB, net.RegistryB.Node.Clock);
        var refused = await Assert.ThrowsAsync<JukiNetRequestException>(async () => await moves.FetchDepartureCertificateAsync(await net.RegistryB.OperatorAsync("clerk01"), ResidentCode.Parse(Family.Codes[0])));
        Assert.Contains("消去", refused.Message);
    }
}
