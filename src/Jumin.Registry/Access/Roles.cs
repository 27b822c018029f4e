namespace Jumin.Registry.Access;

/// <summary>
/// Staff roles. Issue-level per-function rights (j1380) refine these; each role here is a bundle a
/// municipality recognises.
/// </summary>
public static class Roles
{
    /// <summary>窓口職員 — search, view, enter changes.</summary>
    public const string Clerk = "clerk";

    /// <summary>審査者 — approves changes (j530).</summary>
    public const string Approver = "approver";

    /// <summary>監査担当 — reads and verifies the audit log.</summary>
    public const string Auditor = "auditor";

    /// <summary>システム管理者 — accounts and settings.</summary>
    public const string Administrator = "admin";

    /// <summary>
    /// 委託先（運用保守） — operational screens without personal data; personal data only during a 緊急時アクセス
    /// (break-glass) approved by a city official, time-limited and logged (seed 000 §4.3 OUT-02).
    /// </summary>
    public const string Contractor = "contractor";

    public static IReadOnlyList<string> All { get; } = [Clerk, Approver, Auditor, Administrator, Contractor];

    public static string Japanese(string role) => role switch
    {
        Clerk => "窓口職員",
        Approver => "審査者",
        Auditor => "監査担当",
        Administrator => "システム管理者",
        Contractor => "委託先（運用保守）",
        _ => role,
    };
}

/// <summary>
/// Who is operating, from which terminal and place (j230, j1370), with their 操作権限 (j1380) and the
/// items they may see (j1390). Every use case takes one.
/// </summary>
public sealed record Operator(
    string UserId,
    string DisplayName,
    string Terminal,
    string Place,
    IReadOnlySet<string> Roles,
    IReadOnlySet<Permission> Permissions,
    IReadOnlySet<VisibleItem> VisibleItems)
{
    /// <summary>The 緊急時アクセス approval this session runs under, if any; every audit entry names it.</summary>
    public long? BreakGlassGrant { get; init; }

    /// <summary>When that approval ends: the session ends with it.</summary>
    public DateTime? BreakGlassUntil { get; init; }

    /// <summary>The registered terminal (端末の許可リスト) the session was opened on; it is bound to it.</summary>
    public string? TerminalId { get; init; }

    /// <summary>The network address the session was opened from; a request from another one ends it.</summary>
    public string? ClientAddress { get; init; }

    /// <summary>The 処理事由 the user chose for the look-ups they are making (seeds M-10); every audit entry carries it.</summary>
    public Domain.Audit.ProcessingReason? Reason { get; init; }

    /// <summary>所属: the department the account belonged to at login; every audit entry names it (j1370).</summary>
    public string? Department { get; init; }

    /// <summary>The account's rights version at login: a change of rights or validity ends older sessions.</summary>
    public int RightsVersion { get; init; }

    public bool IsIn(string role) => Roles.Contains(role);

    public bool May(Permission permission) => Permissions.Contains(permission);

    public bool Sees(VisibleItem item) => VisibleItems.Contains(item);

    public bool CanViewIndividualNumber => Sees(VisibleItem.IndividualNumber);

    /// <summary>Someone the audit log names who holds no right: a login attempt, or a request without a session.</summary>
    public static Operator WithoutRights(string userId, string displayName, string terminal, string place) =>
        new(userId, displayName, terminal, place, new HashSet<string>(), new HashSet<Permission>(), new HashSet<VisibleItem>());

    /// <summary>The operator of batch work started from the CLI.</summary>
    public static Operator Batch(string name) =>
        new($"batch:{name}", "バッチ処理", Environment.MachineName, "バッチ", new HashSet<string>(), new HashSet<Permission> { Permission.Batch }, new HashSet<VisibleItem>());
}
