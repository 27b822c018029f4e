using Jumin.Domain.Residents;
using Jumin.Registry.Access;
using Jumin.Registry.Audit;
using Jumin.Registry.Changes;
using Jumin.Registry.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jumin.Registry.Operations;

/// <summary>What the 運用監視 screen shows: counts and queues, never a person (seed 000 OUT-02).</summary>
public sealed record OperationsStatus(
    string Database,
    int Residents,
    int ProvisionalChanges,
    IReadOnlyDictionary<string, int> UndeliveredMessages,
    int ActiveLocks,
    long AuditEntries,
    int AuditEntriesLastDay,
    int CertificatesLastDay,
    int ActiveBreakGlassGrants);

/// <summary>運用監視 for the 委託先 and the system administrator: job, queue and system status without personal data.</summary>
public sealed class OperationsMonitor(RegistryDatabase database, AuditTrail audit)
{
    public async Task<OperationsStatus> StatusAsync(Operator op, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.Operations, "運用監視", cancellationToken);
        var now = audit.Clock.GetCurrentInstant().ToDateTimeUtc();
        var dayAgo = now.AddDays(-1);
        await using var db = database.Open();
        var undelivered = await db.Outbox.Where(m => m.DeliveredAt == null).GroupBy(m => m.Destination).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var status = new OperationsStatus(
            database.Provider.ToString(),
            await db.Residents.CountAsync(r => r.Status == (int)ResidentStatus.Resident, cancellationToken),
            await db.Changes.CountAsync(c => c.Status == ChangeStatus.Provisional, cancellationToken),
            OutboxDestinations.All.ToDictionary(d => d, d => undelivered.FirstOrDefault(u => u.Key == d)?.Count ?? 0),
            await db.ResidentLocks.CountAsync(l => l.ExpiresAt > now, cancellationToken),
            await db.AuditChainHeads.Select(h => h.LastSequence).SingleAsync(cancellationToken),
            await db.AuditLog.CountAsync(a => a.At >= dayAgo, cancellationToken),
            await db.CertificateIssues.CountAsync(i => i.IssuedAt >= dayAgo, cancellationToken),
            await db.BreakGlassGrants.CountAsync(g => g.RevokedAt == null && g.EndsAt > now, cancellationToken));
        await audit.AppendAloneAsync(database, [audit.Event(op, "運用監視", "運用監視", detail: "稼働状況の表示（個人情報なし）")], cancellationToken);
        return status;
    }
}
