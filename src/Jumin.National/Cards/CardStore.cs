using Jumin.Storage.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Jumin.National.Cards;

/// <summary>送付先情報 as the 個人番号カード管理システム received it from a CS (個人番号カード用管理ファイル items 1–61).</summary>
public sealed class ReceivedDestinationRow
{
    public long Id { get; set; }

    /// <summary>The municipality that made it (items 9–16).</summary>
    public required string MunicipalityCode { get; set; }

    /// <summary>送付先管理番号 — the registry's number for it; unique per municipality (a resend is not stored twice).</summary>
    public long DestinationNumber { get; set; }

    public required string ResidentCode { get; set; }

    /// <summary>The 個人番号, sealed (ADR 0012).</summary>
    public required string IndividualNumber { get; set; }

    public required string Name { get; set; }

    public required string NameKana { get; set; }

    public required string BirthDate { get; set; }

    public int Sex { get; set; }

    public required string Address { get; set; }

    public required string DeliveryName { get; set; }

    public required string DeliveryAddress { get; set; }

    /// <summary>Why it was made: 異動 (new number) or 窓口 (sent by hand, e.g. to a 居所).</summary>
    public required string Reason { get; set; }

    public DateTime ReceivedAt { get; set; }
}

/// <summary>
/// One card in the カード管理台帳 (items 85–111): its number, whose it is, which municipality has jurisdiction over it
/// (所管; it follows the holder's moves), and its status with the dates and reasons of each step.
/// </summary>
public sealed class CardRow
{
    /// <summary>カード発行番号.</summary>
    public required string CardNumber { get; set; }

    public required string ResidentCode { get; set; }

    /// <summary>The 個人番号, sealed (ADR 0012).</summary>
    public required string IndividualNumber { get; set; }

    /// <summary>The 個人番号's keyed hash: the コールセンター finds a card by it.</summary>
    public required string IndividualNumberHash { get; set; }

    /// <summary>所管 — the municipality that hands the card over and answers for it.</summary>
    public required string MunicipalityCode { get; set; }

    /// <summary>前住地市町村コード, after the holder moved.</summary>
    public string? PreviousMunicipalityCode { get; set; }

    /// <summary>転入処理日 — when the jurisdiction moved with the holder.</summary>
    public DateTime? MovedInAt { get; set; }

    /// <summary><see cref="Domain.JukiNet.CardStatus"/>.</summary>
    public int Status { get; set; }

    public DateOnly IssuedOn { get; set; }

    public DateOnly ExpiresOn { get; set; }

    public DateTime? HandedOverAt { get; set; }

    public DateTime? SuspendedAt { get; set; }

    public string? SuspensionReason { get; set; }

    public DateTime? AbolishedAt { get; set; }

    public string? AbolitionReason { get; set; }

    public DateTime? CollectedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// Every operation on every card, as it happened (操作者ID, 操作端末 → the sending node, タイムスタンプ; seed 004 R-ACQ-22:
/// 情報照会・情報更新の記録). Append-only.
/// </summary>
public sealed class CardEventRow
{
    public long Id { get; set; }

    public required string CardNumber { get; set; }

    public required string ResidentCode { get; set; }

    /// <summary><see cref="Domain.JukiNet.CardOperation"/>, or 0 for a change that followed the holder's 異動.</summary>
    public int Operation { get; set; }

    /// <summary>The status after it.</summary>
    public int Status { get; set; }

    public string? Reason { get; set; }

    /// <summary>The node it came from (a CS, the コールセンター, or the 全国サーバ for 異動).</summary>
    public required string From { get; set; }

    public required string Operator { get; set; }

    public DateTime At { get; set; }
}

/// <summary>
/// The 個人番号カード管理システム's own store (個人番号カード用管理ファイル; seed 004 §3.3), in its own database: the 全国サーバ's
/// 本人確認情報 are not in it, and the module cannot reach them (seed 004 §1.3: 「情報の参照、更新等は行わない」).
/// </summary>
public abstract class CardDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ReceivedDestinationRow> Destinations => Set<ReceivedDestinationRow>();

    public DbSet<CardRow> Cards => Set<CardRow>();

    public DbSet<CardEventRow> Events => Set<CardEventRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ReceivedDestinationRow>(e =>
        {
            e.ToTable("card_destinations");
            e.HasIndex(r => new { r.MunicipalityCode, r.DestinationNumber }).IsUnique();
            e.HasIndex(r => r.ResidentCode);
        });
        modelBuilder.Entity<CardRow>(e =>
        {
            e.ToTable("cards");
            e.HasKey(r => r.CardNumber);
            e.Property(r => r.CardNumber).HasMaxLength(12);
            e.HasIndex(r => r.ResidentCode);
            e.HasIndex(r => r.IndividualNumberHash);
        });
        modelBuilder.Entity<CardEventRow>(e =>
        {
            e.ToTable("card_events");
            e.HasIndex(r => new { r.CardNumber, r.Id });
        });
    }
}

public sealed class SqliteCardDbContext(DbContextOptions<SqliteCardDbContext> options) : CardDbContext(options);

public sealed class PostgresCardDbContext(DbContextOptions<PostgresCardDbContext> options) : CardDbContext(options);

/// <summary>Where the card module keeps its store, and the keys its 個人番号 are sealed and hashed with (ADR 0012).</summary>
public sealed class CardDatabase(DatabaseProvider provider, string connectionString, IndividualNumberProtector protector) : StoreDatabase<CardDbContext>(provider, connectionString)
{
    public IndividualNumberProtector Protector { get; } = protector;

    public override CardDbContext Open() => Open<SqliteCardDbContext, PostgresCardDbContext>(options => new SqliteCardDbContext(options), options => new PostgresCardDbContext(options));

    /// <summary>Migrates, then seals the 個人番号 a release before sealing kept in clear.</summary>
    public override async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await base.MigrateAsync(cancellationToken);
        await CardSealing.RunAsync(this, cancellationToken);
    }

    internal static IndividualNumberProtector DesignTimeProtector() => new(() => new KeyRing([new byte[32]]), new byte[32]);
}

internal sealed class SqliteCardDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCardDbContext>
{
    public SqliteCardDbContext CreateDbContext(string[] args) => (SqliteCardDbContext)new CardDatabase(DatabaseProvider.Sqlite, "Data Source=design.db", CardDatabase.DesignTimeProtector()).Open();
}

internal sealed class PostgresCardDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCardDbContext>
{
    public PostgresCardDbContext CreateDbContext(string[] args) => (PostgresCardDbContext)new CardDatabase(DatabaseProvider.Postgres, "Host=localhost;Database=design", CardDatabase.DesignTimeProtector()).Open();
}
