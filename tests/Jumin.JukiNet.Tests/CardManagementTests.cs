using System.Reflection;
using Jumin.Cs;
using Jumin.Domain;
using Jumin.Domain.Changes;
using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Domain.JukiNet;
using Jumin.Domain.Residents;
using Jumin.JukiNet.Cards;
using Jumin.JukiNet.Hosting;
using Jumin.JukiNet.Identity;
using Jumin.National.Cards;
using Jumin.Registry.JukiNet;
using Jumin.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Testing;

namespace Jumin.JukiNet.Tests;

/// <summary>
/// 個人番号カード (j1110, j1120; seed 004 §2.9–2.10): 送付先情報 from the registry through the CS to the カード管理システム
/// (and deleted at the CS one 開庁日 after it was sent), window operations on the card ledger, and a コールセンター
/// suspension that reaches the municipality.
/// </summary>
public abstract class CardManagementTests(DatabaseProvider provider) : IAsyncLifetime
{
    // A Wednesday (not a holiday) at 10:00 in Japan.
    private readonly FakeClock clock = new(Instant.FromUtc(2026, 11, 25, 1, 0));
    private TestNetwork net = null!;
    private CardWindow window = null!;

    public async Task InitializeAsync()
    {
        net = await TestNetwork.StartAsync(provider, NetworkMode.InProcess, nodeClock: clock);
        await Family.RegisterAsync(net.RegistryA, Family.MovesIn(Family.Today.PlusDays(-1)));
        await net.DeliverAllAsync();
        window = new CardWindow(net.RegistryA.Node.Database, net.RegistryA.Node.Audit, net.LinkA, net.RegistryA.Node.Clock);
    }

    public async Task DisposeAsync() => await net.DisposeAsync();

    private CardManagement Cards => net.Network[LocalNetwork.National].Cards!;

    [Fact]
    public async Task A_birth_with_a_number_sends_a_destination_that_reaches_the_card_system_and_is_deleted_at_the_cs_one_open_day_later()
    {
        var household = await HouseholdAsync();
        await Family.RegisterAsync(net.RegistryA, new ChangeRequest
        {
            Kind = ChangeKind.Birth,
            Basis = ChangeBasis.Notification,
            ChangeDate = RecordedDate.FromLocalDate(Family.Today),
            NotificationDate = Family.Today,
            NewPersons = [new(ChangeRequests.Placeholder(0), new PersonItems
            {
                FamilyName = "佐藤", GivenName = "陽菜", FamilyNameKana = "サトウ", GivenNameKana = "ヒナ", Sex = Sex.Female,
                BirthDate = RecordedDate.FromLocalDate(Family.Today),
                ResidentCode = ResidentCode.Parse("10000000055"),
                IndividualNumber = IndividualNumber.FromLeadingDigits("20000000009"),
            })],
            JoinHousehold = household,
            Relationships = [new(ChangeRequests.Placeholder(0), Relationship.Parse("子"))],
        });
        await net.DeliverAllAsync();

        var sent = Assert.Single(await window.DestinationsAsync(await net.RegistryA.OperatorAsync("clerk01"), null));
        Assert.Equal((CardWindow.ByChange, "送信済み", "approver01"), (sent.Origin, sent.State, sent.ConfirmedBy));
        await using (var cards = Cards.Database.Open())
        {
            var received = Assert.Single(await cards.Destinations.AsNoTracking().ToListAsync());
            Assert.Equal(("10000000055", IndividualNumber.FromLeadingDigits("20000000009").Digits, "佐藤　陽菜", TestNetwork.A.Code), (received.ResidentCode, Cards.Database.Protector.OpenText(received.IndividualNumber), received.DeliveryName, received.MunicipalityCode));
            // The カード管理システム keeps no 個人番号 in clear (issue 15 item 6).
            Assert.StartsWith(Storage.Security.IndividualNumberProtector.TextPrefix, received.IndividualNumber, StringComparison.Ordinal);
            Assert.StartsWith("岩手県", received.DeliveryAddress, StringComparison.Ordinal);
        }

        await using (var before = net.Store(TestNetwork.A.Cs))
        {
            Assert.Contains("10000000055", before.Open((await before.Outbox.SingleAsync(m => m.Kind == MessageKinds.CardDestination)).Body), StringComparison.Ordinal);
        }

        // Sent on Wednesday: kept on Wednesday, deleted from Thursday, the next 開庁日.
        var cs = net.Network[TestNetwork.A.Cs].Node;
        Assert.Equal(0, await CsBehaviour.PurgeSentCardDestinationsAsync(cs));
        clock.Advance(Duration.FromDays(1));
        Assert.Equal(1, await CsBehaviour.PurgeSentCardDestinationsAsync(cs));
        await using var store = net.Store(TestNetwork.A.Cs);
        var kept = Assert.Single(await store.CardDestinations.AsNoTracking().ToListAsync());
        Assert.Equal(("", ""), (kept.Body, kept.ResidentCode));
        Assert.NotNull(kept.PurgedAt);
        // Nor is it left in the message that carried it to the 全国サーバ.
        var carried = Assert.Single(await store.Outbox.AsNoTracking().Where(m => m.Kind == MessageKinds.CardDestination).ToListAsync());
        Assert.Equal("", carried.Body);
        Assert.NotNull(carried.DeliveredAt);
    }

