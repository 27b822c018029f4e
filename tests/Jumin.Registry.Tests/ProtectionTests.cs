using Jumin.Domain.Audit;
using Jumin.Domain.Changes;
using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Protection;
using Jumin.Registry.Changes;
using Jumin.Registry.Protection;
using Jumin.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Testing;
using static Jumin.Testing.ChangeRequests;

namespace Jumin.Registry.Tests;

/// <summary>異動抑止 and 照会抑止 (j410), and the 支援措置 term (j440), against a real database.</summary>
public abstract class ProtectionTests(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly FakeClock clock = new(Instant.FromUtc(2026, 11, 30, 1, 0));

    private TestRegistry registry = null!;

    private AtenaNumber head = null!;

    private AtenaNumber wife = null!;

    private LocalDate Today => JapanTime.Today(clock);

    public async Task InitializeAsync()
    {
        registry = await TestRegistry.CreateAsync(provider, clock: clock);
        var entry = await registry.Node.Changes.EnterAsync(await registry.OperatorAsync("clerk01"), CoupleMovesIn(Today.PlusDays(-20)), []);
        var registered = await registry.Node.Changes.RegisterAsync(await registry.OperatorAsync("approver01"), entry.Id);
        (head, wife) = (registered.Plan.NewRows[0].AtenaNumber, registered.Plan.NewRows[1].AtenaNumber);
    }

    public async Task DisposeAsync() => await registry.DisposeAsync();

    [Fact]
    public async Task A_change_restriction_stops_a_change_and_an_inquiry_restriction_stops_the_view_with_alerts_shown_otherwise()
    {
        var approver = await registry.OperatorAsync("approver01");
        var clerk = await registry.OperatorAsync("clerk01");
        var change = await registry.Node.Restrictions.SetAsync(approver, new RestrictionInput(RestrictionScope.Person, wife.Value, RestrictedProcess.Change, RestrictionLevel.Error, Today, null, "戸籍照会中"));
        var relocation = new ChangeRequest { Kind = ChangeKind.Relocation, ChangeDate = RecordedDate.FromLocalDate(Today), NotificationDate = Today, Movers = [head, wife], NewAddress = Address("２番２号") };

        var refused = await Assert.ThrowsAsync<ChangeConflictException>(() => registry.Node.Changes.EnterAsync(clerk, relocation, []));
        Assert.Contains("戸籍照会中", refused.Message, StringComparison.Ordinal);

        await registry.Node.Restrictions.LiftAsync(approver, change);
        await registry.Node.Changes.EnterAsync(clerk, relocation, []);

        await registry.Node.Restrictions.SetAsync(approver, new RestrictionInput(RestrictionScope.Person, head.Value, RestrictedProcess.Inquiry, RestrictionLevel.Alert, Today, null, "不審な照会あり"));
        var dossier = await registry.Node.Query.GetAsync(clerk, head);
        Assert.Contains(dossier!.RestrictionAlerts, a => a.Contains("不審な照会あり", StringComparison.Ordinal));
        var inquiry = await registry.Node.Restrictions.SetAsync(approver, new RestrictionInput(RestrictionScope.Person, wife.Value, RestrictedProcess.Inquiry, RestrictionLevel.Error, Today, null, "本人申出"));
        await Assert.ThrowsAsync<RestrictedException>(() => registry.Node.Query.GetAsync(clerk, wife));
        await registry.Node.Restrictions.ReleaseTemporarilyAsync(approver, inquiry);
        Assert.NotNull(await registry.Node.Query.GetAsync(clerk, wife));

        await using var db = registry.Node.Database.Open();
        Assert.True(await db.AuditLog.AnyAsync(a => a.TargetAtenaNumber == wife.Value && a.Outcome == (int)AuditOutcome.Refused && a.Detail!.EndsWith("照会抑止により拒否")));
        Assert.Equal(3, (await db.AuditLog.Where(a => a.Function == Audit.AuditFunctions.Restriction).Select(a => a.Detail!).ToListAsync()).Count(d => d.Contains("設定", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_support_measure_runs_a_year_is_extended_only_from_a_month_before_its_end_and_is_shown_on_the_household()
    {
        var approver = await registry.OperatorAsync("approver01");
        var id = await registry.Node.SupportMeasures.RegisterAsync(approver, new SupportMeasureInput { AtenaNumber = wife, StartsOn = Today });

        var early = await Assert.ThrowsAsync<Domain.FieldValidationException>(() => registry.Node.SupportMeasures.ExtendAsync(approver, id));
        Assert.Contains("1か月前から", early.Message, StringComparison.Ordinal);
        var dossier = await registry.Node.Query.GetAsync(await registry.OperatorAsync("clerk01"), head);
        Assert.Equal(SupportMeasureState.InForce, dossier!.Protected[wife]);
        Assert.Null(dossier.ProtectedState);

        clock.Advance(Duration.FromDays(340));
        Assert.Equal(SupportMeasureState.EndingSoon, (await registry.Node.Query.GetAsync(approver, wife))!.ProtectedState);
        Assert.Equal(Today.PlusDays(-340).PlusYears(2).PlusDays(-1), await registry.Node.SupportMeasures.ExtendAsync(approver, id));
        await Assert.ThrowsAsync<Access.AccessDeniedException>(async () => await registry.Node.SupportMeasures.DetailsAsync(await registry.OperatorAsync("clerk02"), wife));
        await registry.Node.SupportMeasures.EndAsync(approver, id, "本人からの終了の申出");
        Assert.Null((await registry.Node.Query.GetAsync(approver, wife))!.ProtectedState);
    }
}

public sealed class SqliteProtectionTests() : ProtectionTests(DatabaseProvider.Sqlite);

public sealed class PostgresProtectionTests() : ProtectionTests(DatabaseProvider.Postgres);
