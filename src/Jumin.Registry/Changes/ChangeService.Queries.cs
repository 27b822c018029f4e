using Jumin.Domain.Changes;
using Jumin.Domain.Residents;
using Jumin.Registry.Access;
using Jumin.Registry.Audit;
using Jumin.Registry.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Jumin.Registry.Changes;

/// <summary>異動 — what the 審査者 and the counter read: the 仮登録一覧, one 異動 as it stands, the 転入通知 not yet arrived (j530, j540, j700).</summary>
public sealed partial class ChangeService
{
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
}
