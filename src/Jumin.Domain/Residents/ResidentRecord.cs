using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using NodaTime;

namespace Jumin.Domain.Residents;

/// <summary>
/// 住民票 — one full row of the register at one point in its history (j200): every item of j10
/// (日本人) and j20 (外国人) in one row, keyed by (<see cref="AtenaNumber"/>, <see cref="HistoryNumber"/>).
/// A change never edits a row: it appends the next one (<see cref="Next"/>). The highest
/// <see cref="HistoryNumber"/> is the current 住民票; items common to a 世帯 are held per person.
/// </summary>
public sealed partial record ResidentRecord
{
    // ── Key (j200) ───────────────────────────────────────────────────────────

    /// <summary>宛名番号.</summary>
    public required AtenaNumber AtenaNumber { get; init; }

    /// <summary>履歴番号 — 1, 2, 3 … without gaps.</summary>
    public required int HistoryNumber { get; init; }

    // ── The change that produced this row (異動履歴, j200, j210) ─────────────

    /// <summary>異動事由.</summary>
    public required ChangeReason ChangeReason { get; init; }

    /// <summary>異動日 (may be 不詳 for 出生・死亡・失踪, j80).</summary>
    public required RecordedDate ChangeDate { get; init; }

    /// <summary>処理日 — when the row was written.</summary>
    public required Instant ProcessedAt { get; init; }

    /// <summary>届出日 (令第11条の届出 only).</summary>
    public LocalDate? NotificationDate { get; init; }

    /// <summary>入力場所 (j230), e.g. 本庁 市民課.</summary>
    public required string InputPlace { get; init; }

    /// <summary>入力端末 (j230).</summary>
    public required string InputTerminal { get; init; }

    /// <summary>操作者 — the user ID that entered the change.</summary>
    public required string OperatorId { get; init; }

    /// <summary>留意事項 (j140 B類型) attached to this change.</summary>
    public string? ChangeNote { get; init; }

    /// <summary>
    /// 異動番号 — the 異動 (one 仮登録 → 本登録) that wrote this row; the rows of one 異動 share it,
    /// and a 取消 selects the change by it (j980). Null for rows loaded in bulk (移行, demo data).
    /// </summary>
    public long? ChangeId { get; init; }

    // ── Status ───────────────────────────────────────────────────────────────

    /// <summary>住民種別.</summary>
    public required ResidentKind Kind { get; init; }

    /// <summary>住民状態.</summary>
    public required ResidentStatus Status { get; init; }

    // ── Name (氏名, j10/j20, j70, j180) ───────────────────────────────────────

    /// <summary>氏 (日本人) or 氏名の漢字表記の氏 (外国人). Empty for a foreign resident with only an alphabet name.</summary>
    public required string FamilyName { get; init; }

    /// <summary>名.</summary>
    public required string GivenName { get; init; }

    /// <summary>氏のフリガナ (カタカナ, j180).</summary>
    public required string FamilyNameKana { get; init; }

    /// <summary>名のフリガナ.</summary>
    public required string GivenNameKana { get; init; }

    /// <summary>氏名のフリガナ確認フラグ — the person confirmed the reading (j180).</summary>
    public bool NameKanaConfirmed { get; init; }

    /// <summary>氏名（アルファベット） — 外国人住民 (j20).</summary>
    public string? AlphabetName { get; init; }

    /// <summary>旧氏 (j70).</summary>
    public string? FormerSurname { get; init; }

    /// <summary>旧氏のフリガナ.</summary>
    public string? FormerSurnameKana { get; init; }

    /// <summary>旧氏のフリガナ確認フラグ.</summary>
    public bool FormerSurnameKanaConfirmed { get; init; }

    /// <summary>通称 (j20, j70).</summary>
    public string? Alias { get; init; }

    /// <summary>通称のフリガナ.</summary>
    public string? AliasKana { get; init; }

    /// <summary>通称のフリガナ確認フラグ.</summary>
    public bool AliasKanaConfirmed { get; init; }

    /// <summary>通称を記載した年月日.</summary>
    public LocalDate? AliasRecordedOn { get; init; }

    /// <summary>通称を記載した市区町村 (地方公共団体コード).</summary>
    public LocalGovernmentCode? AliasRecordedBy { get; init; }

    /// <summary>通称を削除した年月日.</summary>
    public LocalDate? AliasDeletedOn { get; init; }

