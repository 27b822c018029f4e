using Jumin.Storage.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Jumin.National.NumberGeneration;

/// <summary>
/// A number the generation module has produced (個人番号管理ファイル; seed 004 §3.1). Never updated, never deleted: a
/// number once generated is never generated again (二重発行防止, 失効した番号の再利用禁止).
/// </summary>
public sealed class GeneratedNumberRow
{
    /// <summary>The number's keyed hash (<see cref="IndividualNumberProtector.LookupHash"/>): unique, and never the number itself.</summary>
    public required string NumberHash { get; set; }

    /// <summary>The number, sealed (<see cref="IndividualNumberProtector.SealText"/>).</summary>
    public required string SealedNumber { get; set; }

    /// <summary>The 住民票コード it was generated from.</summary>
    public required string ResidentCode { get; set; }

    /// <summary>生成日時.</summary>
    public DateTime GeneratedAt { get; set; }

    /// <summary>The number it replaces (個人番号の変更), if any, sealed.</summary>
    public string? Replaces { get; set; }
}

/// <summary>
/// Which number belongs to which 住民票コード, as a history: 生成, 変更 (the old number is kept as 履歴), 住民票コード変更
/// (the number moves to the new code; the old code's row has no number). The latest row of a code is its number.
/// Append-only.
/// </summary>
public sealed class NumberAssignmentRow
{
    public long Id { get; set; }

    public required string ResidentCode { get; set; }

    /// <summary>The number given out, sealed; null on the old code's row of a 住民票コード変更.</summary>
    public string? IndividualNumber { get; set; }

    /// <summary>生成 / 変更 / 住民票コード変更.</summary>
    public required string Reason { get; set; }

    /// <summary>払出日時 — when the number was given to the requesting municipality.</summary>
    public DateTime At { get; set; }
}

/// <summary>The 個人番号生成システム's own store, in its own database: nothing else reads or writes it.</summary>
public abstract class NumberGenerationDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<GeneratedNumberRow> Numbers => Set<GeneratedNumberRow>();

    public DbSet<NumberAssignmentRow> Assignments => Set<NumberAssignmentRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<GeneratedNumberRow>(e =>
        {
            e.ToTable("generated_numbers");
            e.HasKey(r => r.NumberHash);
            e.Property(r => r.NumberHash).HasMaxLength(64);
            e.HasIndex(r => r.ResidentCode);
        });
        modelBuilder.Entity<NumberAssignmentRow>(e =>
        {
            e.ToTable("number_assignments");
            e.HasIndex(r => new { r.ResidentCode, r.Id });
            e.HasIndex(r => r.IndividualNumber);
        });
    }
}

public sealed class SqliteNumberGenerationDbContext(DbContextOptions<SqliteNumberGenerationDbContext> options) : NumberGenerationDbContext(options);

public sealed class PostgresNumberGenerationDbContext(DbContextOptions<PostgresNumberGenerationDbContext> options) : NumberGenerationDbContext(options);

/// <summary>Where the generation module keeps its store, and the keys its numbers are sealed and hashed with (ADR 0012).</summary>
public sealed class NumberGenerationDatabase(DatabaseProvider provider, string connectionString, IndividualNumberProtector protector) : StoreDatabase<NumberGenerationDbContext>(provider, connectionString)
{
    public IndividualNumberProtector Protector { get; } = protector;

    public override NumberGenerationDbContext Open() => Open<SqliteNumberGenerationDbContext, PostgresNumberGenerationDbContext>(options => new SqliteNumberGenerationDbContext(options), options => new PostgresNumberGenerationDbContext(options));

    /// <summary>Migrates, then seals what a release before sealing kept in clear.</summary>
    public override async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await base.MigrateAsync(cancellationToken);
        await NumberSealing.RunAsync(this, cancellationToken);
    }

    internal static IndividualNumberProtector DesignTimeProtector() => new(() => new KeyRing([new byte[32]]), new byte[32]);
}

internal sealed class SqliteNumberGenerationDesignTimeFactory : IDesignTimeDbContextFactory<SqliteNumberGenerationDbContext>
{
    public SqliteNumberGenerationDbContext CreateDbContext(string[] args) => (SqliteNumberGenerationDbContext)new NumberGenerationDatabase(DatabaseProvider.Sqlite, "Data Source=design.db", NumberGenerationDatabase.DesignTimeProtector()).Open();
}

internal sealed class PostgresNumberGenerationDesignTimeFactory : IDesignTimeDbContextFactory<PostgresNumberGenerationDbContext>
{
    public PostgresNumberGenerationDbContext CreateDbContext(string[] args) => (PostgresNumberGenerationDbContext)new NumberGenerationDatabase(DatabaseProvider.Postgres, "Host=localhost;Database=design", NumberGenerationDatabase.DesignTimeProtector()).Open();
}
