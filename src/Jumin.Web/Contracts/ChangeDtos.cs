using Jumin.Registry.Access;
using Jumin.Domain.Changes;
using Jumin.Registry.Changes;
using Jumin.Registry.Persistence;
using Jumin.Registry.Residents;

namespace Jumin.Web.Contracts;

/// <summary>
/// 異動届 / 職権記録 as sent to <c>POST /api/v1/changes/{kind}</c>. Dates take 和暦 or 西暦 (令和8年11月29日,
/// R8.11.29, 2026-11-29). People entering the register are referred to as <c>new:0</c>, <c>new:1</c> …
/// (their 宛名番号 is issued on 仮登録); people already in it by 宛名番号.
/// </summary>
public sealed record ChangeRequestDto
{
    /// <summary>notification (届出, default) · ex-officio (職権) · application (申出) · family-register-notice (戸籍届出・通知).</summary>
    public string? Basis { get; init; }

    /// <summary>異動日 (転出は転出予定年月日, 出生は生年月日).</summary>
    public string? ChangeDate { get; init; }

    /// <summary>届出日・戸籍届出通知日・申出日 (defaults to today for 届出).</summary>
    public string? NotificationDate { get; init; }

    public IReadOnlyList<string>? Movers { get; init; }

    public IReadOnlyList<PersonItemsDto>? NewPersons { get; init; }

    public AddressDto? NewAddress { get; init; }

    public PreviousAddressDto? PreviousAddress { get; init; }

    public DestinationDto? Destination { get; init; }

    /// <summary>世帯番号 of the 世帯 the movers join; empty for a new 世帯.</summary>
    public string? JoinHousehold { get; init; }

    /// <summary>世帯主 of the new 世帯 (or the new 世帯主 for 世帯主変更): 宛名番号 or new:N.</summary>
    public string? NewHead { get; init; }

    public IReadOnlyList<RelationshipDto>? Relationships { get; init; }

    public IReadOnlyList<CorrectionDto>? Corrections { get; init; }

    /// <summary>異動事由 code (j210) for 修正, 住民票コード and 個人番号 changes, e.g. 304 (誤記修正).</summary>
    public int? Reason { get; init; }

    public string? MoveInNoticeDate { get; init; }

    public bool RemoveFromRegister { get; init; }

    public long? CancelsChange { get; init; }

    /// <summary>留意事項.</summary>
    public string? Note { get; init; }

    public string? NotifierName { get; init; }

    /// <summary>Alert codes (j1440) the clerk has read and accepts, e.g. A201.</summary>
    public IReadOnlyList<string>? AcknowledgedAlerts { get; init; }
}

/// <summary>記載事項 of one person; omitted items are left as they are.</summary>
public sealed record PersonItemsDto
{
    /// <summary>japanese · foreign.</summary>
    public string? Kind { get; init; }

    public string? FamilyName { get; init; }

    public string? GivenName { get; init; }

    public string? FamilyNameKana { get; init; }

    public string? GivenNameKana { get; init; }

    public bool? NameKanaConfirmed { get; init; }

    public string? AlphabetName { get; init; }

    public string? BirthDate { get; init; }

    /// <summary>1 (男) · 2 (女).</summary>
    public string? Sex { get; init; }

    /// <summary>recorded · none (なし) · unknown (不明).</summary>
    public string? DomicileStatus { get; init; }

    public string? Domicile { get; init; }

    public string? HeadOfFamilyRegister { get; init; }

    public string? FormerSurname { get; init; }

    public string? FormerSurnameKana { get; init; }

    public string? Alias { get; init; }

    public string? AliasKana { get; init; }

    public string? Nationality { get; init; }

    /// <summary>法第30条の45の区分 1–6.</summary>
    public int? Article3045Category { get; init; }

    public string? StatusOfResidence { get; init; }

    public string? PeriodOfStay { get; init; }

    public string? PeriodOfStayExpiresOn { get; init; }

    public string? ResidenceCardNumber { get; init; }

    public string? ResidentCode { get; init; }

    public string? IndividualNumber { get; init; }

    public string? Katagaki { get; init; }

    public string? Remarks { get; init; }

    public string? DeFactoHouseholdHeadName { get; init; }
}

public sealed record AddressDto(string? AddressCode, string? PostalCode, string? Address, string? Banchi, string? Katagaki = null, string? DistrictCode = null);

public sealed record PreviousAddressDto(string? Address, string? PostalCode = null, string? AddressCode = null, string? HouseholdHeadName = null, bool Unregistered = false, string? LastRegisteredAddress = null);

public sealed record DestinationDto(string? Address, string? PostalCode = null, string? AddressCode = null, string? HouseholdHeadName = null, string? ConfirmedMoveOutDate = null);

public sealed record RelationshipDto(string? Person, string? Relationship);

public sealed record CorrectionDto(string? Person, PersonItemsDto? Items);

public sealed record FindingDto(string Code, string Severity, string Title, string Field, string FieldLabel, string Message, string? AtenaNumber);

