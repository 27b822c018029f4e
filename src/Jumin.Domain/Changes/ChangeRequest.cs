using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;
using NodaTime;

namespace Jumin.Domain.Changes;

/// <summary>
/// 異動届 / 職権記録 — what the clerk entered for one 異動: who moves (<see cref="Movers"/>, already
/// in the register) or who enters (<see cref="NewPersons"/>), where to, into which 世帯, and on what
/// basis. The same request is planned at 仮登録 and again at 本登録 (<see cref="ChangeDecider"/>).
/// </summary>
public sealed record ChangeRequest
{
    public required ChangeKind Kind { get; init; }

    public ChangeBasis Basis { get; init; } = ChangeBasis.Notification;

    /// <summary>異動日 (j480); for 出生 the birth date, for 転出 the 転出予定年月日.</summary>
    public required RecordedDate ChangeDate { get; init; }

    /// <summary>届出日・戸籍届出通知日・申出日 (j570, j780, j790 as one item).</summary>
    public LocalDate? NotificationDate { get; init; }

    /// <summary>異動者 already in the register (j460): all or part of a 世帯.</summary>
    public IReadOnlyList<AtenaNumber> Movers { get; init; } = [];

    /// <summary>異動者 new to the register, each with the 宛名番号 issued at entry.</summary>
    public IReadOnlyList<NewPerson> NewPersons { get; init; } = [];

    /// <summary>The 住所 after the change (転入, 転居, 職権記載).</summary>
    public AddressInput? NewAddress { get; init; }

    /// <summary>転入前住所 (転入, 職権記載 j800).</summary>
    public PreviousAddressInput? PreviousAddress { get; init; }

    /// <summary>転出先住所（予定） (j650) or, for 転入通知, the 転出先住所（確定） (j680).</summary>
    public DestinationInput? Destination { get; init; }

    /// <summary>The existing 世帯 the movers join (異動先世帯 一部, j470); null for a new 世帯.</summary>
    public HouseholdNumber? JoinHousehold { get; init; }

    /// <summary>The 世帯番号 issued for a new 世帯 (異動先世帯 全部, j470).</summary>
    public HouseholdNumber? NewHouseholdNumber { get; init; }

    /// <summary>The 世帯主 of the destination (or, for 世帯主変更, the new 世帯主).</summary>
    public AtenaNumber? NewHead { get; init; }

    /// <summary>続柄 after the change, per person (j110, j730).</summary>
    public IReadOnlyList<RelationshipInput> Relationships { get; init; } = [];

    /// <summary>Item corrections per person (修正, 入管通知, 帰化 …).</summary>
    public IReadOnlyList<PersonCorrection> Corrections { get; init; } = [];

    /// <summary>The 異動事由 a 修正 or a number change records (職権修正, 軽微な修正, 誤記修正, 旧氏・通称…).</summary>
    public ChangeReason? Reason { get; init; }

    /// <summary>転入通知年月日 (j680).</summary>
    public LocalDate? MoveInNoticeDate { get; init; }

    /// <summary>入管通知: the 住民票 is removed (在留資格の取消し etc., j960) instead of corrected.</summary>
    public bool RemoveFromRegister { get; init; }

    /// <summary>The 異動 a 取消 undoes (j980).</summary>
    public long? CancelsChange { get; init; }

    /// <summary>留意事項 (j140 B類型) entered by the clerk.</summary>
    public string? Note { get; init; }

    /// <summary>届出人 (j580) when not one of the movers.</summary>
    public string? NotifierName { get; init; }

    /// <summary>
    /// The number that stands for the <paramref name="index"/>-th new person until 仮登録 issues the
    /// real 宛名番号 (see <see cref="WithNumbers"/>).
    /// </summary>
    public static AtenaNumber NewPersonPlaceholder(int index) => AtenaNumber.FromSerial(AtenaNumber.NextIssuableSerial(900_000_000 + index * 2));

    /// <summary>The number that says "a new 世帯" until 仮登録 issues the real 世帯番号.</summary>
    public static HouseholdNumber NewHouseholdPlaceholder { get; } = HouseholdNumber.FromSerial(HouseholdNumber.NextIssuableSerial(1));

    /// <summary>
    /// The same request with the 宛名番号 of new people and the new 世帯番号 replaced (numbers are
    /// issued inside the transaction that enters the change, so a refused change issues none).
    /// </summary>
    public ChangeRequest WithNumbers(IReadOnlyDictionary<AtenaNumber, AtenaNumber> newPeople, HouseholdNumber? newHousehold)
    {
        AtenaNumber Map(AtenaNumber a) => newPeople.GetValueOrDefault(a) ?? a;
        return this with
        {
            NewPersons = [.. NewPersons.Select(p => p with { AtenaNumber = Map(p.AtenaNumber) })],
            NewHead = NewHead is null ? null : Map(NewHead),
            Relationships = [.. Relationships.Select(r => r with { AtenaNumber = Map(r.AtenaNumber) })],
            Corrections = [.. Corrections.Select(c => c with { AtenaNumber = Map(c.AtenaNumber) })],
            NewHouseholdNumber = newHousehold ?? NewHouseholdNumber,
        };
    }

