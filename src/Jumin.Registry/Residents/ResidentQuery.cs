using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;
using Jumin.Registry.Access;
using Jumin.Registry.Audit;
using Jumin.Domain.Protection;
using Jumin.Registry.Persistence;
using Jumin.Registry.Protection;
using Microsoft.EntityFrameworkCore;

namespace Jumin.Registry.Residents;

/// <summary>
/// A person's 住民票 as shown: the current row, the 世帯 it belongs to and the full 異動履歴 (j350),
/// with the 支援措置 of the person and each member (j380: unmistakable wherever they are shown) and
/// the 照会 alerts of any 抑止 (j410).
/// </summary>
public sealed record ResidentDossier(
    ResidentRecord Current,
    IReadOnlyList<ResidentRecord> Household,
    IReadOnlyList<ResidentRecord> History,
    IReadOnlyList<ResidentMemoRow> Memos,
    bool IndividualNumberShown,
    IReadOnlyDictionary<AtenaNumber, SupportMeasureState> Protected,
    IReadOnlyList<string> RestrictionAlerts)
{
    /// <summary>The person's own 支援措置 state, if they are a 支援対象者.</summary>
    public SupportMeasureState? ProtectedState => Protected.TryGetValue(Current.AtenaNumber, out var s) ? s : null;
}

/// <summary>照会 (j340 ※「照会」): reading a known person. Every person shown is in the audit log.</summary>
public sealed class ResidentQuery(RegistryDatabase database, AuditTrail audit)
{
    /// <summary>The dossier, or null when no such 宛名番号 exists (the miss is audited too).</summary>
    public async Task<ResidentDossier?> GetAsync(Operator op, AtenaNumber atena, string screen = "住民票照会", CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.Inquiry, screen, cancellationToken);
        await audit.RequireReasonAsync(database, op, screen, cancellationToken);
        await using var db = database.Open();
        var history = await db.ResidentHistory.AsNoTracking().Where(h => h.AtenaNumber == atena).OrderBy(h => h.HistoryNumber).ToListAsync(cancellationToken);
        if (history.Count == 0)
        {
            await audit.AppendAloneAsync(database, [audit.Event(op, AuditFunctions.View, screen, atena.Value, outcome: Domain.Audit.AuditOutcome.Refused, detail: "該当なし")], cancellationToken);
            return null;
        }
        var current = history[^1];
        var household = await (
            from r in db.Residents
            where r.HouseholdNumber == current.HouseholdNumber && r.Status == (int)ResidentStatus.Resident
            join h in db.ResidentHistory on new { r.AtenaNumber, N = r.LatestHistoryNumber } equals new { h.AtenaNumber, N = h.HistoryNumber }
            orderby r.MemberOrder, r.AtenaNumber
            select h).AsNoTracking().ToListAsync(cancellationToken);
        var now = audit.Clock.GetCurrentInstant();
        var today = now.InZone(Domain.Dates.JapanTime.Zone).Date;
        var protection = await ProtectionReader.ForAsync(db, [atena, .. household.Select(m => m.AtenaNumber)], [current.HouseholdNumber], cancellationToken);
        // Only the person's own and their 世帯's 抑止 hold back this 照会, not those of other members.
        var own = protection with { Restrictions = [.. protection.On(atena, current.HouseholdNumber)] };
        if (RestrictionCheck.Blocking(own, RestrictedProcess.Inquiry, today, now) is { } blocked)
        {
            await audit.AppendAloneAsync(database, [audit.Event(op, AuditFunctions.View, screen, atena.Value, outcome: Domain.Audit.AuditOutcome.Refused, detail: "照会抑止により拒否")], cancellationToken);
            throw new RestrictedException(blocked);
        }
        var protectedPeople = new Dictionary<AtenaNumber, SupportMeasureState>();
        foreach (var person in household.Select(m => m.AtenaNumber).Append(atena).Distinct())
        {
            if (protection.MeasureOf(person) is { } measure)
            {
                var row = person == atena ? current : household.First(m => m.AtenaNumber == person);
                protectedPeople[person] = measure.StateOn(today, movedOut: row.Status == ResidentStatus.MovedOut);
            }
        }
        var alerts = RestrictionCheck.Alerts(own, RestrictedProcess.Inquiry, today, now);
        var memos = await db.ResidentMemos.AsNoTracking().Where(m => m.AtenaNumber == atena.Value).OrderBy(m => m.MemoId).ThenBy(m => m.Version).ToListAsync(cancellationToken);

        var shown = op.CanViewIndividualNumber;
        var events = new List<Domain.Audit.AuditEvent>
        {
            audit.Event(op, AuditFunctions.View, screen, atena.Value, shown && current.IndividualNumber is not null, detail: $"住民票・異動履歴{history.Count}件"),
        };
        events.AddRange(household.Where(m => m.AtenaNumber != atena).Select(m =>
            audit.Event(op, AuditFunctions.View, screen, m.AtenaNumber.Value, shown && m.IndividualNumber is not null, detail: "世帯員として表示")));
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await audit.AppendAsync(db, events, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new(current, household, history, memos, shown, protectedPeople, alerts);
    }
}
