using Jumin.Domain.Identifiers;
using NodaTime;

namespace Jumin.Registry.Persistence;

/// <summary>
/// 交付履歴 (j300): one row per copy of a certificate handed out — date and time, place, terminal and
/// user, kind, items printed, 発行番号, who asked and how they were identified. Append-only; a
/// misprint's disposal is its own row (<see cref="CertificateDisposalRow"/>).
/// </summary>
public sealed class CertificateIssueRow
{
    public long Id { get; set; }

    public DateTime IssuedAt { get; set; }

    /// <summary>交付場所.</summary>
    public required string Place { get; set; }

    public required string Terminal { get; set; }

    public required string OperatorId { get; set; }

    /// <summary><see cref="Domain.Certificates.CertificateKind"/>.</summary>
    public int Kind { get; set; }

    /// <summary>記載事項 as asked (世帯主・続柄・本籍・…).</summary>
    public required string Items { get; set; }

    /// <summary>世帯連記式 / 個人票, 世帯全員 / 一部.</summary>
    public required string Form { get; set; }

    /// <summary>This copy's number among <see cref="CopyCount"/> (枚数 = copies × pages).</summary>
    public int CopyNumber { get; set; }

    public int CopyCount { get; set; }

    public int PageCount { get; set; }

    /// <summary>発行番号 without the page part (j1040).</summary>
    public required string IssueNumber { get; set; }

    public int RequesterKind { get; set; }

    public required string RequesterName { get; set; }

    public string? RequesterAddress { get; set; }

    public int Identification { get; set; }

    public string? Purpose { get; set; }

    public int Channel { get; set; }

    public bool OfficialUse { get; set; }

    /// <summary>公印を印字した (j1370 印字ログ).</summary>
    public bool SealPrinted { get; set; }

    /// <summary>個人番号を印字した (j1370 印字ログ).</summary>
    public bool IndividualNumberPrinted { get; set; }

    /// <summary>転出証明書の再交付 (j660).</summary>
    public bool Reissue { get; set; }

    public long? SupportApprovalId { get; set; }

    /// <summary>文字溢れ・未登録外字 (j1070), one item per line; null when none.</summary>
    public string? Overflows { get; set; }
}

/// <summary>The people (and the history row of each) a certificate copy shows: 交付対象者.</summary>
public sealed class CertificateIssueSubjectRow
{
    public long IssueId { get; set; }

    public required AtenaNumber AtenaNumber { get; set; }

    /// <summary>The 履歴番号 printed — a 再交付 prints the same one again (j660).</summary>
    public int HistoryNumber { get; set; }

    /// <summary>氏名 at issuance, so the 交付履歴 reads without opening the 住民票.</summary>
    public required string Name { get; set; }
}

/// <summary>The verification code printed on one page, for checking a paper against the 交付履歴.</summary>
public sealed class CertificatePageRow
{
    public required string VerificationCode { get; set; }

    public long IssueId { get; set; }

    public int Page { get; set; }
}

/// <summary>処分情報 (j300): a certificate printed in error and destroyed.</summary>
public sealed class CertificateDisposalRow
{
    public long IssueId { get; set; }

    public DateTime DisposedAt { get; set; }

    public required string OperatorId { get; set; }

    public required string Reason { get; set; }
}

/// <summary>抑止 (j410) as stored; <see cref="Domain.Protection.Restriction"/> decides what it holds back.</summary>
public sealed class RestrictionRow
{
    public long Id { get; set; }

    public int Scope { get; set; }

    /// <summary>宛名番号 or 世帯番号.</summary>
    public required string Target { get; set; }

    public int Processes { get; set; }

    public int Level { get; set; }

    public LocalDate StartsOn { get; set; }

    public LocalDate? EndsOn { get; set; }

    public required string Reason { get; set; }

    public DateTime CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime? LiftedAt { get; set; }

    public string? LiftedBy { get; set; }

    public DateTime? TemporarilyReleasedUntil { get; set; }

    public string? ReleasedBy { get; set; }
}

/// <summary>支援措置 (j160, j440) as stored.</summary>
public sealed class SupportMeasureRow
{
    public long Id { get; set; }

    public required string AtenaNumber { get; set; }

    public string? ApplicantAtenaNumber { get; set; }

    public string? RelationToApplicant { get; set; }

    public bool Provisional { get; set; }

    public LocalDate StartsOn { get; set; }

    public LocalDate EndsOn { get; set; }

    public string? Offender { get; set; }

    public string? Services { get; set; }

    public string? Contact { get; set; }

    public LocalDate? EndedOn { get; set; }

    public string? EndReason { get; set; }

    public DateTime UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }
}

/// <summary>
/// 支援措置の審査結果 (j440): a user with the 支援対象者 right lets one request for a protected person
/// through, with the reason. Used once, on the day it was given.
/// </summary>
public sealed class SupportApprovalRow
{
    public long Id { get; set; }

    public required string AtenaNumber { get; set; }

    /// <summary>Who the certificate is for (the requester the approver examined).</summary>
    public required string RequesterName { get; set; }

    public required string Reason { get; set; }

    public required string ApprovedBy { get; set; }

    public DateTime ApprovedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public long? UsedByIssueId { get; set; }
}

/// <summary>
/// A simulated 個人番号カード for コンビニ交付 (j1210): the 利用者証明用電子証明書 serial and a
/// hashed 4-digit PIN; three wrong PINs lock it. It stands in for the card chip and J-LIS's 公的個人認証.
/// </summary>
public sealed class KonbiniCardRow
{
    public required string Serial { get; set; }

    public required AtenaNumber AtenaNumber { get; set; }

    public required string PinHash { get; set; }

    public int FailedAttempts { get; set; }

    public DateTime? LockedAt { get; set; }
}