public sealed record PlannedRowDto(ResidentRecordDto? Before, ResidentRecordDto After, IReadOnlyList<string> ChangedItems);

public sealed record HeadNoticeDto(string Document, string HouseholdNumber, string AddresseeAtenaNumber, string AddresseeName, string Address, IReadOnlyList<string> RemainingMembers);

public sealed record ChangeDto(
    long Id,
    string Kind,
    string KindName,
    string Basis,
    string Status,
    string Summary,
    string EnteredBy,
    string EnteredAt,
    string EnteredPlace,
    string? DecidedBy,
    string? DecidedAt,
    long? CancelsChange,
    long? CancelledBy,
    IReadOnlyList<string> AcknowledgedAlerts,
    bool RegisterMovedOn,
    IReadOnlyList<FindingDto> Findings,
    IReadOnlyList<PlannedRowDto> Rows,
    IReadOnlyList<HeadNoticeDto> HeadNotices,
    string? NotificationDate,
    string? NotifierName,
    string? Note);

public sealed record PreviewDto(string Kind, IReadOnlyList<FindingDto> Findings, IReadOnlyList<PlannedRowDto> Rows, IReadOnlyList<HeadNoticeDto> HeadNotices);

public sealed record BulkRegistrationRequest(IReadOnlyList<long>? Ids);

public sealed record BulkRegistrationResultDto(long Id, bool Registered, string? Refusal);

internal static class ChangeDtoMapping
{
    public static string StatusName(ChangeStatus s) => s switch
    {
        ChangeStatus.Provisional => "仮登録",
        ChangeStatus.Registered => "本登録",
        _ => "取下げ",
    };

    public static FindingDto Finding(ChangeFinding f) =>
        new(f.Code, f.IsError ? "error" : "alert", f.Rule.Title, f.Field, f.FieldLabel, f.Message, f.AtenaNumber?.Value);

    public static IReadOnlyList<PlannedRowDto> Rows(ResidentPresentation p, ChangePlan plan, IReadOnlySet<VisibleItem> visible) =>
        [.. plan.Rows.Select(r =>
        {
            var before = r.Before is null ? null : p.Record(r.Before, visible);
            var after = p.Record(r.After, visible);
            return new PlannedRowDto(before, after, ChangedItems(before, after));
        })];

    /// <summary>The items whose display differs (入力確認 j540 highlights them).</summary>
    public static IReadOnlyList<string> ChangedItems(ResidentRecordDto? before, ResidentRecordDto after)
    {
        if (before is null)
        {
            return [];
        }
        var skip = new HashSet<string> { nameof(ResidentRecordDto.HistoryNumber), nameof(ResidentRecordDto.ChangeReason), nameof(ResidentRecordDto.ChangeReasonCode), nameof(ResidentRecordDto.ChangeDate), nameof(ResidentRecordDto.NotificationDate), nameof(ResidentRecordDto.ProcessedAt), nameof(ResidentRecordDto.InputPlace), nameof(ResidentRecordDto.InputTerminal), nameof(ResidentRecordDto.OperatorId), nameof(ResidentRecordDto.HiddenItems) };
        return [.. typeof(ResidentRecordDto).GetProperties().Where(pr => !skip.Contains(pr.Name) && !Equals(pr.GetValue(before), pr.GetValue(after))).Select(pr => pr.Name)];
    }

    public static IReadOnlyList<HeadNoticeDto> Notices(ChangePlan plan) =>
        [.. plan.HeadNotices.Select(n => new HeadNoticeDto(n.HeadSetExOfficio ? "世帯主変更通知書" : "世帯主変更依頼通知書", n.Household.Value, n.Addressee.Value, n.AddresseeName, n.Address, n.RemainingMembers))];

    public static ChangeDto Change(ResidentPresentation p, ChangeEntry e, IReadOnlySet<VisibleItem> visible) => new(
        e.Row.Id,
        e.Request.Kind.Slug(),
        e.Request.Kind.JapaneseName(),
        e.Request.Basis.JapaneseName(),
        StatusName(e.Row.Status),
        e.Row.Summary,
        e.Row.EnteredBy,
        Timestamp(e.Row.EnteredAt),
        e.Row.EnteredPlace,
        e.Row.DecidedBy,
        e.Row.DecidedAt is { } d ? Timestamp(d) : null,
        e.Row.CancelsChange,
        e.Row.CancelledBy,
        [.. e.Row.AcknowledgedAlerts.Split(',', StringSplitOptions.RemoveEmptyEntries)],
        e.RegisterMovedOn,
        [.. e.Plan.Findings.Select(Finding)],
        Rows(p, e.Plan, visible),
        Notices(e.Plan),
        e.Request.NotificationDate is { } notified ? p.Date(notified) : null,
        e.Request.NotifierName,
        e.Request.Note);

    public static string Timestamp(DateTime utc) =>
        NodaTime.Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(Domain.Dates.JapanTime.Zone).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
