using Jumin.Registry.Access;
using Jumin.Domain.Residents;
using Jumin.Registry.Persistence;
using Jumin.Registry.Residents;

namespace Jumin.Web.Contracts;

/// <summary>A person in a search result.</summary>
public sealed record ResidentSummaryDto(
    string AtenaNumber,
    string HouseholdNumber,
    string Name,
    string NameKana,
    string? AlphabetName,
    string BirthDate,
    int BirthDateKey,
    string Sex,
    string Address,
    string Status,
    string? Relationship,
    string Kind,
    string? MatchedOn = null);

public sealed record SearchResultDto(IReadOnlyList<ResidentSummaryDto> Residents, bool Truncated);

/// <summary>One 住民票 row: the items of j10/j20 with dates as displayed (j90). 個人番号 only with the right (j1390).</summary>
public sealed record ResidentRecordDto(
    string AtenaNumber,
    int HistoryNumber,
    string ChangeReason,
    int ChangeReasonCode,
    string ChangeDate,
    string? NotificationDate,
    string ProcessedAt,
    string InputPlace,
    string InputTerminal,
    string OperatorId,
    string Kind,
    string Status,
    string Name,
    string NameKana,
    bool NameKanaConfirmed,
    string? AlphabetName,
    string? FormerSurname,
    string? FormerSurnameKana,
    string? Alias,
    string? AliasKana,
    string BirthDate,
    string Sex,
    string HouseholdNumber,
    string? HouseholdHeadName,
    string? Relationship,
    int MemberOrder,
    string PostalCode,
    string AddressCode,
    string Address,
    string AddressEstablishedOn,
    string? BecameResidentOn,
    string? PreviousAddress,
    string? Domicile,
    string? HeadOfFamilyRegister,
    string? ResidentCode,
    string? IndividualNumber,
    string? Nationality,
    string? Article3045Category,
    string? StatusOfResidence,
    string? PeriodOfStay,
    string? PeriodOfStayExpiresOn,
    string? ResidenceCardNumber,
    string? RemovalReason,
    string? RemovalDate,
    string? Remarks,
    IReadOnlyList<string> HiddenItems);

/// <param name="Current">The latest row.</param>
/// <param name="Household">The current members of the 世帯.</param>
/// <param name="History">Every row, oldest first (j350).</param>
/// <param name="SupportMeasure">支援措置の状態 (j380) when the person is a 支援対象者.</param>
/// <param name="ProtectedMembers">宛名番号 of the 世帯員 who are 支援対象者.</param>
/// <param name="RestrictionAlerts">照会 alerts of 抑止 (j410).</param>
public sealed record ResidentDossierDto(ResidentRecordDto Current, IReadOnlyList<ResidentSummaryDto> Household, IReadOnlyList<ResidentRecordDto> History, string? SupportMeasure, IReadOnlyList<string> ProtectedMembers, IReadOnlyList<string> RestrictionAlerts);

/// <summary>ログイン: the password and the current code of the account's authenticator app.</summary>
/// <summary>処理事由: <c>Counter</c>, <c>Inquiry</c>, <c>InternalRequest</c>, <c>Investigation</c>, <c>Review</c> or <c>Other</c> with a note.</summary>
/// <summary>処理事由: <c>reason</c> is Counter · Inquiry · InternalRequest · Investigation · Review · Other (then <c>reasonNote</c> says why) — the names its errors use.</summary>
public sealed record ProcessingReasonRequest(string? Reason, string? ReasonNote);

public sealed record LoginRequest(string UserId, string Password, string? Code);

public sealed record SessionDto(string UserId, string DisplayName, IReadOnlyList<string> Roles, bool CanViewIndividualNumber, IReadOnlyList<string> Permissions, IReadOnlyList<string> VisibleItems);

public sealed record SearchHistoryDto(string At, string Summary, string Query);

internal static class ResidentDtoMapping
{
    public static ResidentSummaryDto Summary(this ResidentPresentation p, ResidentRecord r) => new(
        r.AtenaNumber.Value,
        r.HouseholdNumber.Value,
        r.FullName,
        r.FullNameKana,
        r.AlphabetName,
        p.BirthDate(r),
        r.BirthDate.SortKey,
        r.Sex.Japanese(),
        ResidentPresentation.FullAddress(r),
        r.Status.Japanese(),
        r.Relationship?.Text,
        r.Kind.Japanese());

    /// <summary>The row as an operator may see it: items without the right (j1390) are null and listed in <c>HiddenItems</c>.</summary>
    public static ResidentRecordDto Record(this ResidentPresentation p, ResidentRecord r, IReadOnlySet<VisibleItem> visible) => new(
        r.AtenaNumber.Value,
        r.HistoryNumber,
        r.ChangeReason.JapaneseName(),
        (int)r.ChangeReason,
        p.Date(r.ChangeDate),
        r.NotificationDate is null ? null : p.Date(r.NotificationDate),
        NodaTime.Text.InstantPattern.ExtendedIso.Format(r.ProcessedAt),
        r.InputPlace,
        r.InputTerminal,
        r.OperatorId,
        r.Kind.Japanese(),
        r.Status.Japanese(),
        r.FullName,
        r.FullNameKana,
        r.NameKanaConfirmed,
        r.AlphabetName,
        r.FormerSurname,
        r.FormerSurnameKana,
        r.Alias,
        r.AliasKana,
        p.BirthDate(r),
        r.Sex.Japanese(),
        r.HouseholdNumber.Value,
        r.HouseholdHeadName,
        r.Relationship?.Text,
        r.MemberOrder,
        r.PostalCode.ToString(),
        r.AddressCode.Value,
        ResidentPresentation.FullAddress(r),
        p.Date(r.AddressEstablishedOn),
        r.BecameResidentOn is null ? (r.BecameForeignResidentOn is null ? null : p.Date(r.BecameForeignResidentOn)) : p.Date(r.BecameResidentOn),
        r.PreviousAddress,
        visible.Contains(VisibleItem.FamilyRegister) ? ResidentPresentation.Domicile(r) : null,
        visible.Contains(VisibleItem.FamilyRegister) ? ResidentPresentation.HeadOfFamilyRegister(r) : null,
        visible.Contains(VisibleItem.ResidentCode) ? r.ResidentCode?.Value : null,
        visible.Contains(VisibleItem.IndividualNumber) ? r.IndividualNumber?.Digits : null,
        r.Nationality,
        visible.Contains(VisibleItem.ResidenceStatus) ? r.Article3045Category?.Japanese() : null,
        visible.Contains(VisibleItem.ResidenceStatus) ? r.StatusOfResidence : null,
        visible.Contains(VisibleItem.ResidenceStatus) ? r.PeriodOfStay : null,
        visible.Contains(VisibleItem.ResidenceStatus) && ResidentPresentation.ExpiryDate(r) is { Length: > 0 } expiry ? expiry : null,
        visible.Contains(VisibleItem.ResidenceStatus) ? r.ResidenceCardNumber?.Value : null,
        r.RemovalReason?.JapaneseName(),
        r.RemovalDate is null ? null : p.Date(r.RemovalDate),
        r.Remarks,
        [.. Enum.GetValues<VisibleItem>().Where(i => !visible.Contains(i)).Select(i => i.Japanese())]);

    public static SearchHistoryDto History(SearchHistoryRow row) =>
        new(NodaTime.Text.InstantPattern.ExtendedIso.Format(NodaTime.Instant.FromDateTimeUtc(DateTime.SpecifyKind(row.At, DateTimeKind.Utc))), row.Summary, row.Query);
}
