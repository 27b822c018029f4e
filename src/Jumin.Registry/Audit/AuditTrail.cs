using Jumin.Domain;
using Jumin.Domain.Audit;
using Jumin.Registry.Access;
using Jumin.Registry.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Jumin.Registry.Audit;

/// <summary>The operation kinds of j1370 操作ログ, as recorded in <see cref="AuditEvent.Function"/>.</summary>
public static class AuditFunctions
{
    public const string Login = "認証";
    public const string Logout = "ログアウト";
    public const string Search = "照会（検索）";

    /// <summary>One person shown in a search's result list (the search itself is <see cref="Search"/>).</summary>
    public const string SearchListed = "照会（検索結果の一覧表示）";
    public const string View = "照会";
    public const string ChangeEntry = "異動入力（履歴追加）";
    public const string ChangeProvisional = "異動入力（仮登録）";
    public const string ChangeRegistration = "審査・決裁（本登録）";
    public const string BatchUpdate = "バッチ処理（データ更新）";
    public const string AuditVerification = "ログ検証";
    public const string Setting = "設定変更";
    public const string Memo = "メモ入力";
    public const string AccessDenied = "権限外の操作";
    public const string BreakGlass = "緊急時アクセスの承認";
    public const string CertificateIssue = "証明書発行";
    public const string CertificatePreview = "証明書発行（プレビュー）";
    public const string CertificateHistory = "交付履歴照会";
    public const string CertificateDisposal = "証明書の処分";
    public const string Restriction = "抑止";
    public const string SupportMeasure = "支援措置";
    public const string SupportApproval = "支援措置（交付の審査・承認）";
}

/// <summary>
/// Appends to the hash-chained audit log inside the caller's transaction, so that an operation and
/// its audit entries are committed together or not at all.
/// </summary>
public sealed class AuditTrail(AuditChain chain, IClock clock)
{
    public AuditChain Chain { get; } = chain;

    public IClock Clock { get; } = clock;

    /// <summary>An entry of what the operator did; the 緊急時アクセス and the 処理事由 it ran under lead its detail.</summary>
    public AuditEvent Event(Operator op, string function, string screen, string? target = null, bool individualNumberAccessed = false, AuditOutcome outcome = AuditOutcome.Succeeded, string? detail = null)
    {
        var prefix = (op.BreakGlassGrant is { } grant ? $"［緊急時アクセス 承認{grant}］" : "") + (op.Reason is { } reason ? $"［処理事由 {reason.Text}］" : "");
        return new(Clock.GetCurrentInstant(), op.UserId, op.Terminal, function, screen, target, individualNumberAccessed, outcome, prefix.Length > 0 ? prefix + detail : detail, op.Department);
    }

    /// <summary>
    /// Searches and 住民票照会 are made for a stated 処理事由 (seeds M-10): without one they are refused, and the
    /// refusal is recorded.
    /// </summary>
    public async Task RequireReasonAsync(RegistryDatabase database, Operator op, string screen, CancellationToken cancellationToken = default)
    {
        if (op.Reason is not null)
        {
            return;
        }
        await AppendAloneAsync(database, [Event(op, AuditFunctions.AccessDenied, screen, outcome: AuditOutcome.Refused, detail: "処理事由なし")], cancellationToken);
        throw new ProcessingReasonRequiredException();
    }

    /// <summary>Appends the events; the caller must have begun the transaction and commits it.</summary>
    public async Task AppendAsync(RegistryDbContext db, IReadOnlyCollection<AuditEvent> events, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("監査ログは操作と同じトランザクションで書き込みます。");
        }
        if (events.Count == 0)
        {
            return;
        }
        // Taking the head row's write lock first serialises appenders across processes.
        await db.Database.ExecuteSqlRawAsync("UPDATE audit_chain_head SET last_sequence = last_sequence WHERE id = 1", cancellationToken);
        var head = await db.AuditChainHeads.AsTracking().SingleAsync(h => h.Id == 1, cancellationToken);
        var sequence = head.LastSequence;
        var previous = head.LastHash;
        foreach (var e in events)
        {
            // PostgreSQL keeps microseconds: hash what the database will give back.
            var at = Instant.FromUnixTimeTicks(e.At.ToUnixTimeTicks() / 10 * 10);
            var entry = Chain.Append(++sequence, e with { At = at }, previous);
            db.AuditLog.Add(ToRow(entry));
            previous = entry.Hash;
        }
        head.LastSequence = sequence;
        head.LastHash = previous;
        // Callers doing bulk work switch automatic change detection off; the head must be saved regardless.
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Refuses, and records the refusal, when the operator lacks the 操作権限 (j1380). Screens and the
    /// API check the same right before calling; this is the use case's own guard.
    /// </summary>
    public Task RequireAsync(RegistryDatabase database, Operator op, Permission permission, string screen, CancellationToken cancellationToken = default) =>
        RequireAnyAsync(database, op, [permission], screen, cancellationToken);

