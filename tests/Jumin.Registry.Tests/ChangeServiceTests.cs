using Jumin.Domain.Audit;
using Jumin.Domain.Changes;
using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;
using Jumin.Registry.Changes;
using Jumin.Registry.Persistence;
using Jumin.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using static Jumin.Testing.ChangeRequests;

namespace Jumin.Registry.Tests;

/// <summary>仮登録 → 本登録 (j530) against a real database: what is written, when, by whom, and what is refused.</summary>
public abstract class ChangeServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestRegistry registry = null!;

    private ChangeService Changes => registry.Node.Changes;

    private static LocalDate Today => SystemClock.Instance.GetCurrentInstant().InZone(Domain.Dates.JapanTime.Zone).Date;

    public async Task InitializeAsync() => registry = await TestRegistry.CreateAsync(provider);

    public async Task DisposeAsync() => await registry.DisposeAsync();

    [Fact]
    public async Task A_provisional_change_is_invisible_until_another_user_registers_it()
    {
        var clerk = await registry.OperatorAsync("clerk01");
        var approver = await registry.OperatorAsync("approver01");

        var entry = await Changes.EnterAsync(clerk, CoupleMovesIn(Today.PlusDays(-1)), []);

        await using (var db = registry.Node.Database.Open())
        {
            Assert.Empty(await db.ResidentHistory.ToListAsync());
            Assert.Empty(await db.Outbox.ToListAsync());
            Assert.Equal(2, await db.ProvisionalSubjects.CountAsync());
        }
        var hits = await registry.Node.Search.SearchAsync(clerk, new() { NameKana = "ヤマダ" });
        Assert.Empty(hits.Hits);
        Assert.Contains(await Changes.ListAsync(clerk, ChangeStatus.Provisional), c => c.Id == entry.Id && c.Summary == "山田　太郎 他1名");

        var registered = await Changes.RegisterAsync(approver, entry.Id);

        await using (var db = registry.Node.Database.Open())
        {
            var rows = await db.ResidentHistory.OrderBy(h => h.AtenaNumber).ToListAsync();
            Assert.Equal(2, rows.Count);
            Assert.All(rows, r => Assert.Equal(entry.Id, r.ChangeId));
            Assert.All(rows, r => Assert.Equal("clerk01", r.OperatorId));
            Assert.Equal(rows[0].AtenaNumber, rows[1].HouseholdHeadAtenaNumber);
            var outbox = await db.Outbox.OrderBy(m => m.Destination).ThenBy(m => m.Sequence).ToListAsync();
            // 住基ネット CS, 団体内統合宛名 and 宛名連携 each get both; 出入国在留管理庁 only hears of 外国人住民 (j970).
            Assert.Equal(3 * 2, outbox.Count);
            Assert.DoesNotContain(outbox, m => m.Destination == OutboxDestinations.ImmigrationServices);
            Assert.All(outbox.GroupBy(m => m.Destination), g => Assert.Equal([1L, 2L], g.Select(m => m.Sequence)));
            // Each message names its 住民票 row and copies none of its items: names and addresses stay in the history.
            Assert.Equal(rows.Select(r => (r.AtenaNumber, r.HistoryNumber)).Order(), outbox.Where(m => m.Destination == OutboxDestinations.JukiNetCs).Select(m => (m.AtenaNumber, m.HistoryNumber)).Order());
            Assert.Equal(
                ["atena_number", "attempts", "change_id", "change_reason", "created_at", "delivered_at", "delivery_result", "destination", "history_number", "id", "last_error", "sequence"],
                db.Model.FindEntityType(typeof(OutboxMessageRow))!.GetProperties().Select(p => p.GetColumnName()).Order(StringComparer.Ordinal));
            Assert.Empty(await db.ProvisionalSubjects.ToListAsync());
            var change = await db.Changes.SingleAsync(c => c.Id == entry.Id);
            Assert.Equal((ChangeStatus.Registered, "approver01"), (change.Status, change.DecidedBy));
            var audit = await db.AuditLog.Where(a => a.Function == Audit.AuditFunctions.ChangeRegistration).ToListAsync();
            Assert.Equal(rows.Select(r => r.AtenaNumber.Value).Order(), audit.Select(a => a.TargetAtenaNumber).Order());
            Assert.All(audit, a => Assert.Equal("approver01", a.OperatorId));
        }
        Assert.Equal(2, (await registry.Node.Search.SearchAsync(clerk, new() { NameKana = "ヤマダ" })).Hits.Count);
        Assert.True((await registry.Node.Audit.VerifyAsync(registry.Node.Database)).IsIntact);
        Assert.Equal(2, registered.Plan.NewRows.Count);
    }

    [Fact]
    public async Task A_foreign_residents_change_is_also_queued_for_the_immigration_services_agency_j970()
    {
        var person = Placeholder(0);
        var entry = await Changes.EnterAsync(await registry.OperatorAsync("clerk01"), new ChangeRequest
        {
            Kind = ChangeKind.MoveInFromAbroad,
            ChangeDate = RecordedDate.FromLocalDate(Today),
            NotificationDate = Today,
            NewPersons = [new(person, new PersonItems
            {
                Kind = ResidentKind.Foreign, FamilyName = "", GivenName = "", AlphabetName = "NGUYEN VAN AN", GivenNameKana = "グエン　ヴァン　アン",
                Sex = Sex.Male, BirthDate = RecordedDate.FromLocalDate(new LocalDate(1999, 9, 9)), Nationality = "ベトナム",
                Article3045Category = Article3045Category.MidToLongTermResident, StatusOfResidence = "特定技能",
            })],
            NewAddress = Address("２０番地"),
            PreviousAddress = new("ベトナム"),
            NewHouseholdNumber = NewHousehold,
            NewHead = person,
        }, []);
        await Changes.RegisterAsync(await registry.OperatorAsync("approver01"), entry.Id);
        await using var db = registry.Node.Database.Open();
        var message = await db.Outbox.SingleAsync(m => m.Destination == OutboxDestinations.ImmigrationServices);
        Assert.Equal((1L, (int)ChangeReason.MoveInFromAbroad), (message.Sequence, message.ChangeReason));
        Assert.Contains("NGUYEN", (await db.ResidentHistory.SingleAsync()).AlphabetName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_clerk_who_entered_a_change_cannot_register_it_nor_can_a_clerk_without_the_approval_right()
    {
        var approver = await registry.OperatorAsync("approver01");
        var entry = await Changes.EnterAsync(approver, CoupleMovesIn(Today), []);
        var own = await Assert.ThrowsAsync<ChangeConflictException>(() => Changes.RegisterAsync(approver, entry.Id));
        Assert.True(own.Forbidden);
        var clerk = await Assert.ThrowsAsync<ChangeConflictException>(async () => await Changes.RegisterAsync(await registry.OperatorAsync("clerk02"), entry.Id));
        Assert.Contains("審査・決裁", clerk.Message);
        await using var db = registry.Node.Database.Open();
        Assert.Empty(await db.ResidentHistory.ToListAsync());
        Assert.Contains(await db.AuditLog.ToListAsync(), a => a.Outcome == (int)AuditOutcome.Refused && a.Detail!.Contains("入力者本人"));

        var auditor = await Assert.ThrowsAsync<ChangeConflictException>(async () => await Changes.EnterAsync(await registry.OperatorAsync("auditor01"), CoupleMovesIn(Today, family: "監査"), []));
        Assert.True(auditor.Forbidden);
        Assert.Contains(await db.AuditLog.ToListAsync(), a => a.OperatorId == "auditor01" && a.Outcome == (int)AuditOutcome.Refused && a.Detail!.Contains("権限なし"));
    }

    [Fact]
    public async Task A_change_with_errors_writes_nothing_and_issues_no_numbers_but_the_refusal_is_audited()
    {
        var clerk = await registry.OperatorAsync("clerk01");
        var future = CoupleMovesIn(Today.PlusDays(3));

        var refused = await Assert.ThrowsAsync<ChangeRejectedException>(() => Changes.EnterAsync(clerk, future, []));

        Assert.Contains(refused.Findings, f => f.Code == "E104" && f.FieldLabel == "異動日");
        await using var db = registry.Node.Database.Open();
        Assert.Empty(await db.Changes.ToListAsync());
        Assert.Empty(await db.ProvisionalSubjects.ToListAsync());
        Assert.Null(await db.NumberSequences.SingleOrDefaultAsync(s => s.Name == "atena"));
        var last = await db.AuditLog.OrderByDescending(a => a.Sequence).FirstAsync();
        Assert.Equal((int)AuditOutcome.Refused, last.Outcome);
        Assert.Contains("E104", last.Detail);
    }

    [Fact]
    public async Task An_alert_must_be_acknowledged_and_the_acknowledgement_is_recorded()
    {
        var clerk = await registry.OperatorAsync("clerk01");
        var approver = await registry.OperatorAsync("approver01");
        await Changes.RegisterAsync(approver, (await Changes.EnterAsync(clerk, CoupleMovesIn(Today.PlusDays(-20)), [])).Id);
        var twin = CoupleMovesIn(Today.PlusDays(-1), banchi: "２番２号");

        var refused = await Assert.ThrowsAsync<ChangeRejectedException>(() => Changes.EnterAsync(clerk, twin, []));
        Assert.True(refused.NeedsAcknowledgement);
        Assert.All(refused.Findings, f => Assert.Equal("A201", f.Code));

        var entry = await Changes.EnterAsync(clerk, twin, ["A201"]);
        Assert.Equal("A201", entry.Row.AcknowledgedAlerts);
        await using var db = registry.Node.Database.Open();
        Assert.Contains(await db.AuditLog.ToListAsync(), a => a.Detail!.Contains("アラート確認済: A201"));
    }

    [Fact]
    public async Task A_second_change_for_someone_with_a_provisional_change_is_refused_E112()
    {
        var (head, _) = await RegisteredCoupleAsync();
        var clerk = await registry.OperatorAsync("clerk01");
        var moveOut = new ChangeRequest { Kind = ChangeKind.MoveOut, ChangeDate = RecordedDate.FromLocalDate(Today), NotificationDate = Today, Movers = [head], Destination = new("宮城県仙台市青葉区") };
        await Changes.EnterAsync(clerk, moveOut, ["A203"]);
        var refused = await Assert.ThrowsAsync<ChangeRejectedException>(() => Changes.EnterAsync(clerk, moveOut, ["A203"]));
        Assert.Contains(refused.Findings, f => f.Code == "E112");
    }

    [Fact]
    public async Task While_one_clerk_edits_a_person_another_cannot_enter_a_change_for_them_j1380()
    {
        var (head, wife) = await RegisteredCoupleAsync();
        var clerk01 = await registry.OperatorAsync("clerk01");
        var clerk02 = await registry.OperatorAsync("clerk02");
        Assert.Empty(await registry.Node.Locks.AcquireAsync(clerk01, [wife]));
        var held = Assert.Single(await registry.Node.Locks.AcquireAsync(clerk02, [wife]));
        Assert.Equal("clerk01", held.HolderUserId);

        var correction = new ChangeRequest { Kind = ChangeKind.Correction, Basis = ChangeBasis.ExOfficio, ChangeDate = RecordedDate.FromLocalDate(Today), Movers = [wife], Corrections = [new(wife, new PersonItems { Remarks = "確認" })] };
        var refused = await Assert.ThrowsAsync<ChangeRejectedException>(() => Changes.EnterAsync(clerk02, correction, []));
        var finding = Assert.Single(refused.Findings);
        Assert.Equal("E118", finding.Code);
        Assert.Contains("窓口 一郎", finding.Message);

        // The holder enters it; the 仮登録 takes over from the lock.
        await Changes.EnterAsync(clerk01, correction, []);
        await using var db = registry.Node.Database.Open();
        Assert.Empty(await db.ResidentLocks.ToListAsync());

        // An abandoned lock expires and is taken over.
        var brief = new Residents.ResidentLocks(registry.Node.Database, registry.Node.Audit, Duration.FromMilliseconds(1));
        Assert.Empty(await brief.AcquireAsync(clerk01, [head]));
        await Task.Delay(20);
        Assert.Empty(await brief.AcquireAsync(clerk02, [head]));
        Assert.Equal("clerk02", (await db.ResidentLocks.SingleAsync(l => l.AtenaNumber == head)).HolderUserId);
    }

    [Fact]
    public async Task Registering_after_the_household_changed_meanwhile_is_refused_not_lost()
    {
        var (head, wife) = await RegisteredCoupleAsync();
        var clerk = await registry.OperatorAsync("clerk01");
        var approver = await registry.OperatorAsync("approver01");
        await using var read = registry.Node.Database.Open();
        var household = (await read.Residents.SingleAsync(r => r.AtenaNumber == head)).HouseholdNumber;
        var birth = await Changes.EnterAsync(clerk, new ChangeRequest
        {
            Kind = ChangeKind.Birth,
            Basis = ChangeBasis.FamilyRegisterNotice,
            ChangeDate = RecordedDate.FromLocalDate(Today),
            NotificationDate = Today,
            NewPersons = [new(Placeholder(0), new PersonItems { FamilyName = "山田", GivenName = "一花", FamilyNameKana = "ヤマダ", GivenNameKana = "イチカ", Sex = Sex.Female })],
            JoinHousehold = household,
            Relationships = [new(Placeholder(0), Relationship.Parse("子"))],
        }, []);
        var correction = await Changes.EnterAsync(clerk, new ChangeRequest
        {
            Kind = ChangeKind.Correction,
            Basis = ChangeBasis.ExOfficio,
            ChangeDate = RecordedDate.FromLocalDate(Today),
            Movers = [wife],
            Corrections = [new(wife, new PersonItems { Remarks = "誤記の確認済" })],
        }, []);
        await Changes.RegisterAsync(approver, correction.Id);

        var conflict = await Assert.ThrowsAsync<ChangeConflictException>(() => Changes.RegisterAsync(approver, birth.Id));

        Assert.Contains(wife.Value, conflict.Message);
        var again = await Changes.GetAsync(approver, birth.Id);
        Assert.True(again!.RegisterMovedOn);
        Assert.Equal(ChangeStatus.Provisional, again.Row.Status);
    }

    [Fact]
    public async Task A_cancellation_restores_the_register_and_is_announced_downstream_j980()
    {
        var (head, wife) = await RegisteredCoupleAsync();
        var clerk = await registry.OperatorAsync("clerk01");
        var approver = await registry.OperatorAsync("approver01");
        await using var db = registry.Node.Database.Open();
        var before = await db.ResidentHistory.AsNoTracking().Where(h => h.AtenaNumber == wife).SingleAsync();
        var moveOut = await Changes.EnterAsync(clerk, new ChangeRequest { Kind = ChangeKind.MoveOut, ChangeDate = RecordedDate.FromLocalDate(Today.PlusDays(10)), NotificationDate = Today, Movers = [head, wife], Destination = new("宮城県仙台市青葉区") }, []);
        await Changes.RegisterAsync(approver, moveOut.Id);
        Assert.Equal(0, await db.Residents.CountAsync(r => r.Status == (int)ResidentStatus.Resident));

        var cancel = await Changes.EnterAsync(clerk, new ChangeRequest { Kind = ChangeKind.Cancellation, Basis = ChangeBasis.Application, ChangeDate = RecordedDate.FromLocalDate(Today), NotificationDate = Today, CancelsChange = moveOut.Id }, []);
        await Changes.RegisterAsync(approver, cancel.Id);

        var restored = await db.ResidentHistory.AsNoTracking().Where(h => h.AtenaNumber == wife).OrderByDescending(h => h.HistoryNumber).FirstAsync();
        Assert.Equal(3, restored.HistoryNumber);
        Assert.Equal(ChangeReason.CancellationIncrease, restored.ChangeReason);
        Assert.Equal(Comparable(before), Comparable(restored));
        Assert.Equal(2, await db.Residents.CountAsync(r => r.Status == (int)ResidentStatus.Resident));
        Assert.Equal(cancel.Id, (await db.Changes.SingleAsync(c => c.Id == moveOut.Id)).CancelledBy);
        Assert.Equal(6, await db.Outbox.CountAsync(m => m.Destination == OutboxDestinations.JukiNetCs));
    }

    [Fact]
    public async Task History_audit_and_outbox_are_written_together_or_not_at_all()
    {
        var clerk = await registry.OperatorAsync("clerk01");
        var entry = await Changes.EnterAsync(clerk, CoupleMovesIn(Today), []);
        await using var db = registry.Node.Database.Open();
        var auditBefore = await db.AuditLog.CountAsync();
        // A consumer's table that refuses the message: the 本登録 must leave nothing behind.
        await db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.Postgres
            ? "CREATE FUNCTION refuse_outbox() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'outbox down'; END $$; CREATE TRIGGER outbox_down BEFORE INSERT ON outbox_messages FOR EACH ROW EXECUTE FUNCTION refuse_outbox();"
            : "CREATE TRIGGER outbox_down BEFORE INSERT ON outbox_messages BEGIN SELECT RAISE(ABORT, 'outbox down'); END;");

        await Assert.ThrowsAnyAsync<Exception>(async () => await Changes.RegisterAsync(await registry.OperatorAsync("approver01"), entry.Id));

        Assert.Empty(await db.ResidentHistory.ToListAsync());
        Assert.Empty(await db.Residents.ToListAsync());
        Assert.Equal(auditBefore, await db.AuditLog.CountAsync());
        Assert.Equal(ChangeStatus.Provisional, (await db.Changes.AsNoTracking().SingleAsync(c => c.Id == entry.Id)).Status);
    }

    [Fact]
    public async Task The_missing_move_in_notice_list_shows_domestic_move_outs_without_a_notice_j710()
    {
        var (head, wife) = await RegisteredCoupleAsync(Today.PlusDays(-60));
        var clerk = await registry.OperatorAsync("clerk01");
        var approver = await registry.OperatorAsync("approver01");
        await Changes.RegisterAsync(approver, (await Changes.EnterAsync(clerk, new ChangeRequest { Kind = ChangeKind.MoveOut, Basis = ChangeBasis.ExOfficio, ChangeDate = RecordedDate.FromLocalDate(Today.PlusDays(-30)), Movers = [head, wife], Destination = new("宮城県仙台市青葉区") }, [])).Id);

        Assert.Equal([head, wife], (await Changes.MissingMoveInNoticesAsync(clerk, Today, 14)).Select(r => r.AtenaNumber).Order());

        var notice = await Changes.EnterAsync(clerk, new ChangeRequest
        {
            Kind = ChangeKind.MoveInNotice,
            Basis = ChangeBasis.ExOfficio,
            ChangeDate = RecordedDate.FromLocalDate(Today.PlusDays(-30)),
            Movers = [head],
            MoveInNoticeDate = Today.PlusDays(-2),
            Destination = new("宮城県仙台市青葉区国分町三丁目７番１号", ConfirmedMoveOutDate: Today.PlusDays(-29)),
        }, []);
        await Changes.RegisterAsync(approver, notice.Id);
        Assert.Equal([wife], (await Changes.MissingMoveInNoticesAsync(clerk, Today, 14)).Select(r => r.AtenaNumber));
    }

    private async Task<(AtenaNumber Head, AtenaNumber Wife)> RegisteredCoupleAsync(LocalDate? date = null)
    {
        var entry = await Changes.EnterAsync(await registry.OperatorAsync("clerk01"), CoupleMovesIn(date ?? Today.PlusDays(-30)), []);
        var registered = await Changes.RegisterAsync(await registry.OperatorAsync("approver01"), entry.Id);
        return (registered.Plan.NewRows[0].AtenaNumber, registered.Plan.NewRows[1].AtenaNumber);
    }

    private static ResidentRecord Comparable(ResidentRecord r) => r with
    {
        HistoryNumber = 0,
        ChangeReason = ChangeReason.ExOfficioCorrection,
        ChangeDate = RecordedDate.Unknown,
        ProcessedAt = default,
        NotificationDate = null,
        ChangeNote = null,
        ChangeId = null,
        OperatorId = "",
        InputTerminal = "",
        InputPlace = "",
    };
}

public sealed class SqliteChangeServiceTests() : ChangeServiceTests(DatabaseProvider.Sqlite);

public sealed class PostgresChangeServiceTests() : ChangeServiceTests(DatabaseProvider.Postgres);
