using Jumin.Domain;
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
public sealed class ChangeService(RegistryDatabase database, AuditTrail audit, int bulkRegistrationLimit, LocalGovernmentCode municipality)
{
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

    /// <summary>本登録 (j530) by a user with the approval right who did not enter the change.</summary>
    public async Task<ChangeEntry> RegisterAsync(Operator op, long id, CancellationToken cancellationToken = default)
    {
        await RequirePermissionAsync(op, Permission.Approval, "本登録", cancellationToken);
        await using var db = database.Open();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        // Serialises 本登録 (and every audited write): the read-set check and the outbox numbering below see no interleaving.
        await db.Database.ExecuteSqlRawAsync("UPDATE audit_chain_head SET last_sequence = last_sequence WHERE id = 1", cancellationToken);
        var row = await db.Changes.AsTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new ChangeConflictException($"異動番号{id}の異動はありません。");
        if (row.Status != ChangeStatus.Provisional)
        {
            await tx.RollbackAsync(cancellationToken);
            await audit.AppendAloneAsync(database, [audit.Event(op, AuditFunctions.ChangeRegistration, "本登録", outcome: AuditOutcome.Refused, detail: $"異動番号{id} 決裁済みのため拒否")], cancellationToken);
            throw new ChangeConflictException($"異動番号{id}は既に{(row.Status == ChangeStatus.Registered ? "本登録" : "取下げ")}されています。");
        }
        if (row.EnteredBy == op.UserId)
        {
            await tx.RollbackAsync(cancellationToken);
            await audit.AppendAloneAsync(database, [audit.Event(op, AuditFunctions.ChangeRegistration, "本登録", outcome: AuditOutcome.Refused, detail: $"異動番号{id} 入力者本人による本登録を拒否")], cancellationToken);
            throw new ChangeConflictException("自分が入力した異動は本登録できません。別の審査者が本登録してください。", forbidden: true);
        }
        var request = json.Deserialize(row.Request);
        var snapshot = await RegisterReader.SnapshotAsync(db, request, row.Id, cancellationToken);
        var now = audit.Clock.GetCurrentInstant();
        var plan = ChangeDecider.Decide(request, snapshot, Context(op, row.Id, now) with { OperatorId = row.EnteredBy, Terminal = row.EnteredTerminal, Place = row.EnteredPlace });
        if (ReadSetText(snapshot) != row.ReadSet)
        {
            await tx.RollbackAsync(cancellationToken);
            await audit.AppendAloneAsync(database, [audit.Event(op, AuditFunctions.ChangeRegistration, "本登録", outcome: AuditOutcome.Refused, detail: $"異動番号{id} 仮登録後に住民票が更新されたため拒否")], cancellationToken);
            throw new ChangeConflictException($"異動番号{id}の仮登録の後に、関係する住民票が更新されました（{Moved(row.ReadSet, ReadSetText(snapshot))}）。この仮登録を取り下げて入力し直してください。");
        }
        var refusal = Refusal(plan, Split(row.AcknowledgedAlerts));
        if (refusal is not null)
        {
            await tx.RollbackAsync(cancellationToken);
            await AuditRefusalAsync(op, request, plan, refusal, cancellationToken);
            throw refusal;
        }
        var rows = plan.NewRows;
        await ResidentWriter.AppendAsync(db, rows, cancellationToken);
        await Outbox.AddAsync(db, row.Id, plan.Rows, now, cancellationToken);
        CardDestinationsDue.Add(db, plan.Rows, row.EnteredBy, op.UserId, now);
        row.Status = ChangeStatus.Registered;
        row.HeadNotices = plan.HeadNotices.Count == 0 ? null : json.Serialize(plan.HeadNotices);
        row.DecidedBy = op.UserId;
        row.DecidedAt = now.ToDateTimeUtc();
        if (request.CancelsChange is { } cancelled && await db.Changes.AsTracking().SingleOrDefaultAsync(c => c.Id == cancelled, cancellationToken) is { } original)
        {
            original.CancelledBy = row.Id;
        }
        await db.ProvisionalSubjects.Where(p => p.ChangeId == row.Id).ExecuteDeleteAsync(cancellationToken);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, [.. rows.Select(r => audit.Event(op, AuditFunctions.ChangeRegistration, "本登録", r.AtenaNumber.Value,
            detail: $"異動番号{row.Id} {r.ChangeReason.JapaneseName()} 履歴番号{r.HistoryNumber}（入力 {row.EnteredBy}）"))], cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new(row, request, plan, false);
    }