    /// <summary>通称を削除した市区町村 (地方公共団体コード).</summary>
    public LocalGovernmentCode? AliasDeletedBy { get; init; }

    // ── Birth and sex ────────────────────────────────────────────────────────

    /// <summary>生年月日 — 和暦 for 日本人, 西暦 for 外国人 (j80, j90); may be 不詳.</summary>
    public required RecordedDate BirthDate { get; init; }

    /// <summary>性別.</summary>
    public required Sex Sex { get; init; }

    // ── Household (世帯, j100, j110) ─────────────────────────────────────────

    /// <summary>世帯番号.</summary>
    public required HouseholdNumber HouseholdNumber { get; init; }

    /// <summary>世帯主の宛名番号; null while the 世帯主 is not set (j100).</summary>
    public AtenaNumber? HouseholdHeadAtenaNumber { get; init; }

    /// <summary>世帯主の氏名 as recorded on this 住民票.</summary>
    public string? HouseholdHeadName { get; init; }

    /// <summary>世帯主との続柄; null while the 世帯主 is not set.</summary>
    public Relationship? Relationship { get; init; }

    /// <summary>世帯員の並び順 (1 = first on the 世帯票).</summary>
    public required int MemberOrder { get; init; }

    /// <summary>事実上の世帯主の氏名.</summary>
    public string? DeFactoHouseholdHeadName { get; init; }

    // ── Address (住所, j170, j240–j270) ───────────────────────────────────────

    /// <summary>住所コード (11 digits, j250).</summary>
    public required AddressCode AddressCode { get; init; }

    /// <summary>住所の郵便番号 (j170).</summary>
    public required PostalCode PostalCode { get; init; }

    /// <summary>住所 — 都道府県・市区町村・町字.</summary>
    public required string Address { get; init; }

    /// <summary>番地 (番地・枝番, 住居表示の街区・住居番号).</summary>
    public required string Banchi { get; init; }

    /// <summary>方書 (j260).</summary>
    public string? Katagaki { get; init; }

    /// <summary>地区コード (j270).</summary>
    public string? DistrictCode { get; init; }

    /// <summary>住所を定めた年月日.</summary>
    public required RecordedDate AddressEstablishedOn { get; init; }

    /// <summary>住民となった年月日 (日本人).</summary>
    public RecordedDate? BecameResidentOn { get; init; }

    /// <summary>外国人住民となった年月日.</summary>
    public RecordedDate? BecameForeignResidentOn { get; init; }

    // ── 転入前住所 (前住所, 国外を含む) ──────────────────────────────────────

    public PostalCode? PreviousPostalCode { get; init; }

    public AddressCode? PreviousAddressCode { get; init; }

    /// <summary>転入前住所 (国外の場合は国名・地域名).</summary>
    public string? PreviousAddress { get; init; }

    /// <summary>転入前住所の世帯主氏名.</summary>
    public string? PreviousHouseholdHeadName { get; init; }

    // ── 戸籍の表示 (j120) ────────────────────────────────────────────────────

    /// <summary>本籍・筆頭者の記載状態.</summary>
    public required DomicileStatus DomicileStatus { get; init; }

    /// <summary>本籍.</summary>
    public string? Domicile { get; init; }

    /// <summary>筆頭者.</summary>
    public string? HeadOfFamilyRegister { get; init; }

    // ── 転出予定 and 転出確定 ──────────────────────────────────────────────────

    /// <summary>転出予定年月日.</summary>
    public LocalDate? PlannedMoveOutDate { get; init; }

    /// <summary>転出先住所（予定）.</summary>
    public string? PlannedDestination { get; init; }

    public PostalCode? PlannedDestinationPostalCode { get; init; }

    public AddressCode? PlannedDestinationAddressCode { get; init; }

    /// <summary>転出先（予定）の世帯主氏名.</summary>
    public string? PlannedDestinationHouseholdHeadName { get; init; }

    /// <summary>転出年月日（確定）.</summary>
    public LocalDate? ConfirmedMoveOutDate { get; init; }

    /// <summary>転出先住所（確定）.</summary>
    public string? ConfirmedDestination { get; init; }

    public PostalCode? ConfirmedDestinationPostalCode { get; init; }

    public AddressCode? ConfirmedDestinationAddressCode { get; init; }

    /// <summary>転出先（確定）の世帯主氏名.</summary>
    public string? ConfirmedDestinationHouseholdHeadName { get; init; }

