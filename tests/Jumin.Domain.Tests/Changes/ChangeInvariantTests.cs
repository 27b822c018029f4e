using CsCheck;
using Jumin.Domain.Changes;
using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;
using NodaTime;
using static Jumin.Domain.Tests.Changes.PaperRegister;

namespace Jumin.Domain.Tests.Changes;

/// <summary>
/// Random sequences of 異動 and 取消 — whatever the decider accepts — keep the register's
/// invariants: every resident in one 世帯, at most one 世帯主 per 世帯, 履歴番号 contiguous from 1,
/// and no row, once written, ever different.
/// </summary>
public class ChangeInvariantTests
{
    [Fact]
    public void Random_changes_and_cancellations_keep_the_register_invariants()
    {
        var accepted = new System.Collections.Concurrent.ConcurrentDictionary<ChangeKind, int>();
        Gen.Int[0, 1_000_000].Array[10, 60].Sample(steps =>
        {
            var register = new PaperRegister();
            var written = new Dictionary<(AtenaNumber, int), ResidentRecord>();
            var changes = new List<long>();
            foreach (var step in steps)
            {
                var request = NextRequest(register, step, changes);
                if (request is null)
                {
                    continue;
                }
                var (plan, id) = register.Enter(request);
                if (!plan.HasErrors)
                {
                    accepted.AddOrUpdate(request.Kind, 1, (_, n) => n + 1);
                    if (request.Kind != ChangeKind.Cancellation)
                    {
                        changes.Add(id);
                    }
                }
                AssertInvariants(register, written);
            }
        }, iter: 150);
        // The sequences must really exercise every kind, or the invariants prove little.
        Assert.All(new[] { ChangeKind.MoveIn, ChangeKind.Birth, ChangeKind.Relocation, ChangeKind.MoveOut, ChangeKind.Death, ChangeKind.HouseholdSeparation,
            ChangeKind.HouseholdHeadChange, ChangeKind.HouseholdChange, ChangeKind.HouseholdMerger, ChangeKind.Cancellation, ChangeKind.Correction },
            kind => Assert.True(accepted.GetValueOrDefault(kind) >= 10, $"{kind}: {accepted.GetValueOrDefault(kind)}件"));
    }

