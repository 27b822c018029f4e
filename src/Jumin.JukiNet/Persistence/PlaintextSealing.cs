using Jumin.Storage.Security;
using Microsoft.EntityFrameworkCore;

namespace Jumin.JukiNet.Persistence;

/// <summary>
/// Seals, once, what a release before sealing kept in clear: every 個人番号 of the 本人確認情報 and its 履歴 (and the
/// keyed hash it is now found by), and every message body, reply, 転出証明書情報 and notice. Runs after each migration,
/// in batches; a store with nothing left in clear costs one query per table.
/// </summary>
internal static class PlaintextSealing
{
    private const int BatchSize = 1000;
    private const string Prefix = IndividualNumberProtector.TextPrefix;

    public static async Task RunAsync(JukiNetDatabase database, CancellationToken cancellationToken)
    {
        await SealAsync(database, db => db.Identities.Where(r => r.SealedIndividualNumber != null && !r.SealedIndividualNumber.StartsWith(Prefix)), (r, p) =>
        {
            r.IndividualNumberHash = p.LookupHash(r.SealedIndividualNumber!);
            r.SealedIndividualNumber = p.SealText(r.SealedIndividualNumber!);
        }, cancellationToken);
        await SealAsync(database, db => db.Outbox.Where(m => (m.Body != "" && !m.Body.StartsWith(Prefix)) || (m.ReplyBody != null && m.ReplyBody != "" && !m.ReplyBody.StartsWith(Prefix))), (m, p) =>
        {
            m.Body = Seal(p, m.Body);
            m.ReplyBody = m.ReplyBody is null ? null : Seal(p, m.ReplyBody);
        }, cancellationToken);
        await SealAsync(database, db => db.MessageReplies.Where(r => r.Body != "" && !r.Body.StartsWith(Prefix)), (r, p) => r.Body = p.SealText(r.Body), cancellationToken);
        await SealAsync(database, db => db.DepartureCertificates.Where(r => r.Body != "" && !r.Body.StartsWith(Prefix)), (r, p) => r.Body = p.SealText(r.Body), cancellationToken);
        await SealAsync(database, db => db.MoveInNotices.Where(r => r.Body != "" && !r.Body.StartsWith(Prefix)), (r, p) => r.Body = p.SealText(r.Body), cancellationToken);
        await SealAsync(database, db => db.CardDestinations.Where(r => r.Body != "" && !r.Body.StartsWith(Prefix)), (r, p) => r.Body = p.SealText(r.Body), cancellationToken);
        await SealAsync(database, db => db.CardNotices.Where(r => r.Body != "" && !r.Body.StartsWith(Prefix)), (r, p) => r.Body = p.SealText(r.Body), cancellationToken);
        await SealHistoryAsync(database, cancellationToken);
    }

    private static string Seal(IndividualNumberProtector protector, string value) =>
        IndividualNumberProtector.IsSealedText(value) ? value : protector.SealText(value);

    private static async Task SealAsync<TRow>(JukiNetDatabase database, Func<JukiNetDbContext, IQueryable<TRow>> unsealed, Action<TRow, IndividualNumberProtector> seal, CancellationToken cancellationToken)
        where TRow : class
    {
        int count;
        do
        {
            await using var db = database.Open();
            var rows = await unsealed(db).Take(BatchSize).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                seal(row, db.Protector);
            }
            await db.SaveChangesAsync(cancellationToken);
            count = rows.Count;
        }
        while (count == BatchSize);
    }

    /// <summary>The 履歴 is append-only: its guard is lifted and put back in the one transaction that seals it.</summary>
    private static async Task SealHistoryAsync(JukiNetDatabase database, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var unsealed = db.IdentityHistory.Where(h => h.SealedIndividualNumber != null && !h.SealedIndividualNumber.StartsWith(Prefix));
        if (!await unsealed.AnyAsync(cancellationToken))
        {
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var sql in AppendOnlyTriggers.Suspend(database.Provider, "identity_history"))
        {
            await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        }
        List<IdentityHistoryRow> rows;
        do
        {
            rows = await unsealed.Take(BatchSize).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                row.SealedIndividualNumber = db.Protector.SealText(row.SealedIndividualNumber!);
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        while (rows.Count == BatchSize);
        foreach (var sql in AppendOnlyTriggers.Restore(database.Provider, "identity_history"))
        {
            await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
