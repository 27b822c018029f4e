using Jumin.Domain.Audit;
using Jumin.Domain.Changes;
using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;
using Jumin.Registry.Access;
using Jumin.Registry.Audit;
using Jumin.Registry.Persistence;
using Jumin.Registry.Protection;
using Jumin.Domain.Protection;
using Jumin.Registry.Residents;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Jumin.Registry.Changes;

/// <summary>A 異動 as stored, its request, and the plan as it stands against the register now.</summary>
public sealed record ChangeEntry(ResidentChangeRow Row, ChangeRequest Request, ChangePlan Plan, bool RegisterMovedOn)
{
    public long Id => Row.Id;
}

/// <summary>
/// 異動 by 届出 and 職権 with 審査・決裁 (j530): <see cref="EnterAsync"/> plans the change and keeps
/// it as a 仮登録 — nothing in the register changes, so certificates, searches, 住基ネット and other
/// systems keep seeing the state before it. <see cref="RegisterAsync"/>, by another user with the
/// approval right, plans it again, checks that nothing it read has moved on, and writes the history
/// rows, the audit entries and the outbox messages in one transaction.
/// </summary>
public sealed partial class ChangeService(RegistryDatabase database, AuditTrail audit, int bulkRegistrationLimit, LocalGovernmentCode municipality)
{
    // Fields rather than captured parameters: the other parts of this partial class (本登録, 照会) read them too.
    private readonly RegistryDatabase database = database;
    private readonly AuditTrail audit = audit;
    private readonly LocalGovernmentCode municipality = municipality;
    private readonly ChangeRequestJson json = new(database.Protector);

    /// <summary>The most 仮登録 one 一括本登録 may register (j530: 件数に上限を掛けることができる).</summary>
    public int BulkRegistrationLimit { get; } = bulkRegistrationLimit;