    public Relationship? RelationshipOf(AtenaNumber atena) => Relationships.FirstOrDefault(r => r.AtenaNumber == atena)?.Relationship;

    public PersonItems? CorrectionOf(AtenaNumber atena) => Corrections.FirstOrDefault(c => c.AtenaNumber == atena)?.Items;
}

/// <summary>A person entering the register, with the 宛名番号 issued for them.</summary>
public sealed record NewPerson(AtenaNumber AtenaNumber, PersonItems Items);

/// <summary>続柄 for one 異動者 or 世帯員.</summary>
public sealed record RelationshipInput(AtenaNumber AtenaNumber, Relationship Relationship);

/// <summary>Items to correct for one person.</summary>
public sealed record PersonCorrection(AtenaNumber AtenaNumber, PersonItems Items);

/// <summary>
/// 記載事項 of one person as entered: each non-null item is set, null items are left as they
/// are (or, for a new person, empty).
/// </summary>
public sealed record PersonItems
{
    public ResidentKind? Kind { get; init; }

    public string? FamilyName { get; init; }

    public string? GivenName { get; init; }

    public string? FamilyNameKana { get; init; }

    public string? GivenNameKana { get; init; }

    public bool? NameKanaConfirmed { get; init; }

    public string? AlphabetName { get; init; }

    public RecordedDate? BirthDate { get; init; }

    public Sex? Sex { get; init; }

    public DomicileStatus? DomicileStatus { get; init; }

    public string? Domicile { get; init; }

    public string? HeadOfFamilyRegister { get; init; }

    public string? FormerSurname { get; init; }

    public string? FormerSurnameKana { get; init; }

    public string? Alias { get; init; }

    public string? AliasKana { get; init; }

    public string? Nationality { get; init; }

    public Article3045Category? Article3045Category { get; init; }

    public string? StatusOfResidence { get; init; }

    public string? PeriodOfStay { get; init; }

    public LocalDate? PeriodOfStayExpiresOn { get; init; }

    public ResidenceCardNumber? ResidenceCardNumber { get; init; }

    public ResidentCode? ResidentCode { get; init; }

    public IndividualNumber? IndividualNumber { get; init; }

    public string? Katagaki { get; init; }

    public string? Remarks { get; init; }

    /// <summary>事実上の世帯主の氏名 (j740).</summary>
    public string? DeFactoHouseholdHeadName { get; init; }

    /// <summary>Every free-text item that breaks its <see cref="TextItems"/> rule, the field names prefixed with <paramref name="prefix"/>.</summary>
    public IEnumerable<FieldValidationException> TextFailures(string prefix) => TextItems.Failures(
        [
            (FamilyName, TextItems.FamilyName), (GivenName, TextItems.GivenName), (FamilyNameKana, TextItems.FamilyNameKana), (GivenNameKana, TextItems.GivenNameKana),
            (AlphabetName, TextItems.AlphabetName), (Domicile, TextItems.Domicile), (HeadOfFamilyRegister, TextItems.HeadOfFamilyRegister), (FormerSurname, TextItems.FormerSurname),
            (FormerSurnameKana, TextItems.FormerSurnameKana), (Alias, TextItems.Alias), (AliasKana, TextItems.AliasKana), (Nationality, TextItems.Nationality),
            (StatusOfResidence, TextItems.StatusOfResidence), (PeriodOfStay, TextItems.PeriodOfStay), (Katagaki, TextItems.Katagaki), (Remarks, TextItems.Remarks),
            (DeFactoHouseholdHeadName, TextItems.DeFactoHouseholdHeadName),
        ], prefix);
}

/// <summary>住所 as entered (住所辞書 j240 gives the code and postal code).</summary>
public sealed record AddressInput(AddressCode AddressCode, PostalCode PostalCode, string Address, string Banchi, string? Katagaki = null, string? DistrictCode = null);

/// <summary>
/// 転入前住所 (国外の場合は国名等; 「不明」 when it cannot be established, j800). <see cref="Unregistered"/>
/// marks a 未届転入 (j620, j800): the most recent unregistered address, printed with （未届）.
/// </summary>
public sealed record PreviousAddressInput(string Address, PostalCode? PostalCode = null, AddressCode? AddressCode = null, string? HouseholdHeadName = null, bool Unregistered = false, string? LastRegisteredAddress = null);

/// <summary>転出先 (予定 j650 or 確定 j680): a municipality alone is enough; 国外 is a country name.</summary>
public sealed record DestinationInput(string Address, PostalCode? PostalCode = null, AddressCode? AddressCode = null, string? HouseholdHeadName = null, LocalDate? ConfirmedMoveOutDate = null);
