using Jumin.Storage.Security;
using Microsoft.EntityFrameworkCore;

namespace Jumin.National.NumberGeneration;

/// <summary>
/// Seals, once, the numbers a release before sealing kept in clear in the 個人番号生成システム's store (issue 15 item 6):
/// each generated number becomes its keyed hash (the key the store is searched by) and its sealed form, and each
/// assignment's number is sealed. The store is append-only: its guard is lifted and put back in the one transaction
/// that seals it. A store with nothing in clear costs one query.
/// </summary>
internal static class NumberSealing
{
    public static async Task RunAsync(NumberGenerationDatabase database, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var plain = await db.Numbers.Where(n => n.SealedNumber == "").ToListAsync(cancellationToken);
        var assignments = await db.Assignments.Where(a => a.IndividualNumber != null && !a.IndividualNumber.StartsWith(IndividualNumberProtector.TextPrefix)).ToListAsync(cancellationToken);
        if (plain.Count == 0 && assignments.Count == 0)
        {
            return;
        }
        var protector = database.Protector;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var sql in AppendOnlyTriggers.Suspend(database.Provider, "generated_numbers").Concat(AppendOnlyTriggers.Suspend(database.Provider, "number_assignments")))
        {
            await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        }
        foreach (var row in plain)
        {
            // The key column held the number itself: it is replaced, so the row is written anew under its hash.
            var digits = row.NumberHash;
            await db.Numbers.Where(n => n.NumberHash == digits).ExecuteUpdateAsync(u => u
                .SetProperty(n => n.NumberHash, protector.LookupHash(digits))
                .SetProperty(n => n.SealedNumber, protector.SealText(digits))
                .SetProperty(n => n.Replaces, row.Replaces == null ? null : protector.SealText(row.Replaces)), cancellationToken);
        }
        foreach (var row in assignments)
        {
            row.IndividualNumber = protector.SealText(row.IndividualNumber!);
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var sql in AppendOnlyTriggers.Restore(database.Provider, "generated_numbers").Concat(AppendOnlyTriggers.Restore(database.Provider, "number_assignments")))
        {
            await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
