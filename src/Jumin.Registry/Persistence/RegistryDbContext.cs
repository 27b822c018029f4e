using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;
using Jumin.Storage.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Jumin.Registry.Persistence;

/// <summary>
/// The registry node's database. One model, two providers: each has its own subclass so that each
/// keeps its own migrations (<see cref="SqliteRegistryDbContext"/>, <see cref="PostgresRegistryDbContext"/>).
/// </summary>
public abstract class RegistryDbContext(DbContextOptions options, IndividualNumberProtector protector) : DbContext(options)
{
    internal IndividualNumberProtector Protector { get; } = protector;

    /// <summary>住民票 rows, append-only (j200).</summary>
    public DbSet<ResidentRecord> ResidentHistory => Set<ResidentRecord>();

    public DbSet<ResidentIndexEntry> Residents => Set<ResidentIndexEntry>();

    public DbSet<SearchTerm> SearchTerms => Set<SearchTerm>();

    public DbSet<AuditLogRow> AuditLog => Set<AuditLogRow>();

    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();

    public DbSet<UserAccount> Users => Set<UserAccount>();

    public DbSet<TerminalRow> Terminals => Set<TerminalRow>();

    public DbSet<ScheduledAccountChangeRow> ScheduledAccountChanges => Set<ScheduledAccountChangeRow>();

    public DbSet<BulkExportRow> BulkExports => Set<BulkExportRow>();

    public DbSet<NumberSequence> NumberSequences => Set<NumberSequence>();

    public DbSet<SearchHistoryRow> SearchHistory => Set<SearchHistoryRow>();

    public DbSet<ResidentMemoRow> ResidentMemos => Set<ResidentMemoRow>();

    public DbSet<ResidentChangeRow> Changes => Set<ResidentChangeRow>();

    public DbSet<ProvisionalSubject> ProvisionalSubjects => Set<ProvisionalSubject>();

    public DbSet<OutboxMessageRow> Outbox => Set<OutboxMessageRow>();

    public DbSet<ResidentLockRow> ResidentLocks => Set<ResidentLockRow>();

    public DbSet<CertificateIssueRow> CertificateIssues => Set<CertificateIssueRow>();

    public DbSet<CertificateIssueSubjectRow> CertificateIssueSubjects => Set<CertificateIssueSubjectRow>();

    public DbSet<CertificatePageRow> CertificatePages => Set<CertificatePageRow>();

    public DbSet<CertificateDisposalRow> CertificateDisposals => Set<CertificateDisposalRow>();

    public DbSet<RestrictionRow> Restrictions => Set<RestrictionRow>();

    public DbSet<SupportMeasureRow> SupportMeasures => Set<SupportMeasureRow>();

    public DbSet<SupportApprovalRow> SupportApprovals => Set<SupportApprovalRow>();

    public DbSet<KonbiniCardRow> KonbiniCards => Set<KonbiniCardRow>();

    public DbSet<BreakGlassGrantRow> BreakGlassGrants => Set<BreakGlassGrantRow>();

    public DbSet<CardDestinationSendRow> CardDestinations => Set<CardDestinationSendRow>();

    /// <summary>The current 住民票 row of each index entry (the history row the index points at).</summary>
    public IQueryable<ResidentRecord> LatestRows(IQueryable<ResidentIndexEntry> entries) =>
        from r in entries
        join h in ResidentHistory on new { r.AtenaNumber, N = r.LatestHistoryNumber } equals new { h.AtenaNumber, N = h.HistoryNumber }
        select h;

    /// <summary>Tables that only ever receive INSERTs; the database itself refuses UPDATE and DELETE on them (<see cref="AppendOnlyTriggers"/>).</summary>
    public static IReadOnlyList<string> AppendOnlyTables { get; } = ["resident_history", "audit_log", "resident_memos", "certificate_issues", "certificate_issue_subjects", "certificate_pages", "certificate_disposals"];

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        ValueConversions.Register(configurationBuilder);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ResidentRecord>(e =>
        {
            e.ToTable("resident_history");
            e.HasKey(r => new { r.AtenaNumber, r.HistoryNumber });
            e.Property(r => r.IndividualNumber).HasConversion(new ValueConverter<IndividualNumber?, byte[]?>(
                v => v == null ? null : Protector.Encrypt(v.Digits), v => v == null ? null : IndividualNumber.Parse(Protector.Decrypt(v))));
            e.HasIndex(r => r.HouseholdNumber);
            e.HasIndex(r => r.ChangeId);
            foreach (var text in new[] { nameof(ResidentRecord.FamilyName), nameof(ResidentRecord.GivenName), nameof(ResidentRecord.FamilyNameKana), nameof(ResidentRecord.GivenNameKana) })
            {
                e.Property(text).HasMaxLength(100);
            }
            e.Property(r => r.InputPlace).HasMaxLength(100);
            e.Property(r => r.InputTerminal).HasMaxLength(100);
            e.Property(r => r.OperatorId).HasMaxLength(64);
            e.Property(r => r.Address).HasMaxLength(200);
            e.Property(r => r.Banchi).HasMaxLength(100);
        });

