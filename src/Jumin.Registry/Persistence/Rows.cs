using Jumin.Domain.Identifiers;
using NodaTime;

namespace Jumin.Registry.Persistence;

/// <summary>
/// The current-state index of one person (住民): which history row is the latest, and the few items
/// that search filters and sorts on. Derived from <c>resident_history</c> in the same transaction as
/// every append, and rebuildable from it; the history rows stay the record (j200).
/// </summary>
public sealed class ResidentIndexEntry
{
    public required AtenaNumber AtenaNumber { get; set; }

    public int LatestHistoryNumber { get; set; }

    public required HouseholdNumber HouseholdNumber { get; set; }

    public int MemberOrder { get; set; }

    public int Status { get; set; }

    public int Kind { get; set; }

    public int Sex { get; set; }

    /// <summary>生年月日 as yyyymmdd with 00 for unknown parts.</summary>
    public int BirthKey { get; set; }

    /// <summary>氏名フリガナ (normalised) for 五十音 ordering of results.</summary>
    public required string NameKanaKey { get; set; }
}

/// <summary>What a <see cref="SearchTerm"/> key is.</summary>
public enum SearchTermKind
{
    /// <summary>氏名・旧氏・通称のフリガナ, whole and per part (氏, 名), normalised by j330.</summary>
    NameKana = 1,

    /// <summary>氏名・旧氏・通称 in kanji (異体字 folded), and アルファベット氏名.</summary>
    NameText = 2,

    /// <summary>住所 with 番地 and 方書.</summary>
    Address = 3,

    /// <summary>住民票コード.</summary>
    ResidentCode = 4,

    /// <summary>個人番号, as its keyed hash only.</summary>
    IndividualNumberHash = 5,

    /// <summary>在留カード等番号.</summary>
    ResidenceCardNumber = 6,
}

/// <summary>
/// One searchable key of one person, from any row of their history: searching names and
/// addresses includes past ones (j340: 過去履歴を含めて横断的に検索).
/// </summary>
public sealed class SearchTerm
{
    public long Id { get; set; }

    public required AtenaNumber AtenaNumber { get; set; }

    public SearchTermKind Kind { get; set; }

    public required string Key { get; set; }
}

/// <summary>An <see cref="Domain.Audit.AuditEntry"/> as stored: append-only (the database refuses UPDATE and DELETE).</summary>
public sealed class AuditLogRow
{
    public long Sequence { get; set; }

    public DateTime At { get; set; }

    public required string OperatorId { get; set; }

    /// <summary>所属 of the operator when it happened.</summary>
    public string? OperatorDepartment { get; set; }

    public required string Terminal { get; set; }

    public required string Function { get; set; }

    public required string Screen { get; set; }

    public string? TargetAtenaNumber { get; set; }

    public bool IndividualNumberAccessed { get; set; }

    public int Outcome { get; set; }

    public string? Detail { get; set; }

    public required byte[] PreviousHash { get; set; }

    public required byte[] Hash { get; set; }
}

/// <summary>The end of the audit chain. Updating it first in every appending transaction serialises appenders.</summary>
public sealed class AuditChainHead
{
    public int Id { get; set; }

    public long LastSequence { get; set; }

    public required byte[] LastHash { get; set; }
}

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

/// <summary>The next serial of a numbering (宛名番号, 世帯番号).</summary>
public sealed class NumberSequence
{
    public required string Name { get; set; }

    public long NextValue { get; set; }
}

/// <summary>検索履歴 (j320): the last searches of each user, to run again.</summary>
public sealed class SearchHistoryRow
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    public DateTime At { get; set; }

    /// <summary>The criteria as the query string of the search screen.</summary>
    public required string Query { get; set; }

    /// <summary>A readable summary, e.g. 「カナ氏名=ヤマダ 生年月日=昭和50年」.</summary>
    public required string Summary { get; set; }
}

/// <summary>
/// メモ (j150): a free note on a person, never printed on a certificate. Each edit or deletion is a
/// new version, so who wrote what and when stays visible.
/// </summary>
public sealed class ResidentMemoRow
{
    public long Id { get; set; }

    public required string AtenaNumber { get; set; }

    /// <summary>Groups the versions of one memo.</summary>
    public long MemoId { get; set; }

    public int Version { get; set; }

    public string? Text { get; set; }

    public bool Deleted { get; set; }

    public required string WrittenBy { get; set; }

    public DateTime WrittenAt { get; set; }
}

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
/// changes in the order they were registered.
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

    public required string Payload { get; set; }

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
