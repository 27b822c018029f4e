using NodaTime;

namespace Jumin.Registry.Persistence;

/// <summary>A staff account (one per natural person).</summary>
public sealed class UserAccount
{
    public required string UserId { get; set; }

    public required string DisplayName { get; set; }

    public required string PasswordHash { get; set; }

    /// <summary>Role names, comma-separated (see Jumin.Registry.Access.Roles).</summary>
    public required string Roles { get; set; }

    /// <summary>操作権限 (j1380), comma-separated <c>Permission</c> names.</summary>
    public string Permissions { get; set; } = "";

    /// <summary>Items the user may see and search by (j1390), comma-separated <c>VisibleItem</c> names.</summary>
    public string VisibleItems { get; set; } = "";

    public required string Department { get; set; }

    public int FailedLoginCount { get; set; }

    public DateTime? LockedUntil { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The one-time-password secret (二要素認証), sealed with <c>KeyStore.AccountSecrets</c>; empty until enrolled.</summary>
    public byte[] SecondFactorSecret { get; set; } = [];

    /// <summary>The newest 30-second step whose code was accepted: no code of it or before it is accepted again.</summary>
    public long SecondFactorLastStep { get; set; }

    /// <summary>利用期間: the first day the account may log in (none: from its creation).</summary>
    public LocalDate? ValidFrom { get; set; }

    /// <summary>利用期間: the last day the account may log in (none: open-ended).</summary>
    public LocalDate? ValidUntil { get; set; }

    /// <summary>Raised by every change of rights or validity: sessions carrying an older value end at their next request.</summary>
    public int RightsVersion { get; set; }
}

/// <summary>
/// 権限の予約変更 (j1380): a change of an account's organisation unit, rights, items or validity that
/// takes effect on a future day — e.g. the 4月1日 personnel changes entered in March.
/// </summary>
public sealed class ScheduledAccountChangeRow
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    public LocalDate EffectiveOn { get; set; }

    public string? Department { get; set; }

    /// <summary>The full new set of 操作権限 (comma-separated), or none to keep them.</summary>
    public string? Permissions { get; set; }

    public string? VisibleItems { get; set; }

    public LocalDate? ValidUntil { get; set; }

    public required string RequestedBy { get; set; }

    public DateTime RequestedAt { get; set; }

    public DateTime? AppliedAt { get; set; }

    public DateTime? CancelledAt { get; set; }
}

/// <summary>入力場所・入力端末 (j230): a registered terminal and the place it stands.</summary>
public sealed class TerminalRow
{
    public required string TerminalId { get; set; }

    public required string Name { get; set; }

    /// <summary>入力場所, e.g. 本庁 市民課.</summary>
    public required string Place { get; set; }

    /// <summary>端末の許可リスト: the network address (or CIDR range) a session of this terminal comes from; empty for none.</summary>
    public string Address { get; set; } = "";

    /// <summary>A retired terminal stays for the records (入力端末 of old history rows) but no longer logs in.</summary>
    public bool Active { get; set; } = true;

    public string RegisteredBy { get; set; } = "";

    public DateTime RegisteredAt { get; set; }
}
