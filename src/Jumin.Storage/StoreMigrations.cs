using Microsoft.EntityFrameworkCore;

namespace Jumin.Storage;

/// <summary>Applies a store's migrations, refusing a database that another line of migrations made.</summary>
public static class StoreMigrations
{
    /// <summary>
    /// Applies every pending migration. A database whose history names migrations this release does not have (one made
    /// before the baseline of ADR 0013, or by a newer release) is refused with what to do, instead of failing half-way
    /// on a table that already exists.
    /// </summary>
    public static async Task ApplyAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        if (await db.Database.CanConnectAsync(cancellationToken))
        {
            var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
            var unknown = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Where(m => !known.Contains(m)).ToList();
            if (unknown.Count > 0)
            {
                throw new InvalidOperationException(
                    $"データベースに、このリリースにない移行（{string.Join(", ", unknown.Take(3))}{(unknown.Count > 3 ? " ほか" : "")}）が適用されています。" +
                    "2026-12-06 より前に作った開発用のデータなら、データディレクトリ（data/）を削除してから起動してください（ADR 0013）。" +
                    "新しいリリースで作ったデータベースなら、そのリリースで起動してください。");
            }
        }
        await db.Database.MigrateAsync(cancellationToken);
    }
}
