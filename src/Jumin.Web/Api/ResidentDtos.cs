using Jumin.Domain.Residents;
using Jumin.Registry.Persistence;
using Jumin.Registry.Residents;

namespace Jumin.Web.Api;

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
    string Kind);

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
    string? Remarks);

public sealed record ResidentDossierDto(ResidentRecordDto Current, IReadOnlyList<ResidentSummaryDto> Household, IReadOnlyList<ResidentRecordDto> History);

public sealed record LoginRequest(string UserId, string Password);

public sealed record SessionDto(string UserId, string DisplayName, IReadOnlyList<string> Roles, bool CanViewIndividualNumber);

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

    public static ResidentRecordDto Record(this ResidentPresentation p, ResidentRecord r, bool showIndividualNumber) => new(
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
        ResidentPresentation.Domicile(r),
        ResidentPresentation.HeadOfFamilyRegister(r),
        r.ResidentCode?.Value,
        showIndividualNumber ? r.IndividualNumber?.Digits : null,
        r.Nationality,
        r.Article3045Category?.Japanese(),
        r.StatusOfResidence,
        r.PeriodOfStay,
        ResidentPresentation.ExpiryDate(r) is { Length: > 0 } expiry ? expiry : null,
        r.ResidenceCardNumber?.Value,
        r.RemovalReason?.JapaneseName(),
        r.RemovalDate is null ? null : p.Date(r.RemovalDate),
        r.Remarks);

    public static SearchHistoryDto History(SearchHistoryRow row) =>
        new(NodaTime.Text.InstantPattern.ExtendedIso.Format(NodaTime.Instant.FromDateTimeUtc(DateTime.SpecifyKind(row.At, DateTimeKind.Utc))), row.Summary, row.Query);
}
