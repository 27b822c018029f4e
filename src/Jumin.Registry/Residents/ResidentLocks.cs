using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Registry.Access;
using Jumin.Registry.Audit;
using Jumin.Registry.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Jumin.Registry.Residents;

/// <summary>Who holds a person's lock, and until when.</summary>
public sealed record ResidentLock(AtenaNumber AtenaNumber, string HolderUserId, string HolderName, string Terminal, Instant AcquiredAt, Instant ExpiresAt)
{
    /// <summary>For the screen and the refusal: who edits, from where, since and until when (Japan time).</summary>
    public string Describe() =>
        $"{HolderName}（{HolderUserId}、{Terminal}）が{AcquiredAt.InZone(JapanTime.Zone).TimeOfDay:HH:mm}から編集中です（{ExpiresAt.InZone(JapanTime.Zone).TimeOfDay:HH:mm}まで）";
}

/// <summary>
/// 排他制御 (j1380): while a clerk edits a person's 住民票, nobody else can change it — only look at it.
/// A lock belongs to one user, lasts <see cref="Duration"/> from the last time it was taken, and an
/// expired lock is simply taken over, so a closed browser never blocks the counter for long.
/// </summary>
public sealed class ResidentLocks(RegistryDatabase database, AuditTrail audit, Duration duration)
{
    public Duration Duration { get; } = duration;

    /// <summary>Takes (or renews) the locks; returns the ones someone else holds, leaving those alone.</summary>
    public async Task<IReadOnlyList<ResidentLock>> AcquireAsync(Operator op, IReadOnlyCollection<AtenaNumber> atenas, CancellationToken cancellationToken = default)
    {
        var now = audit.Clock.GetCurrentInstant();
        await using var db = database.Open();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await db.ResidentLocks.AsTracking().Where(l => atenas.Contains(l.AtenaNumber)).ToListAsync(cancellationToken);
        var heldByOthers = existing.Where(l => l.HolderUserId != op.UserId && l.ExpiresAt > now.ToDateTimeUtc()).ToList();
        foreach (var atena in atenas.Where(a => heldByOthers.All(h => h.AtenaNumber != a)))
        {
            var row = existing.FirstOrDefault(l => l.AtenaNumber == atena);
            if (row is null)
            {
                row = new ResidentLockRow { AtenaNumber = atena, HolderUserId = op.UserId, HolderName = op.DisplayName, Terminal = op.Terminal };
                db.ResidentLocks.Add(row);
            }
            row.HolderUserId = op.UserId;
            row.HolderName = op.DisplayName;
            row.Terminal = op.Terminal;
            row.AcquiredAt = now.ToDateTimeUtc();
            row.ExpiresAt = (now + Duration).ToDateTimeUtc();
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone took one of them at the same moment: report what is held now.
            return await HeldByOthersAsync(op, atenas, cancellationToken);
        }
        return [.. heldByOthers.Select(ToLock)];
    }

    /// <summary>The locks on these people that someone other than <paramref name="op"/> holds now.</summary>
    public async Task<IReadOnlyList<ResidentLock>> HeldByOthersAsync(Operator op, IReadOnlyCollection<AtenaNumber> atenas, CancellationToken cancellationToken = default)
    {
        var now = audit.Clock.GetCurrentInstant().ToDateTimeUtc();
        await using var db = database.Open();
        var rows = await db.ResidentLocks.Where(l => atenas.Contains(l.AtenaNumber) && l.HolderUserId != op.UserId && l.ExpiresAt > now).ToListAsync(cancellationToken);
        return [.. rows.Select(ToLock)];
    }

    /// <summary>Gives up the operator's locks on these people (after 仮登録, or on 取消し of the screen).</summary>
    public static async Task ReleaseAsync(RegistryDbContext db, Operator op, IReadOnlyCollection<AtenaNumber> atenas, CancellationToken cancellationToken = default) =>
        await db.ResidentLocks.Where(l => atenas.Contains(l.AtenaNumber) && l.HolderUserId == op.UserId).ExecuteDeleteAsync(cancellationToken);

    internal static ResidentLock ToLock(ResidentLockRow row) => new(
        row.AtenaNumber, row.HolderUserId, row.HolderName, row.Terminal,
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(row.AcquiredAt, DateTimeKind.Utc)),
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(row.ExpiresAt, DateTimeKind.Utc)));
}