        modelBuilder.Entity<ResidentIndexEntry>(e =>
        {
            e.ToTable("residents");
            e.HasKey(r => r.AtenaNumber);
            e.HasIndex(r => new { r.HouseholdNumber, r.MemberOrder });
            e.HasIndex(r => r.BirthKey);
            e.HasIndex(r => r.NameKanaKey);
        });

        modelBuilder.Entity<SearchTerm>(e =>
        {
            e.ToTable("resident_search_terms");
            e.Property(t => t.Key).HasMaxLength(300);
            // Covering: search reads the 宛名番号 of matching keys from the index alone, without visiting the table.
            e.HasIndex(t => new { t.Kind, t.Key, t.AtenaNumber });
            e.HasIndex(t => new { t.AtenaNumber, t.Kind, t.Key }).IsUnique();
        });

        modelBuilder.Entity<AuditLogRow>(e =>
        {
            e.ToTable("audit_log");
            e.HasKey(a => a.Sequence);
            e.Property(a => a.Sequence).ValueGeneratedNever();
            e.HasIndex(a => a.At);
            e.HasIndex(a => new { a.OperatorId, a.At });
            e.HasIndex(a => a.TargetAtenaNumber);
        });

        modelBuilder.Entity<AuditChainHead>(e =>
        {
            e.ToTable("audit_chain_head");
            e.Property(h => h.Id).ValueGeneratedNever();
            e.HasData(new AuditChainHead { Id = 1, LastSequence = 0, LastHash = Domain.Audit.AuditChain.Genesis });
        });

        modelBuilder.Entity<UserAccount>(e =>
        {
            e.ToTable("users");
            e.HasKey(u => u.UserId);
            e.Property(u => u.UserId).HasMaxLength(64);
        });

        modelBuilder.Entity<TerminalRow>(e =>
        {
            e.ToTable("terminals");
            e.HasKey(t => t.TerminalId);
        });

        modelBuilder.Entity<BulkExportRow>(e =>
        {
            e.ToTable("bulk_exports");
            e.HasIndex(x => x.RequestedBy);
        });

        modelBuilder.Entity<ScheduledAccountChangeRow>(e =>
        {
            e.ToTable("scheduled_account_changes");
            e.HasIndex(c => new { c.UserId, c.EffectiveOn });
        });

        modelBuilder.Entity<NumberSequence>(e =>
        {
            e.ToTable("number_sequences");
            e.HasKey(s => s.Name);
        });

        modelBuilder.Entity<SearchHistoryRow>(e =>
        {
            e.ToTable("search_history");
            e.HasIndex(s => new { s.UserId, s.Id });
        });

        modelBuilder.Entity<ResidentChangeRow>(e =>
        {
            e.ToTable("resident_changes");
            e.HasIndex(c => new { c.Status, c.Id });
            e.Property(c => c.Summary).HasMaxLength(200);
            e.Property(c => c.EnteredBy).HasMaxLength(64);
            e.Property(c => c.DecidedBy).HasMaxLength(64);
        });

        modelBuilder.Entity<ProvisionalSubject>(e =>
        {
            e.ToTable("provisional_subjects");
            e.HasKey(p => p.AtenaNumber);
            e.HasIndex(p => p.ChangeId);
        });

        modelBuilder.Entity<ResidentLockRow>(e =>
        {
            e.ToTable("resident_locks");
            e.HasKey(l => l.AtenaNumber);
            e.Property(l => l.HolderUserId).HasMaxLength(64);
        });

