using Jumin.Domain.Changes;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;
using Jumin.Registry.Access;
using Jumin.Registry.Persistence;
using Jumin.Registry.Residents;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Jumin.Registry.Changes;

/// <summary>
/// Gathers the <see cref="RegisterSnapshot"/> a 異動 reads: the 異動者, every member of the 世帯
/// they are in or join, whoever shares an identifier or the 3情報 with a person entering, and for a
/// 取消 the rows of the cancelled change and the rows before it.
/// </summary>
internal static class RegisterReader
{
    public static async Task<RegisterSnapshot> SnapshotAsync(RegistryDbContext db, ChangeRequest request, long? changeId, CancellationToken cancellationToken, Operator? editor = null, Instant? now = null)
    {
        var atenas = new HashSet<AtenaNumber>(request.Movers);
        if (request.NewHead is not null)
        {
            atenas.Add(request.NewHead);
        }
        atenas.UnionWith(request.Relationships.Select(r => r.AtenaNumber));
        atenas.UnionWith(request.Corrections.Select(c => c.AtenaNumber));
        atenas.ExceptWith(request.NewPersons.Select(p => p.AtenaNumber));

        List<ResidentRecord> cancelled = [];
        List<ResidentRecord> before = [];
        if (request.CancelsChange is { } cancelledId)
        {
            cancelled = await db.ResidentHistory.AsNoTracking().Where(h => h.ChangeId == cancelledId).ToListAsync(cancellationToken);
            foreach (var person in cancelled.GroupBy(r => r.AtenaNumber))
            {
                var previous = person.Min(r => r.HistoryNumber) - 1;
                if (previous >= 1 && await db.ResidentHistory.AsNoTracking().SingleOrDefaultAsync(h => h.AtenaNumber == person.Key && h.HistoryNumber == previous, cancellationToken) is { } row)
                {
                    before.Add(row);
                }
            }
            atenas.UnionWith(cancelled.Select(r => r.AtenaNumber));
        }

        var households = new HashSet<HouseholdNumber>(before.Select(b => b.HouseholdNumber));
        if (request.JoinHousehold is not null)
        {
            households.Add(request.JoinHousehold);
        }
        var atenaList = atenas.ToList();
        households.UnionWith(await db.Residents.Where(r => atenaList.Contains(r.AtenaNumber)).Select(r => r.HouseholdNumber).ToListAsync(cancellationToken));
        var householdList = households.ToList();
        atenas.UnionWith(await db.Residents.Where(r => householdList.Contains(r.HouseholdNumber) && r.Status == (int)ResidentStatus.Resident).Select(r => r.AtenaNumber).ToListAsync(cancellationToken));
        atenas.UnionWith(await IdentityMatchesAsync(db, request, cancellationToken));

        atenaList = [.. atenas];
        var latest = await db.LatestRows(db.Residents.Where(r => atenaList.Contains(r.AtenaNumber))).AsNoTracking().ToListAsync(cancellationToken);
        var pending = await db.ProvisionalSubjects.Where(p => atenaList.Contains(p.AtenaNumber) && p.ChangeId != changeId).Select(p => p.AtenaNumber).ToListAsync(cancellationToken);
        // 排他制御 (j1380) binds whoever enters a change, not the approver who registers it later.
        var locks = new Dictionary<AtenaNumber, string>();
        if (editor is not null && now is { } at)
        {
            var until = at.ToDateTimeUtc();
            foreach (var l in await db.ResidentLocks.Where(l => atenaList.Contains(l.AtenaNumber) && l.HolderUserId != editor.UserId && l.ExpiresAt > until).ToListAsync(cancellationToken))
            {
                locks[l.AtenaNumber] = ResidentLocks.ToLock(l).Describe();
            }
        }
        return new RegisterSnapshot(latest, pending, cancelled, before, locks);
    }

    /// <summary>People who hold an identifier entered for someone (j600, E108), or share their 生年月日 and 性別 (3情報, the decider compares the names).</summary>
    private static async Task<List<AtenaNumber>> IdentityMatchesAsync(RegistryDbContext db, ChangeRequest request, CancellationToken cancellationToken)
    {
        var items = request.NewPersons.Select(p => p.Items).Concat(request.Corrections.Select(c => c.Items)).ToList();
        var terms = new List<(SearchTermKind Kind, string Key)>();
        foreach (var i in items)
        {
            if (i.IndividualNumber is { } number)
            {
                terms.Add((SearchTermKind.IndividualNumberHash, db.Protector.LookupHash(number.Digits)));
            }
            if (i.ResidentCode is { } code)
            {
                terms.Add((SearchTermKind.ResidentCode, code.Value));
            }
            if (i.ResidenceCardNumber is { } card)
            {
                terms.Add((SearchTermKind.ResidenceCardNumber, card.Value));
            }
        }
        var found = new List<AtenaNumber>();
        foreach (var (kind, key) in terms)
        {
            found.AddRange(await db.SearchTerms.Where(t => t.Kind == kind && t.Key == key).Select(t => t.AtenaNumber).ToListAsync(cancellationToken));
        }
        foreach (var p in request.NewPersons.Where(p => p.Items.BirthDate is not null && p.Items.Sex is not null))
        {
            var birth = p.Items.BirthDate!.SortKey;
            var sex = (int)p.Items.Sex!.Value;
            found.AddRange(await db.Residents.Where(r => r.BirthKey == birth && r.Sex == sex).Select(r => r.AtenaNumber).Take(500).ToListAsync(cancellationToken));
        }
        return found;
    }
}