    /// <summary>転入通知年月日.</summary>
    public LocalDate? MoveInNoticeDate { get; init; }

    // ── 除票 ─────────────────────────────────────────────────────────────────

    /// <summary>消除事由 — the reason of the removal (a 消除 <see cref="Residents.ChangeReason"/>).</summary>
    public ChangeReason? RemovalReason { get; init; }

    /// <summary>事由の生じた年月日 (転出の場合は転出予定年月日).</summary>
    public RecordedDate? RemovalDate { get; init; }

    // ── National identifiers ─────────────────────────────────────────────────

    /// <summary>住民票コード.</summary>
    public ResidentCode? ResidentCode { get; init; }

    /// <summary>個人番号. Stored encrypted; shown only to users with the right (j1390).</summary>
    public IndividualNumber? IndividualNumber { get; init; }

    // ── 外国人住民 (法第30条の45, j20) ────────────────────────────────────────

    /// <summary>国籍・地域.</summary>
    public string? Nationality { get; init; }

    /// <summary>法第30条の45の表の区分.</summary>
    public Article3045Category? Article3045Category { get; init; }

    /// <summary>在留資格.</summary>
    public string? StatusOfResidence { get; init; }

    /// <summary>在留期間 (e.g. 3年, 6月).</summary>
    public string? PeriodOfStay { get; init; }

    /// <summary>在留期間の満了の日 (西暦で表示, j90).</summary>
    public LocalDate? PeriodOfStayExpiresOn { get; init; }

    /// <summary>在留カード等番号.</summary>
    public ResidenceCardNumber? ResidenceCardNumber { get; init; }

    /// <summary>旧外登法による登録年月日 (may be 不詳 or missing, j80).</summary>
    public RecordedDate? FormerAlienRegistrationDate { get; init; }

    /// <summary>住居地の届出の有無.</summary>
    public bool ResidenceNotified { get; init; }

    /// <summary>上陸許可証による転入の旨.</summary>
    public bool MovedInWithLandingPermit { get; init; }

    // ── Other items of j10/j20 「住民票のその他の項目」 ─────────────────────────

    /// <summary>最終登録住所地 (j620): the last address registered before a 未届転入.</summary>
    public string? LastRegisteredAddress { get; init; }

    /// <summary>成年被後見人の該当有無.</summary>
    public bool IsAdultWard { get; init; }

    /// <summary>個人番号カード及び住基カードの発行状況 (e.g. 個人番号カード交付済).</summary>
    public string? CardIssuanceStatus { get; init; }

    /// <summary>署名用電子証明書シリアル番号.</summary>
    public string? SignatureCertificateSerial { get; init; }

    /// <summary>利用者証明用電子証明書シリアル番号.</summary>
    public string? AuthenticationCertificateSerial { get; init; }

    // ── Remarks ──────────────────────────────────────────────────────────────

    /// <summary>統合記載欄の備考 (j140 C類型). Memos (j150) are kept apart and never printed.</summary>
    public string? Remarks { get; init; }

    /// <summary>The 住民票 is current (not a 除票).</summary>
    public bool IsResident => Status == ResidentStatus.Resident;

    /// <summary>氏名 as displayed: 氏 and 名 separated by a full-width space.</summary>
    public string FullName => string.IsNullOrEmpty(FamilyName) ? GivenName : $"{FamilyName}　{GivenName}";

    /// <summary>氏名のフリガナ as displayed.</summary>
    public string FullNameKana => string.IsNullOrEmpty(FamilyNameKana) ? GivenNameKana : $"{FamilyNameKana}　{GivenNameKana}";

    /// <summary>
    /// The next row of this 住民票's history: the same items, changed as the caller says, with the
    /// next 履歴番号 and the new change's own 異動履歴 items (j200: every item is carried forward
    /// whether it changed or not).
    /// </summary>
    public ResidentRecord Next(ChangeReason reason, RecordedDate changeDate, Instant processedAt, string inputPlace, string inputTerminal, string operatorId, Func<ResidentRecord, ResidentRecord> change) =>
        change(this with { NotificationDate = null, ChangeNote = null, ChangeId = null }) with
        {
            AtenaNumber = AtenaNumber,
            HistoryNumber = HistoryNumber + 1,
            ChangeReason = reason,
            ChangeDate = changeDate,
            ProcessedAt = processedAt,
            InputPlace = inputPlace,
            InputTerminal = inputTerminal,
            OperatorId = operatorId,
        };
}