        modelBuilder.Entity<OutboxMessageRow>(e =>
        {
            e.ToTable("outbox_messages");
            e.Property(m => m.Destination).HasMaxLength(32);
            e.HasIndex(m => new { m.Destination, m.Sequence }).IsUnique();
            e.HasIndex(m => new { m.Destination, m.DeliveredAt });
        });

        modelBuilder.Entity<ResidentMemoRow>(e =>
        {
            e.ToTable("resident_memos");
            e.HasIndex(m => new { m.AtenaNumber, m.MemoId, m.Version }).IsUnique();
        });

        modelBuilder.Entity<CertificateIssueRow>(e =>
        {
            e.ToTable("certificate_issues");
            e.HasIndex(i => i.IssuedAt);
            e.HasIndex(i => i.IssueNumber).IsUnique();
            e.HasIndex(i => new { i.OperatorId, i.IssuedAt });
            e.Property(i => i.IssueNumber).HasMaxLength(120);
            e.Property(i => i.OperatorId).HasMaxLength(64);
        });

        modelBuilder.Entity<CertificateIssueSubjectRow>(e =>
        {
            e.ToTable("certificate_issue_subjects");
            e.HasKey(s => new { s.IssueId, s.AtenaNumber });
            e.HasIndex(s => new { s.AtenaNumber, s.IssueId });
        });

        modelBuilder.Entity<CertificatePageRow>(e =>
        {
            e.ToTable("certificate_pages");
            e.HasKey(p => p.VerificationCode);
            e.Property(p => p.VerificationCode).HasMaxLength(16);
            e.HasIndex(p => p.IssueId);
        });

        modelBuilder.Entity<CertificateDisposalRow>(e =>
        {
            e.ToTable("certificate_disposals");
            e.HasKey(d => d.IssueId);
        });

        modelBuilder.Entity<RestrictionRow>(e =>
        {
            e.ToTable("restrictions");
            e.HasIndex(r => new { r.Target, r.Scope });
        });

        modelBuilder.Entity<SupportMeasureRow>(e =>
        {
            e.ToTable("support_measures");
            e.HasIndex(m => m.AtenaNumber);
        });

        modelBuilder.Entity<SupportApprovalRow>(e =>
        {
            e.ToTable("support_approvals");
            e.HasIndex(a => a.AtenaNumber);
        });

        modelBuilder.Entity<BreakGlassGrantRow>(e =>
        {
            e.ToTable("break_glass_grants");
            e.HasIndex(g => new { g.UserId, g.EndsAt });
        });

        modelBuilder.Entity<KonbiniCardRow>(e =>
        {
            e.ToTable("konbini_cards");
            e.HasKey(c => c.Serial);
            e.Property(c => c.Serial).HasMaxLength(32);
            e.HasIndex(c => c.AtenaNumber);
        });

        modelBuilder.Entity<CardDestinationSendRow>(e =>
        {
            e.ToTable("card_destination_sends");
            e.HasIndex(d => d.AtenaNumber);
            e.HasIndex(d => new { d.SentAt, d.ConfirmedAt });
        });
    }
}

/// <summary>The embedded default: a SQLite file under <c>./data</c>.</summary>
public sealed class SqliteRegistryDbContext(DbContextOptions<SqliteRegistryDbContext> options, IndividualNumberProtector protector)
    : RegistryDbContext(options, protector);

/// <summary>Production: PostgreSQL.</summary>
public sealed class PostgresRegistryDbContext(DbContextOptions<PostgresRegistryDbContext> options, IndividualNumberProtector protector)
    : RegistryDbContext(options, protector)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Prefix search compares key ranges; "C" makes that code-point order whatever the database locale.
        modelBuilder.Entity<SearchTerm>().Property(t => t.Key).UseCollation("C");
        // 部分一致 (LIKE '%…%') is answered by a trigram index; pg_trgm is a trusted extension, so the database owner may create it.
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.Entity<SearchTerm>().HasIndex(t => t.Key, "ix_resident_search_terms_key_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
        modelBuilder.Entity<ResidentIndexEntry>().Property(t => t.NameKanaKey).UseCollation("C");
    }
}

/// <summary>
/// The 個人番号 converter captures the protector, so the compiled model is cached per key, not just
/// per context type.
/// </summary>
internal sealed class ProtectorAwareModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        context is RegistryDbContext registry
            ? (context.GetType(), registry.Protector.KeyId, designTime)
            : (context.GetType(), designTime);
}
