using Jumin.Domain;
namespace Jumin.Registry.Access;

/// <summary>
/// 操作権限 (j1380): the functions whose rights are granted one by one, each independently of the
/// others (照会, 異動入力, 審査・決裁, 証明発行, EUC, ログ閲覧, 権限管理, 支援対象者, バッチ, 住民票コード付番, 抑止・解除, 抑止の一時解除, 運用監視, 大量出力の承認).
/// </summary>
public enum Permission
{
    /// <summary>照会 — search and view 住民票.</summary>
    Inquiry = 1,

    /// <summary>異動入力 — enter 異動 (仮登録) and write メモ.</summary>
    ChangeEntry,

    /// <summary>審査・決裁 — 本登録 (j530).</summary>
    Approval,

    /// <summary>証明発行.</summary>
    CertificateIssue,

    /// <summary>EUC (データ抽出).</summary>
    Euc,

    /// <summary>ログ閲覧.</summary>
    LogView,

    /// <summary>権限管理.</summary>
    RightsAdministration,

    /// <summary>支援対象者 (支援措置の管理・照会).</summary>
    ProtectedPersons,

    /// <summary>バッチ.</summary>
    Batch,

    /// <summary>住民票コード付番.</summary>
    ResidentCodeAssignment,

    /// <summary>抑止・解除 (j410: granted apart from the 一時解除).</summary>
    Restriction,

    /// <summary>抑止の一時解除 (j410).</summary>
    RestrictionTemporaryRelease,

    /// <summary>運用監視 — job, queue and system status without personal data (委託先, seed 000 OUT-02).</summary>
    Operations,

    /// <summary>大量出力の承認 — the responsible manager's prior approval of a bulk export (seed 001 M-17, R1-46).</summary>
    BulkExportApproval,
}

/// <summary>表示項目の権限 (j1390): items shown only to users granted them, on every screen, response, export and certificate.</summary>
public enum VisibleItem
{
    /// <summary>戸籍の表示 (本籍・筆頭者).</summary>
    FamilyRegister = 1,

    /// <summary>個人番号.</summary>
    IndividualNumber,

    /// <summary>住民票コード.</summary>
    ResidentCode,

    /// <summary>在留資格等 (在留資格, 在留期間, 満了の日, 在留カード等番号, 法第30条の45の区分).</summary>
    ResidenceStatus,
}

public static class Permissions
{
    public static string Japanese(this Permission p) => p switch
    {
        Permission.Inquiry => "照会",
        Permission.ChangeEntry => "異動入力",
        Permission.Approval => "審査・決裁",
        Permission.CertificateIssue => "証明発行",
        Permission.Euc => "EUC",
        Permission.LogView => "ログ閲覧",
        Permission.RightsAdministration => "権限管理",
        Permission.ProtectedPersons => "支援対象者",
        Permission.Batch => "バッチ",
        Permission.ResidentCodeAssignment => "住民票コード付番",
        Permission.Restriction => "抑止・解除",
        Permission.RestrictionTemporaryRelease => "抑止の一時解除",
        Permission.Operations => "運用監視",
        Permission.BulkExportApproval => "大量出力の承認",
        _ => p.ToString(),
    };

    public static string Japanese(this VisibleItem item) => item switch
    {
        VisibleItem.FamilyRegister => "戸籍の表示",
        VisibleItem.IndividualNumber => "個人番号",
        VisibleItem.ResidentCode => "住民票コード",
        VisibleItem.ResidenceStatus => "在留資格等",
        _ => item.ToString(),
    };

    /// <summary>The rights a role bundle starts with; each can then be granted or withdrawn on its own.</summary>
    public static IReadOnlySet<Permission> OfRole(string role) => role switch
    {
        Roles.Clerk => new HashSet<Permission> { Permission.Inquiry, Permission.ChangeEntry, Permission.CertificateIssue, Permission.ResidentCodeAssignment },
        Roles.Approver => new HashSet<Permission> { Permission.Inquiry, Permission.Approval, Permission.ProtectedPersons, Permission.Restriction, Permission.RestrictionTemporaryRelease, Permission.BulkExportApproval },
        Roles.Auditor => new HashSet<Permission> { Permission.LogView },
        Roles.Administrator => new HashSet<Permission> { Permission.RightsAdministration, Permission.Batch, Permission.Operations },
        Roles.Contractor => new HashSet<Permission> { Permission.Operations },
        _ => new HashSet<Permission>(),
    };

    public static string Format<T>(IEnumerable<T> values) where T : struct, Enum => string.Join(',', values.Distinct().Order());

    public static IReadOnlySet<T> Parse<T>(string? text) where T : struct, Enum =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => Enum.TryParse<T>(s, out var v) ? (T?)v : null).OfType<T>().ToHashSet();
}

/// <summary>The operator lacks the 操作権限 the use case needs (any one of <see cref="Needed"/>, j1380); the refusal is in the audit log.</summary>
public sealed class AccessDeniedException(params Permission[] needed)
    : RefusalException($"この操作の権限がありません（{string.Join("または", needed.Select(p => p.Japanese()))}の権限が必要です）。")
{
    public override RefusalKind Kind => RefusalKind.Forbidden;

    public IReadOnlyList<Permission> Needed { get; } = needed;
}
