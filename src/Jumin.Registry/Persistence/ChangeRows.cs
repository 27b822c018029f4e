using Jumin.Domain.Identifiers;

namespace Jumin.Registry.Persistence;

/// <summary>Where a 異動 is in 審査・決裁 (j530).</summary>
public enum ChangeStatus
{
    /// <summary>仮登録 — entered, not yet in the register; nobody else sees it.</summary>
    Provisional = 1,

    /// <summary>本登録 — approved and written to the register.</summary>
    Registered = 2,

    /// <summary>取下げ — withdrawn before approval; nothing was written.</summary>
    Withdrawn = 3,
}

/// <summary>
/// One 異動 as entered (仮登録) and decided (本登録 or 取下げ). The request is kept as entered and
/// planned again at 本登録; the read set (宛名番号 and 履歴番号 of every row the plan read) tells
/// whether the register moved on meanwhile.
/// </summary>
public sealed class ResidentChangeRow
{
    public long Id { get; set; }

    public int Kind { get; set; }

    public int Basis { get; set; }

    public ChangeStatus Status { get; set; }

    /// <summary>The <see cref="Domain.Changes.ChangeRequest"/> as JSON, 個人番号 encrypted.</summary>
    public required string Request { get; set; }

    /// <summary>"宛名番号:履歴番号" of every row read, comma-separated.</summary>
    public required string ReadSet { get; set; }

    /// <summary>Alert codes the clerk acknowledged (j1440), comma-separated.</summary>
    public required string AcknowledgedAlerts { get; set; }

    /// <summary>Who moves, for the approval queue (e.g. 山田　太郎 他1名).</summary>
    public required string Summary { get; set; }

    public required string EnteredBy { get; set; }

    public DateTime EnteredAt { get; set; }

    public required string EnteredTerminal { get; set; }

    public required string EnteredPlace { get; set; }

    public string? DecidedBy { get; set; }

    public DateTime? DecidedAt { get; set; }

    /// <summary>The 異動 this one cancels (取消, j980).</summary>
    public long? CancelsChange { get; set; }

    /// <summary>Set when a 取消 of this 異動 was registered.</summary>
    public long? CancelledBy { get; set; }

    /// <summary>世帯主変更（依頼）通知書 (j500) the 本登録 produced, as JSON; they can be printed again later.</summary>
    public string? HeadNotices { get; set; }
}

/// <summary>A person with a 仮登録: one at a time (j530), enforced by the primary key.</summary>
public sealed class ProvisionalSubject
{
    public required AtenaNumber AtenaNumber { get; set; }

    public long ChangeId { get; set; }
}

/// <summary>
/// A message to a downstream system (住基ネットCS, 団体内統合宛名, 宛名連携), written in the
/// transaction of the 本登録 and numbered per destination, so that each consumer applies the
/// changes in the order they were registered. It names the 住民票 row (宛名番号, 履歴番号) and carries
/// no item of it: the sender reads the row, which the append-only history keeps as registered, so
/// no personal data is copied into the outbox.
/// </summary>
public sealed class OutboxMessageRow
{
    public long Id { get; set; }

    public required string Destination { get; set; }

    /// <summary>1, 2, 3 … per destination.</summary>
    public long Sequence { get; set; }

    public long ChangeId { get; set; }

    public required AtenaNumber AtenaNumber { get; set; }

    public int HistoryNumber { get; set; }

    /// <summary>異動事由 code (j210).</summary>
    public int ChangeReason { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? DeliveredAt { get; set; }

    /// <summary>
    /// What the receiver answered: null when applied, otherwise the business rule it refused (e.g. the CS's 論理チェック).
    /// </summary>
    public string? DeliveryResult { get; set; }

    /// <summary>Times sent without an acknowledgement, and the last reason.</summary>
    public int Attempts { get; set; }

    public string? LastError { get; set; }
}

/// <summary>
/// 送付先情報 (j1120; seed 000 file (3)): one person's 番号通知書類 destination, made with an 異動 that gave them a new
/// 個人番号 or by hand (to a 居所 instead of the 住所), and its sending to the CS — the 送信履歴 the standard asks to be
/// searchable. The 4情報 and 個人番号 are read from the history row when it is sent, never copied here. One made by hand
/// is sent only once another user confirms it (seed 000 PRV-06: 処理者と点検者を別に).
/// </summary>
public sealed class CardDestinationSendRow
{
    /// <summary>送付先管理番号.</summary>
    public long Id { get; set; }

    public required AtenaNumber AtenaNumber { get; set; }

    /// <summary>The 住民票 row whose items it carries.</summary>
    public int HistoryNumber { get; set; }

    /// <summary>異動 (made by a 本登録) or 窓口 (made by hand).</summary>
    public required string Origin { get; set; }

    /// <summary>送付先氏名, when not the person's own name (e.g. 方書・気付).</summary>
    public string? DeliveryName { get; set; }

    /// <summary>送付先住所: a 居所, when not the 住所.</summary>
    public string? DeliveryAddress { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Who checked it (the 本登録's approver for one made by an 異動); it is sent only once confirmed.</summary>
    public string? ConfirmedBy { get; set; }

    public DateTime? ConfirmedAt { get; set; }

    /// <summary>When the CS answered.</summary>
    public DateTime? SentAt { get; set; }

    /// <summary>Null when the CS took it; otherwise why it refused (e.g. the 個人番号 is not the latest code's).</summary>
    public string? Result { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}

/// <summary>
/// 排他制御 (j1380): a person whose 住民票 someone is editing. Others may look, not change, until the
/// holder enters the 仮登録 or the lock expires.
/// </summary>
public sealed class ResidentLockRow
{
    public required AtenaNumber AtenaNumber { get; set; }

    public required string HolderUserId { get; set; }

    public required string HolderName { get; set; }

    public required string Terminal { get; set; }

    public DateTime AcquiredAt { get; set; }

    public DateTime ExpiresAt { get; set; }
}

/// <summary>
/// 緊急時アクセス (seed 000 OUT-02): a city official lets one contractor account see personal data (照会 only)
/// for a limited time, for a recorded reason. It ends by itself, or earlier when revoked.
/// </summary>
public sealed class BreakGlassGrantRow
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    public required string ApprovedBy { get; set; }

    public required string Reason { get; set; }

    public DateTime StartsAt { get; set; }

    public DateTime EndsAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }
}
