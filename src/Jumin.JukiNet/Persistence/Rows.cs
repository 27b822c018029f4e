namespace Jumin.JukiNet.Persistence;

/// <summary>The current 本人確認情報 of one person at this node (one row per 住民票コード).</summary>
public sealed class IdentityRecordRow
{
    public required string ResidentCode { get; set; }

    public required string MunicipalityCode { get; set; }

    public required string Name { get; set; }

    public required string NameKana { get; set; }

    public required string BirthDate { get; set; }

    public int Sex { get; set; }

    public required string Address { get; set; }

    /// <summary>The 個人番号, sealed (<c>IndividualNumberProtector.SealText</c>); never stored in clear.</summary>
    public string? SealedIndividualNumber { get; set; }

    /// <summary>The 個人番号's keyed hash (<c>IndividualNumberProtector.LookupHash</c>): how a number is found, and kept unique.</summary>
    public string? IndividualNumberHash { get; set; }

    public int ChangeReason { get; set; }

    public required string ChangeDate { get; set; }

    public bool IsResident { get; set; }

    /// <summary>1, 2, 3 … per person: the history row this one equals.</summary>
    public int Version { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// Every 本人確認情報 this node has stored, oldest first: the previous values are kept as 履歴 (seed 004 §2.4 1-⑤).
/// Append-only.
/// </summary>
public sealed class IdentityHistoryRow
{
    public long Id { get; set; }

    public required string ResidentCode { get; set; }

    public int Version { get; set; }

    public required string MunicipalityCode { get; set; }

    public required string Name { get; set; }

    public required string NameKana { get; set; }

    public required string BirthDate { get; set; }

    public int Sex { get; set; }

    public required string Address { get; set; }

    /// <summary>The 個人番号, sealed; never stored in clear.</summary>
    public string? SealedIndividualNumber { get; set; }

    public int ChangeReason { get; set; }

    public required string ChangeDate { get; set; }

    public bool IsResident { get; set; }

    /// <summary>Whether it became the current row (false: a late 消除 kept as history only).</summary>
    public bool BecameCurrent { get; set; }

    /// <summary>The node it came from.</summary>
    public required string Source { get; set; }

    public DateTime ReceivedAt { get; set; }
}

/// <summary>The last sequence number applied from a peer on a stream.</summary>
public sealed class LinkStateRow
{
    public required string Peer { get; set; }

    public required string Stream { get; set; }

    public long LastSequence { get; set; }
}

/// <summary>A message waiting to be sent, or sent and acknowledged (the outbox of this node).</summary>
public sealed class OutboxRow
{
    public long Id { get; set; }

    public required string Destination { get; set; }

    public required string Stream { get; set; }

    public long Sequence { get; set; }

    public required string Kind { get; set; }

    /// <summary>The message, sealed (it may carry a 個人番号); emptied once delivered and past the reply window.</summary>
    public required string Body { get; set; }

    /// <summary>When it was written; the signed <c>SentAt</c>, kept by every resend.</summary>
    public required string SentAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? DeliveredAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    /// <summary>The receiver's reply body (e.g. 更新結果), sealed; deleted with the body.</summary>
    public string? ReplyBody { get; set; }
}

/// <summary>
/// 通信記録: every message received (applied, duplicate or refused, with the reason) and every acknowledgement
/// received for a message sent. Append-only.
/// </summary>
public sealed class MessageLogRow
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    /// <summary>受信 or 送信.</summary>
    public required string Direction { get; set; }

    public required string Peer { get; set; }

    public required string Stream { get; set; }

    public long Sequence { get; set; }

    public required string Kind { get; set; }

    /// <summary>適用 / 重複 / 拒否 / 業務エラー / 送達 / 送信失敗.</summary>
    public required string Outcome { get; set; }

    public string? Reason { get; set; }

    public string? ContentHash { get; set; }

    /// <summary>The subject's 住民票コード, when the message is about one person.</summary>
    public string? ResidentCode { get; set; }
}

/// <summary>
/// The reply sent for an applied message (<see cref="MessageLogRow"/>), so that a resend gets the same answer: sealed,
/// and deleted once the sender can no longer be resending (<see cref="SpentContent.Window"/>). Kept apart from the
/// append-only log, which keeps that the message was answered, never what the answer said.
/// </summary>
public sealed class MessageReplyRow
{
    public required string Peer { get; set; }

    public required string Stream { get; set; }

    public long Sequence { get; set; }

