using Jumin.Domain.Identifiers;
using Jumin.Registry.Access;
using Jumin.Registry.Audit;
using Jumin.Registry.Persistence;
using Jumin.Registry.Residents;
using Microsoft.EntityFrameworkCore;

namespace Jumin.Registry.Demo;

/// <summary>
/// Writes a generated demo municipality into the register in batches, each batch one transaction
/// with its own audit entry (j1370 ⑦ バッチ処理（データ更新）). Meant for an offline register:
/// numbering assumes no one else issues 宛名番号 meanwhile.
/// </summary>
public sealed class DemoLoader(RegistryDatabase database, AuditTrail audit)
{
    public const int BatchSize = 2000;

    /// <summary>Loads about <paramref name="residents"/> people; <paramref name="progress"/> gets the running count.</summary>
    public async Task<int> LoadAsync(int residents, int seed, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var now = audit.Clock.GetCurrentInstant();
        var today = now.InZone(Domain.Dates.JapanTime.Zone).Date;
        long nextAtena, nextHousehold;
        await using (var db = database.Open())
        {
            nextAtena = await NextAsync(db, "atena", cancellationToken);
            nextHousehold = await NextAsync(db, "household", cancellationToken);
        }
        AtenaNumber NewAtena()
        {
            nextAtena = AtenaNumber.NextIssuableSerial(nextAtena);
            return AtenaNumber.FromSerial(nextAtena++);
        }
        HouseholdNumber NewHousehold()
        {
            nextHousehold = HouseholdNumber.NextIssuableSerial(nextHousehold);
            return HouseholdNumber.FromSerial(nextHousehold++);
        }

        var generator = new DemoDataGenerator(seed, today, now);
        var batch = new List<Domain.Residents.ResidentRecord>();
        var people = 0;
        var loaded = 0;
        foreach (var household in generator.Households(residents, NewAtena, NewHousehold))
        {
            foreach (var person in household)
            {
                batch.AddRange(person);
                people++;
            }
            if (people - loaded >= BatchSize)
            {
                await WriteAsync(batch, people - loaded, nextAtena, nextHousehold, cancellationToken);
                loaded = people;
                batch.Clear();
                progress?.Report(loaded);
            }
        }
        if (batch.Count > 0)
        {
            await WriteAsync(batch, people - loaded, nextAtena, nextHousehold, cancellationToken);
            progress?.Report(people);
        }
        return people;
    }

    private async Task WriteAsync(List<Domain.Residents.ResidentRecord> rows, int people, long nextAtena, long nextHousehold, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await SetNextAsync(db, "atena", nextAtena, cancellationToken);
        await SetNextAsync(db, "household", nextHousehold, cancellationToken);
        var firstRows = rows.Where(r => r.HistoryNumber == 1).ToList();
        await ResidentWriter.AppendAsync(db, firstRows, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        var later = rows.Where(r => r.HistoryNumber > 1).ToList();
        if (later.Count > 0)
        {
            await ResidentWriter.AppendAsync(db, later, cancellationToken);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        await audit.AppendAsync(db, [audit.Event(Operator.Batch("demo"), AuditFunctions.BatchUpdate, "デモデータ生成", detail: $"{people}人・履歴{rows.Count}行を記録")], cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    private static async Task<long> NextAsync(RegistryDbContext db, string name, CancellationToken cancellationToken) =>
        (await db.NumberSequences.SingleOrDefaultAsync(s => s.Name == name, cancellationToken))?.NextValue ?? 1;

    private static async Task SetNextAsync(RegistryDbContext db, string name, long next, CancellationToken cancellationToken)
    {
        var sequence = await db.NumberSequences.AsTracking().SingleOrDefaultAsync(s => s.Name == name, cancellationToken);
        if (sequence is null)
        {
            db.NumberSequences.Add(new NumberSequence { Name = name, NextValue = next });
        }
        else
        {
            sequence.NextValue = next;
        }
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
    }
}