    [Fact]
    public async Task A_destination_sent_before_a_holiday_weekend_stays_until_the_next_open_day()
    {
        // Friday 2026-11-20, 10:00 in Japan; Monday 11-23 is 勤労感謝の日, so the next 開庁日 is Tuesday 11-24.
        clock.Reset(Instant.FromUtc(2026, 11, 20, 1, 0));
        await CreateAndConfirmAsync(Family.Codes[1], "東京都あおば区中央一丁目５番６号　佐藤方");
        await net.DeliverAllAsync();
        var cs = net.Network[TestNetwork.A.Cs].Node;

        clock.Reset(Instant.FromUtc(2026, 11, 23, 14, 0));
        Assert.Equal(0, await CsBehaviour.PurgeSentCardDestinationsAsync(cs));
        clock.Reset(Instant.FromUtc(2026, 11, 23, 15, 30)); // 00:30 on Tuesday in Japan
        Assert.Equal(1, await CsBehaviour.PurgeSentCardDestinationsAsync(cs));
    }

    [Fact]
    public async Task A_destination_made_by_hand_goes_to_a_kyosho_only_after_another_user_confirms_it()
    {
        var clerk = await net.RegistryA.OperatorAsync("clerk01");
        var atena = await AtenaAsync(Family.Codes[1]);
        var made = await window.CreateDestinationAsync(clerk, atena, "佐藤　和子", "東京都あおば区中央一丁目５番６号　佐藤方");
        await net.DeliverAllAsync();
        Assert.Equal("確認待ち", (await window.DestinationsAsync(clerk, atena)).Single().State);

        var approver = await net.RegistryA.OperatorAsync("approver01");
        await Assert.ThrowsAsync<Registry.Access.AccessDeniedException>(() => window.ConfirmDestinationAsync(clerk, made.Id));
        var byApprover = await window.CreateDestinationAsync(approver, atena, null, "東京都あおば区中央一丁目５番６号　佐藤方");
        var own = await Assert.ThrowsAsync<JukiNetRequestException>(() => window.ConfirmDestinationAsync(approver, byApprover.Id));
        Assert.Contains("別の職員", own.Message);
        await window.ConfirmDestinationAsync(approver, made.Id);
        await net.DeliverAllAsync();

        Assert.Equal(["確認待ち", "送信済み"], (await window.DestinationsAsync(clerk, atena)).Select(d => d.State));
        await using var cards = Cards.Database.Open();
        Assert.Equal("東京都あおば区中央一丁目５番６号　佐藤方", (await cards.Destinations.SingleAsync()).DeliveryAddress);
    }

    [Fact]
    public async Task A_destination_whose_number_is_not_the_latest_codes_is_refused_by_the_cs_and_goes_no_further()
    {
        var destination = new CardDestinationMessage(9001, Family.Codes[0], IndividualNumber.FromLeadingDigits("99999999999").Digits, "佐藤　一郎", "サトウ　イチロウ", "1978年4月1日", 1, "岩手県", "佐藤　一郎", "岩手県", CardWindow.ByHand);

        var reply = await net.LinkA.RequestAsync(MessageKinds.CardDestination, destination);

        var result = MessageBodies.Parse<CardDestinationResult>(reply.Body!);
        Assert.False(result.Accepted);
        Assert.Contains("最新の住民票コードに対応する個人番号と一致しません", result.Refusal);
        await net.DeliverAllAsync();
        await using var cards = Cards.Database.Open();
        Assert.Equal(0, await cards.Destinations.CountAsync());
    }

