using Jumin.Domain.Audit;
using Jumin.Domain.Changes;
using Jumin.Domain.Residents;
using Jumin.Registry.Access;
using Jumin.Registry.Audit;
using Jumin.Registry.Persistence;
using Jumin.Registry.Residents;
using Microsoft.EntityFrameworkCore;

namespace Jumin.Registry.Changes;

/// <summary>異動 — 本登録 (one, or 一括 up to the bound) and 取下げ of a 仮登録 (j530).</summary>
public sealed partial class ChangeService
{
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

    private static string Moved(string before, string now)
    {
        var was = Split(before).ToHashSet();
        var changed = Split(now).Where(x => !was.Contains(x)).Select(x => x.Split(':')[0]).Distinct().ToList();
        return changed.Count == 0 ? "世帯の構成" : $"宛名番号{string.Join("、", changed)}";
    }
}