    /// <summary>一括本登録 (j530): the given 仮登録 (or every one, oldest first) up to <see cref="BulkRegistrationLimit"/>; each in its own transaction.</summary>
    public async Task<IReadOnlyList<(long Id, string? Refusal)>> RegisterManyAsync(Operator op, IReadOnlyCollection<long>? ids, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        await RequirePermissionAsync(op, Permission.Approval, "一括本登録", cancellationToken);
        if (ids is { Count: 0 })
        {
            return [];
        }
        List<long> chosen;
        await using (var db = database.Open())
        {
            var query = db.Changes.Where(c => c.Status == ChangeStatus.Provisional && c.EnteredBy != op.UserId);
            if (ids is not null)
            {
                query = query.Where(c => ids.Contains(c.Id));
            }
            chosen = await query.OrderBy(c => c.Id).Select(c => c.Id).Take(BulkRegistrationLimit + 1).ToListAsync(cancellationToken);
        }
        if (chosen.Count > BulkRegistrationLimit)
        {
            throw new ChangeConflictException($"一括本登録は{BulkRegistrationLimit}件までです。選ぶ件数を減らしてください。");
        }
        var results = new List<(long, string?)>();
        foreach (var id in chosen)
        {
            try
            {
                await RegisterAsync(op, id, cancellationToken);
                results.Add((id, null));
            }
            catch (ChangeRejectedException e)
            {
                results.Add((id, string.Join(" ", e.Findings.Select(f => f.Message))));
            }
            catch (ChangeConflictException e)
            {
                results.Add((id, e.Message));
            }
            progress?.Report(results.Count);
        }
        return results;
    }