    /// <summary>
    /// 仮登録. Numbers for new people and a new 世帯 are issued here (the numbers in the request only
    /// tell the new people apart). Refused — with nothing written but the refusal in the audit
    /// log — when the plan has errors or alerts not in <paramref name="acknowledgedAlerts"/>.
    /// </summary>
    public async Task<ChangeEntry> EnterAsync(Operator op, ChangeRequest request, IReadOnlyCollection<string> acknowledgedAlerts, CancellationToken cancellationToken = default)
    {
        await RequirePermissionAsync(op, Permission.ChangeEntry, "異動入力", cancellationToken);
        ChangePlan plan;
        await using (var db = database.Open())
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            request = await IssueNumbersAsync(db, request, cancellationToken);
            var now = audit.Clock.GetCurrentInstant();
            var row = new ResidentChangeRow
            {
                Kind = (int)request.Kind,
                Basis = (int)request.Basis,
                Status = ChangeStatus.Provisional,
                Request = string.Empty,
                ReadSet = string.Empty,
                AcknowledgedAlerts = string.Join(',', acknowledgedAlerts.Order()),
                Summary = string.Empty,
                EnteredBy = op.UserId,
                EnteredAt = now.ToDateTimeUtc(),
                EnteredTerminal = op.Terminal,
                EnteredPlace = op.Place,
                CancelsChange = request.CancelsChange,
            };
            db.Changes.Add(row);
            await db.SaveChangesAsync(cancellationToken);
            var snapshot = await RegisterReader.SnapshotAsync(db, request, row.Id, cancellationToken, op, now);
            plan = ChangeDecider.Decide(request, snapshot, Context(op, row.Id, now));
            // j410 異動抑止: an error-level hold on any person or 世帯 of the change stops it.
            var protection = await ProtectionReader.ForAsync(db, [.. plan.NewRows.Select(r => r.AtenaNumber).Distinct()], [.. plan.NewRows.Select(r => r.HouseholdNumber).Distinct()], cancellationToken);
            if (RestrictionCheck.Blocking(protection, RestrictedProcess.Change, now.InZone(JapanTime.Zone).Date, now) is { } blocked)
            {
                await tx.RollbackAsync(cancellationToken);
                await audit.AppendAloneAsync(database, [audit.Event(op, AuditFunctions.ChangeProvisional, $"{request.Kind.JapaneseName()}入力", outcome: AuditOutcome.Refused, detail: "異動抑止により拒否")], cancellationToken);
                throw new ChangeConflictException(blocked);
            }
            var refusal = Refusal(plan, acknowledgedAlerts);
            if (refusal is null)
            {
                row.Request = json.Serialize(request);
                row.ReadSet = ReadSetText(snapshot);
                row.Summary = Summary(plan);
                foreach (var atena in plan.NewRows.Select(r => r.AtenaNumber).Distinct())
                {
                    db.ProvisionalSubjects.Add(new ProvisionalSubject { AtenaNumber = atena, ChangeId = row.Id });
                }
                // The 仮登録 itself now keeps others from changing these people; the editing locks are done.
                await ResidentLocks.ReleaseAsync(db, op, [.. plan.NewRows.Select(r => r.AtenaNumber).Distinct()], cancellationToken);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // Another clerk entered a 異動 for one of these people at the same moment.
                    await tx.RollbackAsync(cancellationToken);
                    await audit.AppendAloneAsync(database, [audit.Event(op, AuditFunctions.ChangeProvisional, $"{request.Kind.JapaneseName()}入力", outcome: AuditOutcome.Refused, detail: "同じ住民の仮登録と競合したため拒否")], cancellationToken);
                    throw new ChangeConflictException("同じ住民の異動が同時に仮登録されました。仮登録一覧を確認してください。");
                }
                await audit.AppendAsync(db, [.. plan.NewRows.Select(r => r.AtenaNumber).Distinct().Select(a =>
                    audit.Event(op, AuditFunctions.ChangeProvisional, $"{request.Kind.JapaneseName()}入力", a.Value,
                        detail: $"異動番号{row.Id} {request.Kind.JapaneseName()}（{request.Basis.JapaneseName()}）仮登録{AckDetail(plan, acknowledgedAlerts)}"))], cancellationToken);
                await tx.CommitAsync(cancellationToken);
                return new(row, request, plan, false);
            }
            await tx.RollbackAsync(cancellationToken);
            await AuditRefusalAsync(op, request, plan, refusal, cancellationToken);
            throw refusal;
        }
    }

    /// <summary>入力確認 (j540): the plan with its before/after rows and findings; nothing is written but the audit entries of the people shown.</summary>
    public async Task<ChangePlan> PreviewAsync(Operator op, ChangeRequest request, CancellationToken cancellationToken = default)
    {
        await RequirePermissionAsync(op, Permission.ChangeEntry, "異動入力", cancellationToken);
        await using var db = database.Open();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        request = await IssueNumbersAsync(db, request, cancellationToken);
        var now = audit.Clock.GetCurrentInstant();
        var snapshot = await RegisterReader.SnapshotAsync(db, request, null, cancellationToken, op, now);
        var plan = ChangeDecider.Decide(request, snapshot, Context(op, 0, now));
        await tx.RollbackAsync(cancellationToken);
        // The 入力確認 shows the people's 住民票: who saw whom is recorded like any other 照会.
        await audit.AppendAloneAsync(database, [.. plan.Rows.Select(r => r.Before).OfType<ResidentRecord>().Select(r => r.AtenaNumber).Distinct().Select(a =>
            audit.Event(op, AuditFunctions.View, $"{request.Kind.JapaneseName()}入力確認", a.Value, op.CanViewIndividualNumber, detail: "異動入力の確認（未登録）")),
            .. MatchAudits(op, plan, $"{request.Kind.JapaneseName()}入力確認")], cancellationToken);
        return plan;
    }

    private ChangeContext Context(Operator op, long changeId, Instant now) =>
        new(now.InZone(JapanTime.Zone).Date, now, op.Place, op.Terminal, op.UserId, changeId, municipality,
            (op.Sees(VisibleItem.IndividualNumber) ? ShownIdentifiers.IndividualNumber : ShownIdentifiers.None)
            | (op.Sees(VisibleItem.ResidentCode) ? ShownIdentifiers.ResidentCode : ShownIdentifiers.None)
            | (op.Sees(VisibleItem.ResidenceStatus) ? ShownIdentifiers.ResidenceCardNumber : ShownIdentifiers.None));

    /// <summary>
    /// An entered 個人番号・住民票コード・在留カード等番号 that matched a recorded person (E101, E102) touched that person's
    /// record, whether or not the message could name them: the audit log names them.
    /// </summary>
    private AuditEvent[] MatchAudits(Operator op, ChangePlan plan, string screen) =>
        [.. plan.Findings.Select(f => f.MatchedPerson).OfType<AtenaNumber>().Distinct().Select(a =>
            audit.Event(op, AuditFunctions.Search, screen, a.Value, detail: $"入力された個人番号等が一致（{string.Join(",", plan.Findings.Where(f => f.MatchedPerson == a).Select(f => f.Code).Distinct())}）"))];

    /// <summary>The 処理日 (j480): today in Japan.</summary>
    public LocalDate Today() => JapanTime.Today(audit.Clock);

    private async Task RequirePermissionAsync(Operator op, Permission permission, string what, CancellationToken cancellationToken)
    {
        try
        {
            await audit.RequireAsync(database, op, permission, what, cancellationToken);
        }
        catch (AccessDeniedException)
        {
            throw new ChangeConflictException($"{what}の権限がありません（{permission.Japanese()}の権限が必要です）。", forbidden: true);
        }
    }

    private static ChangeRejectedException? Refusal(ChangePlan plan, IReadOnlyCollection<string> acknowledged)
    {
        if (plan.HasErrors)
        {
            return new(plan, [.. plan.Errors], false);
        }
        var open = plan.Unacknowledged(acknowledged);
        return open.Count > 0 ? new(plan, open, true) : null;
    }

    private Task AuditRefusalAsync(Operator op, ChangeRequest request, ChangePlan plan, ChangeRejectedException refusal, CancellationToken cancellationToken) =>
        audit.AppendAloneAsync(database, [audit.Event(op, AuditFunctions.ChangeProvisional, $"{request.Kind.JapaneseName()}入力",
            request.Movers.Count > 0 ? request.Movers[0].Value : null, outcome: AuditOutcome.Refused,
            detail: $"{request.Kind.JapaneseName()} {(refusal.NeedsAcknowledgement ? "未確認のアラート" : "エラー")}: {string.Join(",", refusal.Findings.Select(f => f.Code).Distinct())}"),
            .. MatchAudits(op, plan, $"{request.Kind.JapaneseName()}入力")], cancellationToken);

    private static string AckDetail(ChangePlan plan, IReadOnlyCollection<string> acknowledged)
    {
        var codes = plan.Alerts.Select(a => a.Code).Distinct().Where(acknowledged.Contains).ToList();
        return codes.Count == 0 ? string.Empty : $" アラート確認済: {string.Join(",", codes)}";
    }

    private static string Summary(ChangePlan plan)
    {
        var people = plan.NewRows.Select(r => r.FullName).Distinct().ToList();
        return people.Count switch
        {
            0 => plan.Request.Kind.JapaneseName(),
            1 => people[0],
            _ => $"{people[0]} 他{people.Count - 1}名",
        };
    }

    private static string ReadSetText(RegisterSnapshot snapshot) => string.Join(',', snapshot.ReadSet.Select(r => $"{r.Atena.Value}:{r.HistoryNumber}"));

    private static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static async Task<ChangeRequest> IssueNumbersAsync(RegistryDbContext db, ChangeRequest request, CancellationToken cancellationToken)
    {
        var people = new Dictionary<AtenaNumber, AtenaNumber>();
        if (request.NewPersons.Count > 0)
        {
            var serials = await ResidentWriter.AllocateAsync(db, "atena", request.NewPersons.Count, cancellationToken);
            for (var i = 0; i < serials.Count; i++)
            {
                people[request.NewPersons[i].AtenaNumber] = AtenaNumber.FromSerial(serials[i]);
            }
        }
        HouseholdNumber? household = null;
        if (request.NewHouseholdNumber is not null)
        {
            household = HouseholdNumber.FromSerial((await ResidentWriter.AllocateAsync(db, "household", 1, cancellationToken))[0]);
        }
        return request.WithNumbers(people, household);
    }
}
