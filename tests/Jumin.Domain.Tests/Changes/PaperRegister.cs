using Jumin.Domain.Changes;
using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;
using NodaTime;

namespace Jumin.Domain.Tests.Changes;

/// <summary>
/// A register held in memory, for deciding 異動 without a database: it numbers people, 世帯 and
/// changes like the registry does, and appends plans the way ResidentWriter does (contiguous,
/// never rewriting a row).
/// </summary>
internal sealed class PaperRegister
{
    public static readonly LocalDate Today = new(2026, 11, 29);

    /// <summary>The municipality of this register: every 住所コード it records begins with 03299.</summary>
    public static readonly LocalGovernmentCode Municipality = LocalGovernmentCode.Parse("03299");

    private readonly Dictionary<AtenaNumber, List<ResidentRecord>> history = [];
    private long atenaSerial = 100;
    private long householdSerial = 500;
    private long changeId;

    public IReadOnlyDictionary<AtenaNumber, List<ResidentRecord>> History => history;

    public IEnumerable<ResidentRecord> Latest => history.Values.Select(h => h[^1]);

    public IEnumerable<ResidentRecord> Residents => Latest.Where(r => r.IsResident);

    public ResidentRecord this[AtenaNumber atena] => history[atena][^1];

    public AtenaNumber NewAtena() => AtenaNumber.FromSerial(atenaSerial = AtenaNumber.NextIssuableSerial(atenaSerial + 1));

    public HouseholdNumber NewHousehold() => HouseholdNumber.FromSerial(householdSerial = HouseholdNumber.NextIssuableSerial(householdSerial + 1));

    public static RecordedDate Day(int y, int m, int d) => RecordedDate.FromLocalDate(new LocalDate(y, m, d));

    public static AddressInput Address(string banchi, string? katagaki = null) =>
        new(AddressCode.Parse("03299001001"), PostalCode.Parse("0299901"), "岩手県みどり市中央一丁目", banchi, katagaki);

    public static PersonItems Japanese(string family, string given, string familyKana, string givenKana, Sex sex, LocalDate birth, string? number = null) => new()
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
        IndividualNumber = number is null ? null : IndividualNumber.Parse(number),
    };

    public ChangePlan Decide(ChangeRequest request, long? id = null, ShownIdentifiers shown = ShownIdentifiers.None)
    {
        var cancelled = request.CancelsChange is { } c
            ? history.Values.SelectMany(h => h).Where(r => r.ChangeId == c).ToList()
            : [];
        var before = cancelled.GroupBy(r => r.AtenaNumber)
            .Select(g => history[g.Key].LastOrDefault(r => r.HistoryNumber == g.Min(x => x.HistoryNumber) - 1))
            .OfType<ResidentRecord>();
        var snapshot = new RegisterSnapshot(Latest, cancelledChangeRows: cancelled, rowsBeforeCancelledChange: before);
        var now = Instant.FromUtc(2026, 11, 29, 1, 0);
        return ChangeDecider.Decide(request, snapshot, new ChangeContext(Today, now, "本庁 市民課", "TEST-01", "clerk01", id ?? changeId + 1, Municipality, shown));
    }

    /// <summary>Decides and, when there is no error, appends the rows; returns the plan and the 異動番号.</summary>
    public (ChangePlan Plan, long ChangeId) Enter(ChangeRequest request)
    {
        var plan = Decide(request, changeId + 1);
        if (!plan.HasErrors)
        {
            changeId++;
            Apply(plan);
        }
        return (plan, changeId);
    }

    public void Apply(ChangePlan plan)
    {
        foreach (var row in plan.NewRows)
        {
            var list = history.TryGetValue(row.AtenaNumber, out var l) ? l : history[row.AtenaNumber] = [];
            if (row.HistoryNumber != list.Count + 1)
            {
                throw new InvalidOperationException($"履歴番号が連番になりません: {row.AtenaNumber} {row.HistoryNumber}");
            }
            list.Add(row);
        }
    }

    /// <summary>A 世帯 of two moved in from 盛岡市 on 2025-04-01: 世帯主 and 妻.</summary>
    public (AtenaNumber Head, AtenaNumber Wife, HouseholdNumber Household) CoupleMovesIn(string banchi = "１番１号")
    {
        var head = NewAtena();
        var wife = NewAtena();
        var household = NewHousehold();
        var (plan, _) = Enter(new ChangeRequest
        {
            Kind = ChangeKind.MoveIn,
            ChangeDate = Day(2025, 4, 1),
            NotificationDate = new LocalDate(2025, 4, 3),
            NewPersons =
            [
                new(head, Japanese("山田", "太郎", "ヤマダ", "タロウ", Sex.Male, new LocalDate(1980, 5, 5))),
                new(wife, Japanese("山田", "花子", "ヤマダ", "ハナコ", Sex.Female, new LocalDate(1982, 7, 7))),
            ],
            NewAddress = Address(banchi),
            PreviousAddress = new("岩手県盛岡市内丸１番１号", HouseholdHeadName: "山田　太郎"),
            NewHouseholdNumber = household,
            NewHead = head,
            Relationships = [new(wife, Relationship.Parse("妻"))],
        });
        Assert.False(plan.HasErrors, string.Join("\n", plan.Errors.Select(e => e.Message)));
        return (head, wife, household);
    }

    public AtenaNumber ChildBorn(HouseholdNumber household, string given, Sex sex, LocalDate birth)
    {
        var child = NewAtena();
        var (plan, _) = Enter(new ChangeRequest
        {
            Kind = ChangeKind.Birth,
            Basis = ChangeBasis.FamilyRegisterNotice,
            ChangeDate = RecordedDate.FromLocalDate(birth),
            NotificationDate = birth.PlusDays(7) > Today ? Today : birth.PlusDays(7),
            NewPersons = [new(child, new PersonItems { FamilyName = "山田", GivenName = given, FamilyNameKana = "ヤマダ", GivenNameKana = "ジロウ", Sex = sex })],
            JoinHousehold = household,
            Relationships = [new(child, Relationship.Parse("子"))],
        });
        Assert.False(plan.HasErrors, string.Join("\n", plan.Errors.Select(e => e.Message)));
        return child;
    }
}
