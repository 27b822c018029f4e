using Jumin.Web.Contracts;
using Jumin.Domain.Changes;
using Jumin.Registry.Demo;
using Jumin.Web.Infrastructure;

namespace Jumin.Web.Pages.Changes;

/// <summary>One person's items as typed on the counter screen.</summary>
public sealed class PersonForm
{
    public string? Kind { get; set; }

    public string? FamilyName { get; set; }

    public string? GivenName { get; set; }

    public string? FamilyNameKana { get; set; }

    public string? GivenNameKana { get; set; }

    public string? AlphabetName { get; set; }

    public string? BirthDate { get; set; }

    public string? Sex { get; set; }

    public string? Domicile { get; set; }

    public string? HeadOfFamilyRegister { get; set; }

    public string? Nationality { get; set; }

    public int? Article3045Category { get; set; }

    public string? StatusOfResidence { get; set; }

    public string? PeriodOfStay { get; set; }

    public string? PeriodOfStayExpiresOn { get; set; }

    public string? ResidenceCardNumber { get; set; }

    public string? ResidentCode { get; set; }

    public string? IndividualNumber { get; set; }

    /// <summary>Items of a 転出証明書情報 this clerk may not see, sealed (<see cref="WithheldItems"/>).</summary>
    public string? Sealed { get; set; }

    public string? Remarks { get; set; }

    /// <summary>続柄 to the 世帯主 of the destination 世帯.</summary>
    public string? Relationship { get; set; }

    public PersonItemsDto ToDto() => new()
    {
        Kind = Kind,
        FamilyName = Empty(FamilyName),
        GivenName = Empty(GivenName),
        FamilyNameKana = Empty(FamilyNameKana),
        GivenNameKana = Empty(GivenNameKana),
        AlphabetName = Empty(AlphabetName),
        BirthDate = BirthDate,
        Sex = Sex,
        Domicile = Empty(Domicile),
        HeadOfFamilyRegister = Empty(HeadOfFamilyRegister),
        Nationality = Empty(Nationality),
        Article3045Category = Article3045Category,
        StatusOfResidence = Empty(StatusOfResidence),
        PeriodOfStay = Empty(PeriodOfStay),
        PeriodOfStayExpiresOn = PeriodOfStayExpiresOn,
        ResidenceCardNumber = ResidenceCardNumber,
        ResidentCode = ResidentCode,
        IndividualNumber = IndividualNumber,
        Remarks = Empty(Remarks),
    };

    /// <summary>An untouched field means "leave as it is", not "clear".</summary>
    private static string? Empty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}

/// <summary>
/// The 異動入力 screen's fields, for every kind; the screen shows the ones the kind uses. Turned
/// into the same <see cref="ChangeRequestDto"/> the API takes, so that the screen and the API
/// cannot decide differently.
/// </summary>
public sealed class ChangeForm
{
    public string? Basis { get; set; }

    public string? ChangeDate { get; set; }

    public string? NotificationDate { get; set; }

    public List<string> Movers { get; set; } = [];

    public List<PersonForm> People { get; set; } = [];

    /// <summary>住所辞書 (j240): the 住所コード of the 町字.</summary>
    public string? Town { get; set; }

    public string? Banchi { get; set; }

    public string? Katagaki { get; set; }

    public string? PreviousAddress { get; set; }

    public string? PreviousHeadName { get; set; }

    public bool Unregistered { get; set; }

    public string? LastRegisteredAddress { get; set; }

    public string? Destination { get; set; }

    public string? DestinationHeadName { get; set; }

    public string? ConfirmedMoveOutDate { get; set; }

    public string? MoveInNoticeDate { get; set; }

    /// <summary>"keep" (世帯はそのまま), "new" (新しい世帯) or "join" (既存の世帯).</summary>
    public string? HouseholdMode { get; set; }

    public string? JoinHousehold { get; set; }

    public string? NewHead { get; set; }

    /// <summary>続柄 of existing people, by 宛名番号.</summary>
    public Dictionary<string, string?> Relationships { get; set; } = [];

    public PersonForm Correction { get; set; } = new();

    public int? Reason { get; set; }

    public long? CancelsChange { get; set; }

    public bool RemoveFromRegister { get; set; }

    public string? Note { get; set; }

    public List<string> AcknowledgedAlerts { get; set; } = [];

    public ChangeRequestDto ToDto(ChangeKind kind)
    {
        var town = DemoMunicipality.Towns.FirstOrDefault(t => DemoMunicipality.AddressCodeOf(t).Value == Town);
        var entering = kind.EntersNewPeople() && Movers.Count == 0;
        var corrected = kind is ChangeKind.Correction or ChangeKind.ResidentCodeChange or ChangeKind.IndividualNumberChange or ChangeKind.Naturalisation
            or ChangeKind.NationalityAcquisition or ChangeKind.NationalityLoss or ChangeKind.ImmigrationNotice;
        var relationships = Relationships.Where(r => !string.IsNullOrWhiteSpace(r.Value)).Select(r => new RelationshipDto(r.Key, r.Value)).ToList();
        if (entering)
        {
            relationships.AddRange(People.Select((p, i) => (p, i)).Where(x => !string.IsNullOrWhiteSpace(x.p.Relationship) && !(HouseholdMode == "new" && $"new:{x.i}" == NewHead)).Select(x => new RelationshipDto($"new:{x.i}", x.p.Relationship)));
        }
        return new ChangeRequestDto
        {
            Basis = Basis,
            ChangeDate = ChangeDate,
            NotificationDate = NotificationDate,
            Movers = Movers,
            NewPersons = entering ? [.. People.Select(p => p.ToDto())] : [],
            NewAddress = town is null ? null : new AddressDto(DemoMunicipality.AddressCodeOf(town).Value, town.PostalCode, DemoMunicipality.AddressOf(town), Banchi, Katagaki),
            PreviousAddress = string.IsNullOrWhiteSpace(PreviousAddress) ? null : new PreviousAddressDto(PreviousAddress, HouseholdHeadName: PreviousHeadName, Unregistered: Unregistered, LastRegisteredAddress: LastRegisteredAddress),
            Destination = string.IsNullOrWhiteSpace(Destination) ? null : new DestinationDto(Destination, HouseholdHeadName: DestinationHeadName, ConfirmedMoveOutDate: ConfirmedMoveOutDate),
            JoinHousehold = HouseholdMode == "join" ? JoinHousehold : null,
            NewHead = kind == ChangeKind.HouseholdHeadChange || HouseholdMode == "new" ? NewHead : null,
            Relationships = relationships,
            Corrections = corrected ? [.. Movers.Take(1).Select(m => new CorrectionDto(m, Correction.ToDto()))] : [],
            Reason = Reason,
            MoveInNoticeDate = MoveInNoticeDate,
            RemoveFromRegister = RemoveFromRegister,
            CancelsChange = CancelsChange,
            Note = Note,
            AcknowledgedAlerts = AcknowledgedAlerts,
        };
    }
}
