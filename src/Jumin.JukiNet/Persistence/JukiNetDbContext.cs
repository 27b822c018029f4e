using Jumin.Storage.Security;
using Microsoft.EntityFrameworkCore;

namespace Jumin.JukiNet.Persistence;

/// <summary>
/// The store of one 住基ネット node (市町村CS, 都道府県サーバ or 全国サーバ), each in its own database: the
/// 本人確認情報 and its history, the message streams, and the logs. The three levels hold the same 本人確認情報 items
/// (seed 004 §3.2), so they share one schema; what each node does with it lives in its own project. Every 個人番号 and
/// every message body is sealed by <see cref="Protector"/> before it is written: the model maps them as text, and the
/// code that writes a row seals, the code that reads it opens (so one compiled model serves every node's keys).
/// </summary>
public abstract class JukiNetDbContext(DbContextOptions options, IndividualNumberProtector protector) : DbContext(options)
{
    public IndividualNumberProtector Protector { get; } = protector;

    /// <summary>Seals a message body or other JSON for storage.</summary>
    public string Seal(string plain) => Protector.SealText(plain);

    /// <summary>Opens what <see cref="Seal"/> stored.</summary>
    public string Open(string stored) => Protector.OpenText(stored);


    public DbSet<IdentityRecordRow> Identities => Set<IdentityRecordRow>();

    public DbSet<IdentityHistoryRow> IdentityHistory => Set<IdentityHistoryRow>();

    public DbSet<LinkStateRow> Links => Set<LinkStateRow>();

    public DbSet<OutboxRow> Outbox => Set<OutboxRow>();

    public DbSet<MessageLogRow> MessageLog => Set<MessageLogRow>();

    public DbSet<MessageReplyRow> MessageReplies => Set<MessageReplyRow>();

    public DbSet<ProvisionLogRow> ProvisionLog => Set<ProvisionLogRow>();

    public DbSet<DepartureCertificateRow> DepartureCertificates => Set<DepartureCertificateRow>();

    public DbSet<MoveInNoticeRow> MoveInNotices => Set<MoveInNoticeRow>();

    public DbSet<ResidentCodePoolRow> ResidentCodePool => Set<ResidentCodePoolRow>();

    public DbSet<CardDestinationRow> CardDestinations => Set<CardDestinationRow>();

    public DbSet<CardNoticeRow> CardNotices => Set<CardNoticeRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<IdentityRecordRow>(e =>
        {
            e.ToTable("identity_records");
            e.HasKey(r => r.ResidentCode);
            e.Property(r => r.ResidentCode).HasMaxLength(11);
            e.Property(r => r.MunicipalityCode).HasMaxLength(6);
            e.HasIndex(r => r.IndividualNumberHash).IsUnique();
            e.HasIndex(r => new { r.Name, r.BirthDate });
            e.HasIndex(r => new { r.NameKana, r.BirthDate });
            e.HasIndex(r => r.MunicipalityCode);
        });
        modelBuilder.Entity<IdentityHistoryRow>(e =>
        {
            e.ToTable("identity_history");
            e.HasIndex(r => new { r.ResidentCode, r.Version }).IsUnique();
        });
        modelBuilder.Entity<LinkStateRow>(e =>
        {
            e.ToTable("link_states");
            e.HasKey(r => new { r.Peer, r.Stream });
        });
        modelBuilder.Entity<OutboxRow>(e =>
        {
            e.ToTable("outbox");
            e.HasIndex(r => new { r.Destination, r.Stream, r.Sequence }).IsUnique();
            e.HasIndex(r => new { r.DeliveredAt, r.Destination });
        });
        modelBuilder.Entity<MessageLogRow>(e =>
        {
            e.ToTable("message_log");
            e.HasIndex(r => new { r.Peer, r.Stream, r.Sequence });
            e.HasIndex(r => r.ResidentCode);
        });
        modelBuilder.Entity<MessageReplyRow>(e =>
        {
            e.ToTable("message_replies");
            e.HasKey(r => new { r.Peer, r.Stream, r.Sequence });
            e.HasIndex(r => r.At);
        });
        modelBuilder.Entity<ProvisionLogRow>(e =>
        {
            e.ToTable("provision_log");
            e.HasIndex(r => r.At);
        });
        modelBuilder.Entity<DepartureCertificateRow>(e =>
        {
            e.ToTable("departure_certificates");
            e.HasIndex(r => new { r.ResidentCode, r.Direction });
        });
        modelBuilder.Entity<ResidentCodePoolRow>(e =>
        {
            e.ToTable("resident_code_pool");
            e.HasKey(r => r.Code);
            e.Property(r => r.Code).HasMaxLength(11);
            e.HasIndex(r => r.HandedOutAt);
        });
        modelBuilder.Entity<MoveInNoticeRow>(e =>
        {
            e.ToTable("move_in_notices");
            e.HasIndex(r => r.TakenAt);
        });
        modelBuilder.Entity<CardDestinationRow>(e =>
        {
            e.ToTable("card_destinations");
            e.HasIndex(r => r.DestinationNumber).IsUnique();
            e.HasIndex(r => r.SentAt);
        });
        modelBuilder.Entity<CardNoticeRow>(e =>
        {
            e.ToTable("card_notices");
            e.HasIndex(r => r.TakenAt);
        });
    }
}

public sealed class SqliteJukiNetDbContext(DbContextOptions<SqliteJukiNetDbContext> options, IndividualNumberProtector protector) : JukiNetDbContext(options, protector);

public sealed class PostgresJukiNetDbContext(DbContextOptions<PostgresJukiNetDbContext> options, IndividualNumberProtector protector) : JukiNetDbContext(options, protector);
