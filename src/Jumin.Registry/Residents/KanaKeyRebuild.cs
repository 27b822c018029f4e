using Jumin.Domain.Identifiers;
using Jumin.Domain.Search;
using Jumin.Registry.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jumin.Registry.Residents;

/// <summary>
/// Brings the カナ search keys (j330) a register stored under older rules of <see cref="KanaSearchKey"/> up to its
/// <see cref="KanaSearchKey.Version"/>, from the 住民票 history itself, at start-up: otherwise a name stored before a
/// rule changed would no longer be found by what the clerk types. The version reached is kept as a numbering row,
/// so the pass runs once; each batch is its own transaction, so an interrupted pass resumes from the start harmlessly.
/// </summary>
internal static class KanaKeyRebuild
{
    private const string VersionRow = "kana-search-key-version";
    private const int BatchSize = 1_000;

    /// <summary>Rebuilds the keys if they are older than the rules; returns how many people's keys were rebuilt.</summary>
    public static async Task<int> RunAsync(RegistryDatabase database, CancellationToken cancellationToken = default)
    {
        await using (var db = database.Open())
        {
            var stored = await db.NumberSequences.Where(s => s.Name == VersionRow).Select(s => (long?)s.NextValue).SingleOrDefaultAsync(cancellationToken);
            if (stored >= KanaSearchKey.Version)
            {
                return 0;
            }
        }
        var everyone = await ReadAllAsync(database, cancellationToken);
        foreach (var batch in everyone.Chunk(BatchSize))
        {
            await RebuildAsync(database, batch, cancellationToken);
        }
        await using (var db = database.Open())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var version = await NumberSequences.LockAsync(db, VersionRow, cancellationToken);
            version.NextValue = KanaSearchKey.Version;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return everyone.Count;
    }

    private static async Task<List<AtenaNumber>> ReadAllAsync(RegistryDatabase database, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        return await db.Residents.Select(r => r.AtenaNumber).ToListAsync(cancellationToken);
    }

    private static async Task RebuildAsync(RegistryDatabase database, AtenaNumber[] batch, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var names = await db.ResidentHistory.Where(r => batch.Contains(r.AtenaNumber))
            .Select(r => new { r.AtenaNumber, r.HistoryNumber, r.FamilyNameKana, r.GivenNameKana, r.FormerSurnameKana, r.AliasKana })
            .ToListAsync(cancellationToken);
        await db.SearchTerms.Where(t => t.Kind == SearchTermKind.NameKana && batch.Contains(t.AtenaNumber)).ExecuteDeleteAsync(cancellationToken);
        var sortKeys = new Dictionary<AtenaNumber, string>();
        foreach (var person in names.GroupBy(n => n.AtenaNumber))
        {
            var keys = person.SelectMany(n => SearchTermsOf.KanaKeys(n.FamilyNameKana, n.GivenNameKana, n.FormerSurnameKana, n.AliasKana)).Distinct();
            db.SearchTerms.AddRange(keys.Select(key => new SearchTerm { AtenaNumber = person.Key, Kind = SearchTermKind.NameKana, Key = key }));
            var latest = person.MaxBy(n => n.HistoryNumber)!;
            sortKeys[person.Key] = SearchTermsOf.NameSortKey(latest.FamilyNameKana, latest.GivenNameKana);
        }
        foreach (var entry in await db.Residents.AsTracking().Where(r => batch.Contains(r.AtenaNumber)).ToListAsync(cancellationToken))
        {
            if (sortKeys.TryGetValue(entry.AtenaNumber, out var sortKey))
            {
                entry.NameKanaKey = sortKey;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
