using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;
using Jumin.Registry.Residents;
using NodaTime;

namespace Jumin.Testing;

/// <summary>Hand-made 住民票 rows for tests that need to know exactly who is in the register.</summary>
public static class Samples
{
    /// <summary>A Japanese resident, head of their own household; change what the test is about with <c>with</c>.</summary>
    public static ResidentRecord Person(long atenaSerial, long householdSerial, string family, string given, string familyKana, string givenKana, LocalDate birth) => new()
    {
        AtenaNumber = AtenaNumber.FromSerial(AtenaNumber.NextIssuableSerial(atenaSerial)),
        HistoryNumber = 1,
        ChangeReason = ChangeReason.DomesticMoveIn,
        ChangeDate = RecordedDate.FromLocalDate(new LocalDate(2020, 4, 1)),
        ProcessedAt = Instant.FromUtc(2020, 4, 1, 0, 0),
        NotificationDate = new LocalDate(2020, 4, 3),
        InputPlace = "本庁 市民課",
        InputTerminal = "TEST",
        OperatorId = "test",
        Kind = ResidentKind.Japanese,
        Status = ResidentStatus.Resident,
        FamilyName = family,
        GivenName = given,
        FamilyNameKana = familyKana,
        GivenNameKana = givenKana,
        BirthDate = RecordedDate.FromLocalDate(birth),
        Sex = Sex.Male,
        HouseholdNumber = HouseholdNumber.FromSerial(HouseholdNumber.NextIssuableSerial(householdSerial)),
        HouseholdHeadAtenaNumber = AtenaNumber.FromSerial(AtenaNumber.NextIssuableSerial(atenaSerial)),
        HouseholdHeadName = $"{family}　{given}",
        Relationship = Relationship.Head,
        MemberOrder = 1,
        AddressCode = AddressCode.Parse("03299001001"),
        PostalCode = PostalCode.Parse("0299901"),
        Address = "岩手県みどり市中央一丁目",
        Banchi = "１番１号",
        AddressEstablishedOn = RecordedDate.FromLocalDate(new LocalDate(2020, 4, 1)),
        BecameResidentOn = RecordedDate.FromLocalDate(new LocalDate(2020, 4, 1)),
        DomicileStatus = DomicileStatus.Unknown,
    };

    public static async Task AppendAsync(this TestRegistry registry, params ResidentRecord[] rows)
    {
        await using var db = registry.Node.Database.Open();
        await using var tx = await db.Database.BeginTransactionAsync();
        await ResidentWriter.AppendAsync(db, rows);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();
        await tx.CommitAsync();
    }
}
