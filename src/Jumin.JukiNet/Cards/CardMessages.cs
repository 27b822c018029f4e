namespace Jumin.JukiNet.Cards;

/// <summary>
/// 送付先情報 (seed 000 file (3); seed 004 file (3) items 1–61): where the 番号通知書類 for one person go — the person's
/// 4情報 and 個人番号, and the 送付先 (the 住所, or a 居所 the municipality set instead; j1120). The registry numbers each
/// one (<see cref="DestinationNumber"/>); the CS fills in its municipality.
/// </summary>
public sealed record CardDestinationMessage(
    long DestinationNumber,
    string ResidentCode,
    string IndividualNumber,
    string Name,
    string NameKana,
    string BirthDate,
    int Sex,
    string Address,
    string DeliveryName,
    string DeliveryAddress,
    string Reason,
    string? MunicipalityCode = null);

/// <summary>What the CS did with a 送付先情報: kept and passed on, or why not.</summary>
public sealed record CardDestinationResult(long DestinationNumber, bool Accepted, string? Refusal = null);

/// <summary>
/// A window operation on a person's card (j1110), by 住民票コード; from the コールセンター by 個人番号. The operation is its
/// Japanese name (交付申請, 交付, 一時停止, 一時停止解除, 廃止, 回収, 返還). The CS fills in its municipality.
/// </summary>
public sealed record CardOperationRequest(
    string Operation,
    string Operator,
    string? ResidentCode = null,
    string? IndividualNumber = null,
    string? Reason = null,
    string? MunicipalityCode = null);

/// <summary>The card after the operation, or why it was refused.</summary>
public sealed record CardOperationResult(CardSummary? Card, string? Refusal = null);

/// <summary>カード管理情報 for the window (seed 004 file (3) 提供先1, items 85–111).</summary>
public sealed record CardSummary(
    string CardNumber,
    string ResidentCode,
    string Status,
    string MunicipalityCode,
    string IssuedOn,
    string ExpiresOn,
    string? HandedOverOn,
    string? SuspendedOn,
    string? SuspensionReason,
    string? AbolishedOn,
    string? AbolitionReason,
    string? CollectedOn);

public sealed record CardStatusRequest(string ResidentCode, string? MunicipalityCode = null);

/// <summary>Every card the person has had, newest first, and whether their 送付先情報 has reached the card system.</summary>
public sealed record CardStatusResult(IReadOnlyList<CardSummary> Cards, bool DestinationReceived, string? Refusal = null);

/// <summary>一時停止の通知: a card was suspended at the コールセンター.</summary>
public sealed record CardSuspendedNotice(string ResidentCode, string CardNumber, string MunicipalityCode, DateTime SuspendedAt, string Reason, string Operator);

public sealed record PendingCardNotice(long Id, CardSuspendedNotice Notice, DateTime ReceivedAt);

public sealed record PendingCardNotices(IReadOnlyList<PendingCardNotice> Notices);

public sealed record CardNoticesTaken(IReadOnlyList<long> Ids);