    /// <summary>取下げ of a 仮登録, by the clerk who entered it or an approver (差戻し); nothing had been written.</summary>
    public async Task WithdrawAsync(Operator op, long id, CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.Changes.AsTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new ChangeConflictException($"異動番号{id}の異動はありません。");
        if (row.Status != ChangeStatus.Provisional)
        {
            throw new ChangeConflictException($"異動番号{id}は仮登録ではありません。");
        }
        if (row.EnteredBy != op.UserId && !op.May(Permission.Approval))
        {
            await tx.RollbackAsync(cancellationToken);
            await audit.AppendAloneAsync(database, [audit.Event(op, AuditFunctions.ChangeProvisional, "仮登録取下げ", outcome: AuditOutcome.Refused, detail: $"異動番号{id} 入力者・審査者以外による取下げを拒否")], cancellationToken);
            throw new ChangeConflictException("仮登録を取り下げられるのは入力者か審査者です。", forbidden: true);
        }
        row.Status = ChangeStatus.Withdrawn;
        row.DecidedBy = op.UserId;
        row.DecidedAt = audit.Clock.GetCurrentInstant().ToDateTimeUtc();
        var subjects = await db.ProvisionalSubjects.Where(p => p.ChangeId == id).Select(p => p.AtenaNumber).ToListAsync(cancellationToken);
        await db.ProvisionalSubjects.Where(p => p.ChangeId == id).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, [.. subjects.Select(a => audit.Event(op, AuditFunctions.ChangeProvisional, "仮登録取下げ", a.Value, detail: $"異動番号{id} 取下げ"))], cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>仮登録一覧 (j530) or recent 本登録, newest first; an entry place narrows it (入力支所等を単位とした一部).</summary>
    public async Task<IReadOnlyList<ResidentChangeRow>> ListAsync(Operator op, ChangeStatus status, string? place = null, int limit = 200, CancellationToken cancellationToken = default)
    {
        await RequireReadAsync(op, status, "異動一覧", cancellationToken);
        await using var db = database.Open();
        var query = db.Changes.AsNoTracking().Where(c => c.Status == status);
        if (!string.IsNullOrEmpty(place))
        {
            query = query.Where(c => c.EnteredPlace == place);
        }
        var rows = await (status == ChangeStatus.Provisional ? query.OrderBy(c => c.Id) : query.OrderByDescending(c => c.Id)).Take(limit).ToListAsync(cancellationToken);
        await audit.AppendAloneAsync(database, [audit.Event(op, AuditFunctions.Search, "異動一覧", detail: $"{status} {rows.Count}件{(string.IsNullOrEmpty(place) ? "" : $"（{place}）")}")], cancellationToken);
        return rows;
    }

    /// <summary>
    /// One 異動 with its plan against the register as it stands (入力確認 j540: before and after of
    /// every item); for a 本登録 the rows it wrote. Every person shown is audited.
    /// </summary>
    public async Task<ChangeEntry?> GetAsync(Operator op, long id, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.Inquiry, "異動内容照会", cancellationToken);
        await using var db = database.Open();
        var row = await db.Changes.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (row is null)
        {
            return null;
        }
        await RequireReadAsync(op, row.Status, "異動内容照会", cancellationToken);
        var request = json.Deserialize(row.Request);
        ChangePlan plan;
        var movedOn = false;
        if (row.Status == ChangeStatus.Registered)
        {
            var written = await db.ResidentHistory.AsNoTracking().Where(h => h.ChangeId == id).OrderBy(h => h.AtenaNumber).ThenBy(h => h.HistoryNumber).ToListAsync(cancellationToken);
            var befores = new List<PlannedRow>();
            foreach (var after in written)
            {
                var before = await db.ResidentHistory.AsNoTracking().SingleOrDefaultAsync(h => h.AtenaNumber == after.AtenaNumber && h.HistoryNumber == after.HistoryNumber - 1, cancellationToken);
                befores.Add(new(before, after));
            }
            plan = new(request, befores, [], row.HeadNotices is null ? [] : json.DeserializeNotices(row.HeadNotices));
        }
        else
        {
            var snapshot = await RegisterReader.SnapshotAsync(db, request, row.Id, cancellationToken);
            plan = ChangeDecider.Decide(request, snapshot, Context(op, row.Id, audit.Clock.GetCurrentInstant()) with { OperatorId = row.EnteredBy });
            movedOn = row.Status == ChangeStatus.Provisional && ReadSetText(snapshot) != row.ReadSet;
        }
        var shown = op.CanViewIndividualNumber;
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await audit.AppendAsync(db, [.. plan.Rows.Select(r => r.After.AtenaNumber).Distinct().Select(a =>
            audit.Event(op, AuditFunctions.View, "異動内容照会", a.Value, shown, detail: $"異動番号{id}"))], cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new(row, request, plan, movedOn);
    }

    /// <summary>
    /// 転入通知未着者一覧 (j710): people removed by 国内転出 or 職権消除 whose 転入通知 has not
    /// arrived <paramref name="olderThanDays"/> days after the 転出予定日 (消除日).
    /// </summary>
    public async Task<IReadOnlyList<ResidentRecord>> MissingMoveInNoticesAsync(Operator op, LocalDate today, int olderThanDays, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.Inquiry, "転入通知未着者一覧", cancellationToken);
        await using var db = database.Open();
        var cutoff = ValueConversions.Encode(Domain.Dates.RecordedDate.FromLocalDate(today.PlusDays(-olderThanDays))) + 999;
        var removed = new[] { (int)ResidentStatus.MovedOut, (int)ResidentStatus.RemovedExOfficio };
        var rows = await db.LatestRows(db.Residents.Where(r => removed.Contains(r.Status)))
            .Where(h => h.MoveInNoticeDate == null && (h.RemovalReason == ChangeReason.DomesticMoveOut || h.RemovalReason == ChangeReason.ExOfficioRemoval))
            .AsNoTracking().ToListAsync(cancellationToken);
        var result = rows.Where(h => h.RemovalDate is { } d && ValueConversions.Encode(d) <= cutoff).OrderBy(h => h.RemovalDate!.SortKey).ThenBy(h => h.AtenaNumber).ToList();
        await audit.AppendAloneAsync(database, [audit.Event(op, AuditFunctions.Search, "転入通知未着者一覧", detail: $"{result.Count}件（転出から{olderThanDays}日経過）")], cancellationToken);
        return result;
    }

    /// <summary>
    /// A 仮登録 (or a withdrawn one) is not yet the register: only whoever enters or decides 異動 reads it (異動入力 or
    /// 審査・決裁); a 本登録 is the register's history, open to 照会.
    /// </summary>
    private Task RequireReadAsync(Operator op, ChangeStatus status, string screen, CancellationToken cancellationToken) =>
        status == ChangeStatus.Registered
            ? audit.RequireAsync(database, op, Permission.Inquiry, screen, cancellationToken)
            : audit.RequireAnyAsync(database, op, [Permission.ChangeEntry, Permission.Approval], screen, cancellationToken);

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

    private static string Moved(string before, string now)
    {
        var was = Split(before).ToHashSet();
        var changed = Split(now).Where(x => !was.Contains(x)).Select(x => x.Split(':')[0]).Distinct().ToList();
        return changed.Count == 0 ? "世帯の構成" : $"宛名番号{string.Join("、", changed)}";
    }

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