    [Fact]
    public async Task Window_operations_follow_the_card_ledger_and_each_refusal_says_why()
    {
        var clerk = await net.RegistryA.OperatorAsync("clerk01");
        var atena = await AtenaAsync(Family.Codes[0]);
        var none = await Assert.ThrowsAsync<JukiNetRequestException>(() => window.OperateAsync(clerk, atena, CardOperation.Application, null));
        Assert.Contains("送付先情報を受け取っていません", none.Message);
        await CreateAndConfirmAsync(Family.Codes[0], null);
        await net.DeliverAllAsync();

        var issued = await window.OperateAsync(clerk, atena, CardOperation.Application, null);
        Assert.Equal(("未交付", "2026-11-25", "2036-04-01"), (issued.Status, issued.IssuedOn, issued.ExpiresOn));
        Assert.Equal("運用中", (await window.OperateAsync(clerk, atena, CardOperation.HandOver, null)).Status);
        var noReason = await Assert.ThrowsAsync<FieldValidationException>(() => window.OperateAsync(clerk, atena, CardOperation.Suspend, " "));
        Assert.Equal("reason", noReason.Field);
        Assert.Equal("一時停止", (await window.OperateAsync(clerk, atena, CardOperation.Suspend, "紛失")).Status);
        var twice = await Assert.ThrowsAsync<JukiNetRequestException>(() => window.OperateAsync(clerk, atena, CardOperation.HandOver, null));
        Assert.Contains("一時停止のカードには交付を行えません", twice.Message);
        Assert.Equal("運用中", (await window.OperateAsync(clerk, atena, CardOperation.Resume, null)).Status);
        var returned = await window.OperateAsync(clerk, atena, CardOperation.Return, null);
        Assert.Equal(("廃止", "返還", "2026-11-25"), (returned.Status, returned.AbolitionReason, returned.CollectedOn));
        var collected = await Assert.ThrowsAsync<JukiNetRequestException>(() => window.OperateAsync(clerk, atena, CardOperation.Collect, null));
        Assert.Contains("既に回収", collected.Message);

        var status = await window.StatusAsync(clerk, atena);
        Assert.True(status.DestinationReceived);
        Assert.Equal(issued.CardNumber, Assert.Single(status.Cards).CardNumber);
        await using var cards = Cards.Database.Open();
        Assert.Equal(["交付申請", "交付", "一時停止", "一時停止解除", "返還"], (await cards.Events.OrderBy(e => e.Id).Select(e => e.Operation).ToListAsync()).Select(o => ((CardOperation)o).JapaneseName()));
    }

    [Fact]
    public async Task Another_municipality_cannot_touch_a_card_it_does_not_hold()
    {
        await CreateAndConfirmAsync(Family.Codes[0], null);
        await net.DeliverAllAsync();
        await window.OperateAsync(await net.RegistryA.OperatorAsync("clerk01"), await AtenaAsync(Family.Codes[0]), CardOperation.Application, null);

        var reply = await net.LinkB.RequestAsync(MessageKinds.CardOperation, new CardOperationRequest("廃止", "intruder", Family.Codes[0], Reason: "なりすまし"));

        var result = MessageBodies.Parse<CardOperationResult>(reply.Body!);
        Assert.Null(result.Card);
        Assert.Contains($"所管は{TestNetwork.A.Code}です", result.Refusal);
        var after = await Cards.StatusAsync(Family.Codes[0]);
        Assert.Equal("未交付", Assert.Single(after.Cards).Status);
    }

    [Fact]
    public async Task A_call_centre_suspension_stops_the_card_and_the_municipality_takes_in_the_notice_once()
    {
        var clerk = await net.RegistryA.OperatorAsync("clerk01");
        var atena = await AtenaAsync(Family.Codes[1]);
        await CreateAndConfirmAsync(Family.Codes[1], null);
        await net.DeliverAllAsync();
        await window.OperateAsync(clerk, atena, CardOperation.Application, null);
        await window.OperateAsync(clerk, atena, CardOperation.HandOver, null);
        var number = (await net.IdentitiesAsync(TestNetwork.A.Cs)).Single(i => i.ResidentCode == Family.Codes[1]).IndividualNumber!;

        var callCentre = net.Network.CallCentreClient();
        var result = await callCentre.SuspendAsync(number, "盗難", "コールセンター 応対者07");
        await net.DeliverAllAsync();

        Assert.Equal("一時停止", result.Card!.Status);
        var notice = Assert.Single(await window.TakeInNoticesAsync(clerk));
        Assert.Equal((atena.Value, "盗難", result.Card.CardNumber), (notice.AtenaNumber, notice.Notice.Reason, notice.Notice.CardNumber));
        Assert.Empty(await window.TakeInNoticesAsync(clerk));
        var again = await callCentre.SuspendAsync(number, "盗難", "コールセンター 応対者07");
        Assert.Contains("既に一時停止", again.Refusal);
    }

