using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;
using Jumin.Registry.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jumin.Registry.Residents;

/// <summary>
/// The one way rows get into <c>resident_history</c>: appended with the next 履歴番号, never updated
/// (j200), with the current-state index and the search keys kept in step in the same transaction.
/// </summary>
public static class ResidentWriter
{
    /// <summary>Appends rows (each the next of its person); the caller owns the transaction and saves.</summary>
    public static async Task AppendAsync(RegistryDbContext db, IReadOnlyCollection<ResidentRecord> rows, CancellationToken cancellationToken = default)
    {
        var index = new Dictionary<AtenaNumber, ResidentIndexEntry>();
        var existingTerms = new HashSet<(AtenaNumber, SearchTermKind, string)>();
        // A batch of people new to the register (demo data, bulk 転入) has nothing to look up.
        var allNew = rows.All(r => r.HistoryNumber == 1);
        if (!allNew)
        {
            var atenas = rows.Select(r => r.AtenaNumber).Distinct().ToList();
            foreach (var entry in await db.Residents.AsTracking().Where(r => atenas.Contains(r.AtenaNumber)).ToListAsync(cancellationToken))
            {
                index[entry.AtenaNumber] = entry;
            }
            foreach (var t in await db.SearchTerms.Where(t => atenas.Contains(t.AtenaNumber)).Select(t => new { t.AtenaNumber, t.Kind, t.Key }).ToListAsync(cancellationToken))
            {
                existingTerms.Add((t.AtenaNumber, t.Kind, t.Key));
            }
        }

        foreach (var row in rows.OrderBy(r => r.AtenaNumber).ThenBy(r => r.HistoryNumber))
        {
            var errors = ResidentRules.Check(row);
            if (errors.Count > 0)
            {
                throw errors[0];
            }
            var atena = row.AtenaNumber;
            index.TryGetValue(atena, out var current);
            var expected = (current?.LatestHistoryNumber ?? 0) + 1;
            if (row.HistoryNumber != expected)
            {
                throw new InvalidOperationException($"宛名番号{atena}の履歴番号は{expected}のはずですが{row.HistoryNumber}が渡されました。履歴は1からの連番です。");
            }
            db.ResidentHistory.Add(row);
            if (current is null)
            {
                current = new ResidentIndexEntry { AtenaNumber = atena, HouseholdNumber = row.HouseholdNumber, NameKanaKey = string.Empty };
                db.Residents.Add(current);
                index[atena] = current;
            }
            Project(row, current);
            foreach (var (kind, term) in SearchTermsOf.Row(row, db.Protector))
            {
                if (existingTerms.Add((atena, kind, term)))
                {
                    db.SearchTerms.Add(new SearchTerm { AtenaNumber = atena, Kind = kind, Key = term });
                }
            }
        }
    }

    /// <summary>Issues the next serials of a numbering, skipping the ones that cannot be issued (ADR 0002).</summary>
    public static async Task<IReadOnlyList<long>> AllocateAsync(RegistryDbContext db, string sequenceName, int count, CancellationToken cancellationToken = default)
    {
        var sequence = await NumberSequences.LockAsync(db, sequenceName, cancellationToken);
        var serials = new List<long>(count);
        var next = sequence.NextValue;
        for (var i = 0; i < count; i++)
        {
            next = AtenaNumber.NextIssuableSerial(next);
            serials.Add(next);
            next++;
        }
        sequence.NextValue = next;
        return serials;
    }

    private static void Project(ResidentRecord row, ResidentIndexEntry entry)
    {
        entry.LatestHistoryNumber = row.HistoryNumber;
        entry.HouseholdNumber = row.HouseholdNumber;
        entry.MemberOrder = row.MemberOrder;
        entry.Status = (int)row.Status;
        entry.Kind = (int)row.Kind;
        entry.Sex = (int)row.Sex;
        entry.BirthKey = row.BirthDate.SortKey;
        entry.NameKanaKey = SearchTermsOf.NameSortKey(row.FamilyNameKana, row.GivenNameKana);
    }
}