    private static ChangeRequest? NextRequest(PaperRegister register, int step, List<long> changes)
    {
        var residents = register.Residents.OrderBy(r => r.AtenaNumber).ToList();
        var pick = step / 16;
        var date = RecordedDate.FromLocalDate(Today);
        ResidentRecord Someone() => residents[pick % residents.Count];
        List<ResidentRecord> HouseholdOf(ResidentRecord r) => [.. residents.Where(x => x.HouseholdNumber == r.HouseholdNumber)];
        switch (residents.Count == 0 ? 0 : step % 16)
        {
            case 0 or 1 or 2:
                {
                    var people = Enumerable.Range(0, 1 + pick % 3).Select(i => new NewPerson(register.NewAtena(),
                        Japanese("田中", $"名{pick}_{i}", "タナカ", "ナ", i % 2 == 0 ? Sex.Male : Sex.Female, new LocalDate(1960 + pick % 50, 1 + i, 1)))).ToList();
                    return new ChangeRequest
                    {
                        Kind = ChangeKind.MoveIn,
                        ChangeDate = date,
                        NotificationDate = Today,
                        NewPersons = people,
                        NewAddress = Address($"{pick % 7}番"),
                        PreviousAddress = new("青森県弘前市"),
                        NewHouseholdNumber = register.NewHousehold(),
                        NewHead = people[0].AtenaNumber,
                        Relationships = [.. people.Skip(1).Select(p => new RelationshipInput(p.AtenaNumber, Relationship.Parse("子")))],
                    };
                }
            case 3:
                {
                    var child = register.NewAtena();
                    return new ChangeRequest
                    {
                        Kind = ChangeKind.Birth,
                        Basis = ChangeBasis.FamilyRegisterNotice,
                        ChangeDate = date,
                        NotificationDate = Today,
                        NewPersons = [new(child, new PersonItems { FamilyName = "田中", GivenName = "子", FamilyNameKana = "タナカ", GivenNameKana = "コ", Sex = Sex.Female })],
                        JoinHousehold = Someone().HouseholdNumber,
                        Relationships = [new(child, Relationship.Parse("子"))],
                    };
                }
            case 4:
                return new ChangeRequest { Kind = ChangeKind.Relocation, ChangeDate = date, NotificationDate = Today, Movers = [.. HouseholdOf(Someone()).Select(r => r.AtenaNumber)], NewAddress = Address($"{pick % 5}番{pick % 3}号") };
            case 5:
                {
                    var mover = Someone();
                    return new ChangeRequest { Kind = ChangeKind.Relocation, ChangeDate = date, NotificationDate = Today, Movers = [mover.AtenaNumber], NewAddress = Address($"{pick % 9}番"), NewHouseholdNumber = register.NewHousehold(), NewHead = mover.AtenaNumber };
                }
            case 6:
                return new ChangeRequest { Kind = ChangeKind.MoveOut, ChangeDate = date, NotificationDate = Today, Movers = [Someone().AtenaNumber], Destination = new("宮城県仙台市") };
            case 7:
                return new ChangeRequest { Kind = ChangeKind.Death, Basis = ChangeBasis.FamilyRegisterNotice, ChangeDate = date, NotificationDate = Today, Movers = [Someone().AtenaNumber] };
            case 8:
                {
                    var mover = Someone();
                    return new ChangeRequest { Kind = ChangeKind.HouseholdSeparation, ChangeDate = date, NotificationDate = Today, Movers = [mover.AtenaNumber], NewHouseholdNumber = register.NewHousehold(), NewHead = mover.AtenaNumber };
                }
            case 9:
                {
                    var head = Someone();
                    return new ChangeRequest
                    {
                        Kind = ChangeKind.HouseholdHeadChange,
                        ChangeDate = date,
                        NotificationDate = Today,
                        NewHead = head.AtenaNumber,
                        Relationships = [.. HouseholdOf(head).Where(m => m.AtenaNumber != head.AtenaNumber).Select(m => new RelationshipInput(m.AtenaNumber, Relationship.Relative))],
                    };
                }
            case 10:
                {
                    var mover = Someone();
                    // 世帯変更 is between 世帯 at the same address: look for one there first.
                    var sameAddress = residents.Where(r => r.HouseholdNumber != mover.HouseholdNumber && r.Address == mover.Address && r.Banchi == mover.Banchi).ToList();
                    var target = sameAddress.Count > 0 ? sameAddress[pick / 7 % sameAddress.Count] : residents[pick / 7 % residents.Count];
                    return new ChangeRequest { Kind = ChangeKind.HouseholdChange, ChangeDate = date, NotificationDate = Today, Movers = [mover.AtenaNumber], JoinHousehold = target.HouseholdNumber, Relationships = [new(mover.AtenaNumber, Relationship.Lodger)] };
                }
            case 11:
                {
                    var household = HouseholdOf(Someone());
                    var sameAddress = residents.Where(r => r.HouseholdNumber != household[0].HouseholdNumber && r.Address == household[0].Address && r.Banchi == household[0].Banchi).ToList();
                    var target = sameAddress.Count > 0 ? sameAddress[pick / 7 % sameAddress.Count] : residents[pick / 7 % residents.Count];
                    return new ChangeRequest { Kind = ChangeKind.HouseholdMerger, ChangeDate = date, NotificationDate = Today, Movers = [.. household.Select(m => m.AtenaNumber)], JoinHousehold = target.HouseholdNumber, Relationships = [.. household.Select(m => new RelationshipInput(m.AtenaNumber, Relationship.Relative))] };
                }
            case 12 or 13 or 14 when changes.Count > 0:
                return new ChangeRequest { Kind = ChangeKind.Cancellation, Basis = ChangeBasis.ExOfficio, ChangeDate = date, CancelsChange = changes[^(1 + pick % Math.Min(3, changes.Count))] };
            default:
                {
                    var mover = Someone();
                    return new ChangeRequest { Kind = ChangeKind.Correction, Basis = ChangeBasis.ExOfficio, ChangeDate = date, Movers = [mover.AtenaNumber], Corrections = [new(mover.AtenaNumber, new PersonItems { GivenName = $"改{pick}" })] };
                }
        }
    }

    private static void AssertInvariants(PaperRegister register, Dictionary<(AtenaNumber, int), ResidentRecord> written)
    {
        foreach (var (atena, rows) in register.History)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                Assert.Equal(i + 1, rows[i].HistoryNumber);
                Assert.Equal(atena, rows[i].AtenaNumber);
                if (written.TryGetValue((atena, i + 1), out var seen))
                {
                    Assert.Equal(seen, rows[i]);
                }
                else
                {
                    written[(atena, i + 1)] = rows[i];
                }
            }
        }
        foreach (var household in register.Residents.GroupBy(r => r.HouseholdNumber))
        {
            var heads = household.Where(r => r.Relationship?.IsHead == true).ToList();
            Assert.True(heads.Count <= 1, $"世帯{household.Key}に世帯主が{heads.Count}人");
            Assert.All(heads, h => Assert.Equal(h.AtenaNumber, h.HouseholdHeadAtenaNumber));
            Assert.Equal(household.Count(), household.Select(r => r.AtenaNumber).Distinct().Count());
        }
    }
}