    [Fact]
    public async Task The_card_follows_its_holder_to_a_new_municipality_and_ends_with_a_death()
    {
        await CreateAndConfirmAsync(Family.Codes[0], null);
        await net.DeliverAllAsync();
        await window.OperateAsync(await net.RegistryA.OperatorAsync("clerk01"), await AtenaAsync(Family.Codes[0]), CardOperation.Application, null);

        await Cards.HolderChangedAsync(Family.Codes[0], null, TestNetwork.B.Code, ChangeReason.DomesticMoveIn, null);
        var moved = Assert.Single((await Cards.StatusAsync(Family.Codes[0])).Cards);
        Assert.Equal((TestNetwork.B.Code, "未交付"), (moved.MunicipalityCode, moved.Status));
        await using (var cards = Cards.Database.Open())
        {
            Assert.Equal(TestNetwork.A.Code, (await cards.Cards.SingleAsync()).PreviousMunicipalityCode);
        }

        await Cards.HolderChangedAsync(Family.Codes[0], null, TestNetwork.B.Code, ChangeReason.Death, null);
        var ended = Assert.Single((await Cards.StatusAsync(Family.Codes[0])).Cards);
        Assert.Equal(("廃止", "死亡"), (ended.Status, ended.AbolitionReason));
        Assert.Equal(0, (await Cards.StatisticsAsync()).ValidCards);
    }

    [Fact]
    public async Task The_card_events_cannot_be_changed_or_deleted()
    {
        await CreateAndConfirmAsync(Family.Codes[0], null);
        await net.DeliverAllAsync();
        await window.OperateAsync(await net.RegistryA.OperatorAsync("clerk01"), await AtenaAsync(Family.Codes[0]), CardOperation.Application, null);

        await using var db = Cards.Database.Open();
        await Assert.ThrowsAnyAsync<Exception>(() => db.Events.ExecuteDeleteAsync());
        await Assert.ThrowsAnyAsync<Exception>(() => db.Events.ExecuteUpdateAsync(u => u.SetProperty(e => e.Reason, "改ざん")));
        Assert.Equal(1, await db.Events.CountAsync());
    }

    [Fact]
    public void The_card_module_has_no_way_to_the_identity_store()
    {
        var identityStore = typeof(Persistence.JukiNetDbContext);
        foreach (var type in typeof(CardManagement).Assembly.GetTypes().Where(t => t.Namespace == typeof(CardManagement).Namespace))
        {
            var touches = type.GetFields(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic).Select(f => f.FieldType)
                .Concat(type.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType))
                .Concat(type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly).SelectMany(m => m.GetParameters()).Select(p => p.ParameterType));
            Assert.DoesNotContain(touches, t => t.Assembly == identityStore.Assembly && t.Namespace == identityStore.Namespace);
        }
    }

    private async Task CreateAndConfirmAsync(string residentCode, string? deliveryAddress)
    {
        var made = await window.CreateDestinationAsync(await net.RegistryA.OperatorAsync("clerk01"), await AtenaAsync(residentCode), null, deliveryAddress);
        await window.ConfirmDestinationAsync(await net.RegistryA.OperatorAsync("approver01"), made.Id);
    }

    private async Task<AtenaNumber> AtenaAsync(string residentCode)
    {
        await using var db = net.RegistryA.Node.Database.Open();
        return await db.ResidentHistory.AsNoTracking().Where(r => r.ResidentCode == ResidentCode.Parse(residentCode)).Select(r => r.AtenaNumber).FirstAsync();
    }

    private async Task<HouseholdNumber> HouseholdAsync()
    {
        await using var db = net.RegistryA.Node.Database.Open();
        return (await db.LatestRows(db.Residents).AsNoTracking().FirstAsync()).HouseholdNumber;
    }
}

public sealed class SqliteCardManagementTests() : CardManagementTests(DatabaseProvider.Sqlite);

public sealed class PostgresCardManagementTests() : CardManagementTests(DatabaseProvider.Postgres);