    public required string Body { get; set; }

    public DateTime At { get; set; }
}

/// <summary>
/// 提供記録 (seed 004 R-PRV-01): every provision of 本人確認情報 and every refusal — when, to whom, on which legal
/// ground, about whom, by which operator — kept 7 years. Append-only.
/// </summary>
public sealed class ProvisionLogRow
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public required string Recipient { get; set; }

    public required string LegalGround { get; set; }

    public required string Operator { get; set; }

    public required string Criteria { get; set; }

    /// <summary>The 住民票コード provided (comma-separated); empty when none was found or the query was refused.</summary>
    public required string Subjects { get; set; }

    /// <summary>提供 / 該当なし / 拒否.</summary>
    public required string Outcome { get; set; }

    public string? Reason { get; set; }
}

/// <summary>
/// 転出証明書情報 at a CS: <c>issued</c> at the municipality the person left (handed out once, purged when unclaimed
/// after the configured days), <c>received</c> at the one they move to (so its CS can send the 転入通知 back).
/// </summary>
public sealed class DepartureCertificateRow
{
    public long Id { get; set; }

    public required string ResidentCode { get; set; }

    /// <summary>issued / received.</summary>
    public required string Direction { get; set; }

    /// <summary>The municipality the person left.</summary>
    public required string FromMunicipality { get; set; }

    /// <summary>The 転出証明書情報 (JSON), sealed.</summary>
    public required string Body { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the new municipality took it (issued), or when it arrived (received).</summary>
    public DateTime? ClaimedAt { get; set; }

    public string? ClaimedBy { get; set; }

    /// <summary>When the 転入通知 for it was sent back (received).</summary>
    public DateTime? NoticeSentAt { get; set; }

    /// <summary>When an unclaimed one was purged (its body is then emptied).</summary>
    public DateTime? PurgedAt { get; set; }
}

/// <summary>A notice waiting at a CS until its registry says it has taken it in.</summary>
public interface IWaitingNotice
{
    long Id { get; }

    DateTime? TakenAt { get; set; }
}

/// <summary>A 転入通知 received by the old municipality's CS, waiting for its registry (j700).</summary>
public sealed class MoveInNoticeRow : IWaitingNotice
{
    public long Id { get; set; }

    public required string ResidentCode { get; set; }

    /// <summary>The notice (JSON), sealed.</summary>
    public required string Body { get; set; }

    public DateTime ReceivedAt { get; set; }

    public DateTime? TakenAt { get; set; }
}

/// <summary>
/// 送付先情報ファイル (seed 000 file (3); seed 001): at a CS, each 送付先情報 its registry sent, until it has reached the
/// 全国サーバ (<see cref="SentAt"/>); one 開庁日 later its content is deleted (「連携後速やか(1営業日後)に削除」) and only
/// the fact that it was sent remains.
/// </summary>
public sealed class CardDestinationRow
{
    public long Id { get; set; }

    /// <summary>送付先管理番号, as the registry numbered it.</summary>
    public long DestinationNumber { get; set; }

    public required string ResidentCode { get; set; }

    /// <summary>The 送付先情報 (JSON), sealed: it carries the 個人番号.</summary>
    public required string Body { get; set; }

    public DateTime ReceivedAt { get; set; }

    /// <summary>When the 全国サーバ acknowledged it.</summary>
    public DateTime? SentAt { get; set; }

    public DateTime? PurgedAt { get; set; }
}

/// <summary>A 一時停止の通知 from the カード管理システム, waiting at the CS for its registry.</summary>
public sealed class CardNoticeRow : IWaitingNotice
{
    public long Id { get; set; }

    public required string ResidentCode { get; set; }

    /// <summary>The notice (JSON), sealed.</summary>
    public required string Body { get; set; }

    public DateTime ReceivedAt { get; set; }

    public DateTime? TakenAt { get; set; }
}

/// <summary>
/// 住民票コード (j870): at a CS, its pool of codes for new numbering, handed out at random to its registry; at the
/// 全国サーバ, every code ever allocated to a CS (so none is allocated twice).
/// </summary>
public sealed class ResidentCodePoolRow
{
    public required string Code { get; set; }

    public DateTime ReceivedAt { get; set; }

    public DateTime? HandedOutAt { get; set; }

    /// <summary>The registry (at a CS) or the CS (at the 全国サーバ) it went to.</summary>
    public string? HandedTo { get; set; }
}
