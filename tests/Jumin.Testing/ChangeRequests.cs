using Jumin.Domain.Changes;
using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;
using NodaTime;

namespace Jumin.Testing;

/// <summary>Ready-made 異動 for tests. New people carry placeholder numbers; the registry issues the real ones.</summary>
public static class ChangeRequests
{
    public static AtenaNumber Placeholder(int index) => ChangeRequest.NewPersonPlaceholder(index);

    public static HouseholdNumber NewHousehold => ChangeRequest.NewHouseholdPlaceholder;

    public static AddressInput Address(string banchi, string? katagaki = null) =>
        new(AddressCode.Parse("03299001001"), PostalCode.Parse("0299901"), "岩手県みどり市中央一丁目", banchi, katagaki);

    public static PersonItems Japanese(string family, string given, string familyKana, string givenKana, Sex sex, LocalDate birth, string? individualNumber = null) => new()
    {
        Kind = ResidentKind.Japanese,
        FamilyName = family,
        GivenName = given,
        FamilyNameKana = familyKana,
        GivenNameKana = givenKana,
        Sex = sex,
        BirthDate = RecordedDate.FromLocalDate(birth),
        DomicileStatus = DomicileStatus.Recorded,
        Domicile = "岩手県盛岡市内丸１０番地",
        HeadOfFamilyRegister = $"{family}　{given}",
        IndividualNumber = individualNumber is null ? null : IndividualNumber.Parse(individualNumber),
    };

    /// <summary>A couple (世帯主 and 妻) moving in from 盛岡市 on <paramref name="date"/>, notified the same day.</summary>
    public static ChangeRequest CoupleMovesIn(LocalDate date, string family = "山田", string banchi = "１番１号", string? husbandNumber = null) => new()
    {
        Kind = ChangeKind.MoveIn,
        ChangeDate = RecordedDate.FromLocalDate(date),
        NotificationDate = date,
        NewPersons =
        [
            new(Placeholder(0), Japanese(family, "太郎", "ヤマダ", "タロウ", Sex.Male, new LocalDate(1980, 5, 5), husbandNumber)),
            new(Placeholder(1), Japanese(family, "花子", "ヤマダ", "ハナコ", Sex.Female, new LocalDate(1982, 7, 7))),
        ],
        NewAddress = Address(banchi),
        PreviousAddress = new("岩手県盛岡市内丸１番１号", HouseholdHeadName: $"{family}　太郎"),
        NewHouseholdNumber = NewHousehold,
        NewHead = Placeholder(0),
        Relationships = [new(Placeholder(1), Relationship.Parse("妻"))],
    };
}