    /// <summary>Refuses, and audits the refusal, unless the operator has at least one of <paramref name="permissions"/>.</summary>
    public async Task RequireAnyAsync(RegistryDatabase database, Operator op, Permission[] permissions, string screen, CancellationToken cancellationToken = default)
    {
        if (permissions.Any(op.May))
        {
            return;
        }
        await AppendAloneAsync(database, [Event(op, AuditFunctions.AccessDenied, screen, outcome: AuditOutcome.Refused, detail: $"操作権限なし（{string.Join("または", permissions.Select(p => p.Japanese()))}）")], cancellationToken);
        throw new AccessDeniedException(permissions);
    }

    /// <summary>Appends events in a transaction of their own (reads, refused logins).</summary>
    public async Task AppendAloneAsync(RegistryDatabase database, IReadOnlyCollection<AuditEvent> events, CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await AppendAsync(db, events, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>Verifies the whole chain, streaming it in order (jumin audit verify).</summary>
    public async Task<AuditVerification> VerifyAsync(RegistryDatabase database, CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        // One snapshot for the head and the entries, so that appends made meanwhile are not mistaken for insertions.
        await using var snapshot = await db.Database.BeginTransactionAsync(
            database.Provider == DatabaseProvider.Postgres ? System.Data.IsolationLevel.RepeatableRead : System.Data.IsolationLevel.Serializable, cancellationToken);
        var head = await db.AuditChainHeads.SingleAsync(h => h.Id == 1, cancellationToken);
        // Enumerated row by row: the log may hold more entries than fit in memory.
        var entries = db.AuditLog.AsNoTracking().OrderBy(a => a.Sequence).AsEnumerable().Select(FromRow);
        return Chain.Verify(entries, head.LastSequence);
    }

    internal static AuditLogRow ToRow(AuditEntry entry) => new()
    {
        Sequence = entry.Sequence,
        At = entry.Event.At.ToDateTimeUtc(),
        OperatorId = entry.Event.OperatorId,
        Terminal = entry.Event.Terminal,
        Function = entry.Event.Function,
        Screen = entry.Event.Screen,
        TargetAtenaNumber = entry.Event.TargetAtenaNumber,
        IndividualNumberAccessed = entry.Event.IndividualNumberAccessed,
        Outcome = (int)entry.Event.Outcome,
        Detail = entry.Event.Detail,
        OperatorDepartment = entry.Event.Department,
        PreviousHash = entry.PreviousHash,
        Hash = entry.Hash,
    };

    internal static AuditEntry FromRow(AuditLogRow row) => new(
        row.Sequence,
        new AuditEvent(
            Instant.FromDateTimeUtc(DateTime.SpecifyKind(row.At, DateTimeKind.Utc)),
            row.OperatorId,
            row.Terminal,
            row.Function,
            row.Screen,
            row.TargetAtenaNumber,
            row.IndividualNumberAccessed,
            (AuditOutcome)row.Outcome,
            row.Detail,
            row.OperatorDepartment),
        row.PreviousHash,
        row.Hash);
}

/// <summary>A search or 住民票照会 without a 処理事由 (seeds M-10); the refusal is in the audit log.</summary>
public sealed class ProcessingReasonRequiredException()
    : RefusalException("処理事由を選択してください（検索・照会の前に、画面上部の「処理事由」で選びます）。")
{
    public const string Field = "reason";

    public override RefusalKind Kind => RefusalKind.Invalid;

    public override IReadOnlyList<FieldValidationException> Fields => [new(Field, "処理事由", new("required", Message))];
}
