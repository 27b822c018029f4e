using Jumin.Domain.Changes;
using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;
using Jumin.JukiNet.Hosting;
using Jumin.JukiNet.Identity;
using Jumin.JukiNet.Messaging;
using Jumin.Registry.JukiNet;
using Jumin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jumin.JukiNet.Tests;

/// <summary>
/// A family of four moves from みどり市 (岩手県) to あおば区 (東京都) by 特例転入, over HTTPS with mutual TLS between
/// separate node hosts: 転出 at A, 転出証明書情報 through the network, 転入 at B, 転入通知 back to A (j610, j670–j710).
/// </summary>
public abstract class MoveBetweenMunicipalitiesTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestNetwork net = null!;

    public async Task InitializeAsync() => net = await TestNetwork.StartAsync(provider, NetworkMode.Https);

    public async Task DisposeAsync() => await net.DisposeAsync();

    private static MovesBetweenMunicipalities MovesAt(TestRegistry registry, CsLink link) =>
        new(registry.Node.Database, registry.Node.Audit, registry.Node.Changes, link, registry.Node.Clock);

    [Fact]
    public async Task A_family_of_four_moves_from_A_to_B_by_special_move_in_and_every_store_at_every_level_agrees()
    {
        var today = Family.Today;
        await Family.RegisterAsync(net.RegistryA, Family.MovesIn(today.PlusDays(-400)));
        await net.DeliverAllAsync();
        var atA = await AtenaNumbersAsync(net.RegistryA);

        // 転出 at A, with the card: the 転出証明書情報 waits at A's CS.
        await Family.RegisterAsync(net.RegistryA, new ChangeRequest
        {
            Kind = ChangeKind.MoveOut,
            ChangeDate = RecordedDate.FromLocalDate(today),
            NotificationDate = today,
            Movers = atA,
            Destination = new("東京都あおば区中央一丁目５番６号"),
        });
        await net.DeliverAllAsync();
        Assert.All(await net.IdentitiesAsync(LocalNetwork.National), r => Assert.False(r.IsResident));

        // The municipality they left cannot take the one-time 転出証明書情報 (which would use it up): refused and logged
        // at the 全国サーバ (issue 15 item 4).
        var clerkA = await net.RegistryA.OperatorAsync("clerk01");
        var fromA = await Assert.ThrowsAsync<JukiNetRequestException>(() => MovesAt(net.RegistryA, net.LinkA).FetchDepartureCertificateAsync(clerkA, ResidentCode.Parse(Family.Codes[0])));
        Assert.Contains("転出元の市町村は自らの転出証明書情報を取得できません", fromA.Message);
        await using (var nationalLog = net.Store(LocalNetwork.National))
        {
            Assert.Contains(await nationalLog.MessageLog.AsNoTracking().Where(m => m.Kind == "departure-certificate" && m.Peer == TestNetwork.A.Cs.Value).ToListAsync(),
                m => m.Reason != null && m.Reason.Contains("転出元の市町村", StringComparison.Ordinal));
        }

        // 特例転入 at B: the clerk reads each 住民票コード from the cards and fetches the 転出証明書情報.
        var clerkB = await net.RegistryB.OperatorAsync("clerk01");
        var movesB = MovesAt(net.RegistryB, net.LinkB);
        var certificates = new List<Jumin.JukiNet.Identity.DepartureCertificateMessage>();
        foreach (var code in Family.Codes)
        {
            certificates.Add(await movesB.FetchDepartureCertificateAsync(clerkB, ResidentCode.Parse(code)));
        }
        Assert.Equal("佐藤", certificates[0].FamilyName);
        Assert.Equal("世帯主", certificates[0].Relationship);
        Assert.Equal(TestNetwork.A.Code, certificates[0].MunicipalityCode);
        Assert.Equal(today.ToString("uuuu-MM-dd", null), certificates[0].PlannedMoveOutDate);
        var again = await Assert.ThrowsAsync<JukiNetRequestException>(() => movesB.FetchDepartureCertificateAsync(clerkB, ResidentCode.Parse(Family.Codes[0])));
        Assert.Contains("既に", again.Message);

        await Family.RegisterAsync(net.RegistryB, new ChangeRequest
        {
            Kind = ChangeKind.MoveIn,
            ChangeDate = RecordedDate.FromLocalDate(today),
            NotificationDate = today,
            NewPersons = certificates.Select((c, i) => new NewPerson(ChangeRequests.Placeholder(i), MovesBetweenMunicipalities.PersonFrom(c))).ToList(),
            NewAddress = new AddressInput(AddressCode.Parse("13101001001"), PostalCode.Parse("1000001"), "東京都あおば区中央一丁目", "５番６号", null),
            PreviousAddress = new(certificates[0].Address, HouseholdHeadName: certificates[0].HouseholdHeadName),
            NewHouseholdNumber = ChangeRequests.NewHousehold,
            NewHead = ChangeRequests.Placeholder(0),
            Relationships = certificates.Select((c, i) => (c, i)).Where(x => x.i > 0).Select(x => new RelationshipInput(ChangeRequests.Placeholder(x.i), Relationship.Parse(x.c.Relationship!))).ToList(),
        });
        await net.DeliverAllAsync();

        // 転入通知 back at A: taken in as 仮登録 and registered by another user; 転出予定 becomes 転出確定.
        var intake = await MovesAt(net.RegistryA, net.LinkA).TakeInMoveInNoticesAsync(await net.RegistryA.OperatorAsync("clerk01"));
        Assert.Empty(intake.Problems);
        Assert.Equal(4, intake.Entered.Count);
        foreach (var id in intake.Entered)
        {
            await net.RegistryA.Node.Changes.RegisterAsync(await net.RegistryA.OperatorAsync("approver01"), id);
        }
        await net.DeliverAllAsync();

        Assert.Empty(await net.RegistryA.Node.Changes.MissingMoveInNoticesAsync(await net.RegistryA.OperatorAsync("clerk01"), today.PlusDays(30), 14));
        await using (var registryA = net.RegistryA.Node.Database.Open())
        {
            var latest = await registryA.ResidentHistory.AsNoTracking().Where(r => atA.Contains(r.AtenaNumber)).GroupBy(r => r.AtenaNumber).Select(g => g.OrderByDescending(r => r.HistoryNumber).First()).ToListAsync();
            Assert.All(latest, r => Assert.Equal("東京都あおば区中央一丁目５番６号", r.ConfirmedDestination));
            Assert.All(latest, r => Assert.Equal(today, r.ConfirmedMoveOutDate));
        }
        var national = await net.IdentitiesAsync(LocalNetwork.National);
        Assert.Equal(Family.Codes, national.Select(r => r.ResidentCode));
        Assert.All(national, r => Assert.Equal(TestNetwork.B.Code, r.MunicipalityCode));
        Assert.All(national, r => Assert.True(r.IsResident));
        Assert.Equal("サトウ　イチロウ", national[0].NameKana);
        foreach (var level in new[] { TestNetwork.B.Cs, TestNetwork.B.Prefecture })
        {
            Assert.Equal(national.Select(Comparable), (await net.IdentitiesAsync(level)).Select(Comparable));
        }
        foreach (var level in new[] { TestNetwork.A.Cs, TestNetwork.A.Prefecture })
        {
            var left = await net.IdentitiesAsync(level);
            Assert.All(left, r => Assert.False(r.IsResident));
            Assert.All(left, r => Assert.Equal(TestNetwork.A.Code, r.MunicipalityCode));
            Assert.Equal(national.Select(r => (r.Name, r.NameKana, r.BirthDate, r.IndividualNumber)), left.Select(r => (r.Name, r.NameKana, r.BirthDate, r.IndividualNumber)));
        }

        // 整合性確認 (j1100) from both municipalities: registry ↔ CS ↔ 都道府県 ↔ 全国, no difference anywhere.
        foreach (var (registry, link) in new[] { (net.RegistryA, net.LinkA), (net.RegistryB, net.LinkB) })
        {
            var report = await new IdentityConsistency(registry.Node.Database, registry.Node.Audit, link).RunAsync(Registry.Access.Operator.Batch("consistency"));
            Assert.Equal(3, report.Levels.Count);
            Assert.All(report.Levels, l => Assert.Equal(4, l.Compared));
            Assert.True(report.Consistent, string.Join("\n", report.Levels.SelectMany(l => l.Differences).Select(d => $"{d.ResidentCode} {d.Item}: {d.Left} / {d.Right}")));
        }

        // Each hop is in the logs: A's CS handed the 転出証明書情報 to the 全国サーバ, which relayed B's request and notices.
        await using var nationalStore = net.Store(LocalNetwork.National);
        var log = await nationalStore.MessageLog.AsNoTracking().ToListAsync();
        Assert.Equal(4 + 1, log.Count(m => m.Direction == JukiNetNode.Received && m.Peer == TestNetwork.B.Cs.Value && m.Kind == "departure-certificate"));
        Assert.Equal(4, log.Count(m => m.Direction == JukiNetNode.Received && m.Peer == TestNetwork.B.Cs.Value && m.Kind == "move-in-notice"));
        Assert.Equal(4, log.Count(m => m.Direction == JukiNetNode.Sent && m.Peer == TestNetwork.A.Cs.Value && m.Kind == "move-in-notice"));
        Assert.Contains(log, m => m.Direction == JukiNetNode.Received && m.Peer == TestNetwork.B.Prefecture.Value && m.Kind == "identity-update");

        // The 全国サーバ relayed the 転出証明書情報 and kept none of it: not in its replies, not in its outbox.
        Assert.DoesNotContain(await nationalStore.MessageReplies.AsNoTracking().ToListAsync(), r => log.Any(m => m.Direction == JukiNetNode.Received && m.Kind == "departure-certificate" && m.Peer == r.Peer && m.Sequence == r.Sequence && m.Stream == r.Stream));
        var relayed = await nationalStore.Outbox.AsNoTracking().Where(m => m.Kind == "departure-certificate").ToListAsync();
        Assert.Equal(5, relayed.Count);
        Assert.All(relayed, m => Assert.Null(m.ReplyBody));
        await using var bStore = net.Store(TestNetwork.B.Cs);
        var replies = await bStore.Outbox.AsNoTracking().Where(m => m.Kind == "departure-certificate" && m.ReplyBody != null).Select(m => m.ReplyBody!).ToListAsync();
        Assert.All(replies, b => Assert.StartsWith("sealed:", b));
        Assert.Contains(replies, b => bStore.Open(b).Contains("\"residentCode\":\"10000000011\"", StringComparison.Ordinal));
    }

    private static (string, string?, string, string, int, string, string?, bool) Comparable(IdentityUpdateMessage r) =>
        (r.ResidentCode, r.MunicipalityCode, r.Name, r.NameKana, r.Sex, r.Address, r.IndividualNumber, r.IsResident);

    private static async Task<List<AtenaNumber>> AtenaNumbersAsync(TestRegistry registry)
    {
        await using var db = registry.Node.Database.Open();
        return await db.Residents.AsNoTracking().OrderBy(r => r.AtenaNumber).Select(r => r.AtenaNumber).ToListAsync();
    }
}

public sealed class SqliteMoveBetweenMunicipalitiesTests() : MoveBetweenMunicipalitiesTests(DatabaseProvider.Sqlite);

public sealed class PostgresMoveBetweenMunicipalitiesTests() : MoveBetweenMunicipalitiesTests(DatabaseProvider.Postgres);
