using Jumin.Domain.Changes;
using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;
using Jumin.Testing;
using NodaTime;

namespace Jumin.JukiNet.Tests;

/// <summary>A family of four with 住民票コード and 個人番号, registered in a test registry.</summary>
public static class Family
{
    public static readonly string[] Codes = ["10000000011", "10000000022", "10000000033", "10000000044"];

    public static LocalDate Today => SystemClock.Instance.GetCurrentInstant().InZone(JapanTime.Zone).Date;

    public static ChangeRequest MovesIn(LocalDate date)
    {
        PersonItems Person(string given, string givenKana, Sex sex, LocalDate birth, int index) =>
            ChangeRequests.Japanese("佐藤", given, "サトウ", givenKana, sex, birth, IndividualNumber.FromLeadingDigits($"2000000000{index}").Digits) with { ResidentCode = ResidentCode.Parse(Codes[index]) };
        return new ChangeRequest
        {
            Kind = ChangeKind.MoveIn,
            ChangeDate = RecordedDate.FromLocalDate(date),
            NotificationDate = date,
            NewPersons =
            [
                new(ChangeRequests.Placeholder(0), Person("一郎", "イチロウ", Sex.Male, new LocalDate(1978, 4, 1), 0)),
                new(ChangeRequests.Placeholder(1), Person("和子", "カズコ", Sex.Female, new LocalDate(1980, 9, 9), 1)),
                new(ChangeRequests.Placeholder(2), Person("健", "ケン", Sex.Male, new LocalDate(2010, 1, 20), 2)),
                new(ChangeRequests.Placeholder(3), Person("美咲", "ミサキ", Sex.Female, new LocalDate(2013, 6, 3), 3)),
            ],
            NewAddress = ChangeRequests.Address("２番３号"),
            PreviousAddress = new("岩手県盛岡市内丸１番１号", HouseholdHeadName: "佐藤　一郎"),
            NewHouseholdNumber = ChangeRequests.NewHousehold,
            NewHead = ChangeRequests.Placeholder(0),
            Relationships =
            [
                new(ChangeRequests.Placeholder(1), Relationship.Parse("妻")),
                new(ChangeRequests.Placeholder(2), Relationship.Parse("子")),
                new(ChangeRequests.Placeholder(3), Relationship.Parse("子")),
            ],
        };
    }

    /// <summary>One person moving in alone, with 住民票コード 2000000000 + <paramref name="index"/> (two digits).</summary>
    public static ChangeRequest PersonMovesIn(int index, LocalDate date) => new()
    {
        Kind = ChangeKind.MoveIn,
        ChangeDate = RecordedDate.FromLocalDate(date),
        NotificationDate = date,
        NewPersons =
        [
            new(ChangeRequests.Placeholder(0), ChangeRequests.Japanese("田中", $"次郎{index}", "タナカ", $"ジロウ{index}", Sex.Male, new LocalDate(1990, 1, 1).PlusDays(index))
                with { ResidentCode = ResidentCode.Parse($"200000000{index:D2}") }),
        ],
        NewAddress = ChangeRequests.Address($"{index + 1}番地"),
        PreviousAddress = new("岩手県盛岡市内丸１番１号", HouseholdHeadName: $"田中　次郎{index}"),
        NewHouseholdNumber = ChangeRequests.NewHousehold,
        NewHead = ChangeRequests.Placeholder(0),
    };

    /// <summary>Enters and registers a change (clerk01 enters, approver01 registers).</summary>
    public static async Task<long> RegisterAsync(TestRegistry registry, ChangeRequest request, params string[] acknowledged)
    {
        Registry.Changes.ChangeEntry entry;
        try
        {
            entry = await registry.Node.Changes.EnterAsync(await registry.OperatorAsync("clerk01"), request, acknowledged);
        }
        catch (Registry.Changes.ChangeRejectedException e)
        {
            throw new InvalidOperationException(string.Join(" / ", e.Findings.Select(f => $"{f.Code} {f.Message}")), e);
        }
        await registry.Node.Changes.RegisterAsync(await registry.OperatorAsync("approver01"), entry.Id);
        return entry.Id;
    }
}
