using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;

namespace Jumin.Domain.Changes;

/// <summary>How the plan grows row by row, and the 世帯 bookkeeping every kind shares (世帯主, 続柄, 世帯員の順; j470, j490).</summary>
public sealed partial class ChangeDecider
{
    /// <summary>The person's row as the plan leaves it so far (a person may get two rows, e.g. 帰化).</summary>
    private ResidentRecord? Current(AtenaNumber atena) =>
        rows.LastOrDefault(r => r.After.AtenaNumber == atena)?.After ?? register.Latest(atena);

    private bool Planned(AtenaNumber atena) => rows.Any(r => r.After.AtenaNumber == atena);

    private void Append(ResidentRecord after)
    {
        if (after.IsResident && after.Relationship?.IsHead == true && after.HouseholdHeadAtenaNumber == after.AtenaNumber)
        {
            // A 世帯主's own 世帯主の氏名 is their name, whatever changed it.
            after = after with { HouseholdHeadName = after.FullName };
        }
        var before = rows.LastOrDefault(r => r.After.AtenaNumber == after.AtenaNumber)?.After ?? register.Latest(after.AtenaNumber);
        rows.Add(new(before, after));
    }

    /// <summary>The next row of a person, with this 異動's 異動日, 届出日, 留意事項 and 異動番号.</summary>
    private ResidentRecord Next(ResidentRecord current, ChangeReason reason, Func<ResidentRecord, ResidentRecord> change, RecordedDate? changeDate = null) =>
        current.Next(reason, changeDate ?? request.ChangeDate, context.Now, context.Place, context.Terminal, context.OperatorId, r => change(r with
        {
            ChangeId = context.ChangeId,
            NotificationDate = request.Basis == ChangeBasis.ExOfficio ? null : request.NotificationDate,
            ChangeNote = Blank(request.Note),
        }));

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? AddNote(string? note, string text) => note is null ? text : $"{note}　{text}";

    /// <summary>Optional text: null leaves the item, an empty string clears it.</summary>
    private static string? Text(string? input, string? current) => input is null ? current : Blank(input);

    /// <summary>Sets every item the clerk entered.</summary>
    private static ResidentRecord Apply(ResidentRecord r, PersonItems? i) => i is null ? r : r with
    {
        Kind = i.Kind ?? r.Kind,
        FamilyName = i.FamilyName?.Trim() ?? r.FamilyName,
        GivenName = i.GivenName?.Trim() ?? r.GivenName,
        FamilyNameKana = i.FamilyNameKana?.Trim() ?? r.FamilyNameKana,
        GivenNameKana = i.GivenNameKana?.Trim() ?? r.GivenNameKana,
        NameKanaConfirmed = i.NameKanaConfirmed ?? r.NameKanaConfirmed,
        AlphabetName = Text(i.AlphabetName, r.AlphabetName),
        BirthDate = i.BirthDate ?? r.BirthDate,
        Sex = i.Sex ?? r.Sex,
        DomicileStatus = i.DomicileStatus ?? (i.Domicile is { Length: > 0 } ? DomicileStatus.Recorded : r.DomicileStatus),
        Domicile = Text(i.Domicile, r.Domicile),
        HeadOfFamilyRegister = Text(i.HeadOfFamilyRegister, r.HeadOfFamilyRegister),
        FormerSurname = Text(i.FormerSurname, r.FormerSurname),
        FormerSurnameKana = Text(i.FormerSurnameKana, r.FormerSurnameKana),
        Alias = Text(i.Alias, r.Alias),
        AliasKana = Text(i.AliasKana, r.AliasKana),
        Nationality = Text(i.Nationality, r.Nationality),
        Article3045Category = i.Article3045Category ?? r.Article3045Category,
        StatusOfResidence = Text(i.StatusOfResidence, r.StatusOfResidence),
        PeriodOfStay = Text(i.PeriodOfStay, r.PeriodOfStay),
        PeriodOfStayExpiresOn = i.PeriodOfStayExpiresOn ?? r.PeriodOfStayExpiresOn,
        ResidenceCardNumber = i.ResidenceCardNumber ?? r.ResidenceCardNumber,
        ResidentCode = i.ResidentCode ?? r.ResidentCode,
        IndividualNumber = i.IndividualNumber ?? r.IndividualNumber,
        Katagaki = Text(i.Katagaki, r.Katagaki),
        Remarks = Text(i.Remarks, r.Remarks),
        DeFactoHouseholdHeadName = Text(i.DeFactoHouseholdHeadName, r.DeFactoHouseholdHeadName),
    };

    private static ResidentRecord WithAddress(ResidentRecord r, AddressInput a) => r with
    {
        AddressCode = a.AddressCode,
        PostalCode = a.PostalCode,
        Address = a.Address.Trim(),
        Banchi = a.Banchi.Trim(),
        Katagaki = Blank(a.Katagaki),
        DistrictCode = Blank(a.DistrictCode),
    };

    private static AddressInput AddressOf(ResidentRecord r) => new(r.AddressCode, r.PostalCode, r.Address, r.Banchi, r.Katagaki, r.DistrictCode);

    private static bool SameLot(ResidentRecord r, AddressInput a) => r.AddressCode == a.AddressCode && r.Address == a.Address.Trim() && r.Banchi == a.Banchi.Trim();

    // ── Households (j470, j490) ──────────────────────────────────────────────

    /// <summary>The 世帯主 of a 世帯 as recorded on its members.</summary>
    private static (AtenaNumber? Atena, string? Name) HeadOf(List<ResidentRecord> members)
    {
        var head = members.FirstOrDefault(m => m.Relationship?.IsHead == true);
        return head is not null ? (head.AtenaNumber, head.FullName) : members.Count > 0 ? (members[0].HouseholdHeadAtenaNumber, members[0].HouseholdHeadName) : (null, null);
    }

    /// <summary>
    /// 異動先世帯 (j470): the movers join an existing 世帯 (一部) when <see cref="ChangeRequest.JoinHousehold"/>
    /// is given, else form a new one (全部) with <see cref="ChangeRequest.NewHead"/> as 世帯主.
    /// </summary>
    private List<ResidentRecord> Place(List<ResidentRecord> people)
    {
        var atenas = people.Select(p => p.AtenaNumber).ToHashSet();
        if (request.JoinHousehold is { } join)
        {
            var members = register.Members(join).Where(m => !atenas.Contains(m.AtenaNumber)).ToList();
            if (members.Count == 0)
            {
                Error(FindingCatalogue.HouseholdWithoutMembers, "joinHousehold", "異動先世帯", $"世帯番号{join}の世帯には世帯員がいません。新しい世帯として入力してください。");
                return people;
            }
            var (headAtena, headName) = HeadOf(members);
            if (request.NewHead is { } newHead && newHead != headAtena)
            {
                Error(FindingCatalogue.TwoHeads, "newHead", "世帯主", $"世帯番号{join}の世帯には世帯主（{headName}）がいます。世帯主を替えるときは世帯主変更を行ってください。");
            }
            var order = members.Max(m => m.MemberOrder);
            return [.. people.Select(p =>
            {
                var relationship = request.RelationshipOf(p.AtenaNumber);
                if (headAtena is not null && relationship is null)
                {
                    Error(FindingCatalogue.RelationshipRule, "relationships", "続柄", $"{p.FullName}の世帯主（{headName}）との続柄を入力してください。", p.AtenaNumber);
                }
                else if (relationship?.IsHead == true)
                {
                    Error(FindingCatalogue.RelationshipRule, "relationships", "続柄", $"世帯番号{join}の世帯には既に世帯主（{headName}）がいます。{p.FullName}の続柄を「世帯主」にはできません。", p.AtenaNumber);
                }
                return p with { HouseholdNumber = join, HouseholdHeadAtenaNumber = headAtena, HouseholdHeadName = headName, Relationship = relationship, MemberOrder = ++order };
            })];
        }
        if (request.NewHouseholdNumber is not { } number)
        {
            Error(FindingCatalogue.MissingItem, "joinHousehold", "異動先世帯", "異動先世帯（既存の世帯番号）を選ぶか、新しい世帯としてください。");
            return people;
        }
        var head = people.FirstOrDefault(p => p.AtenaNumber == request.NewHead);
        if (head is null)
        {
            Error(FindingCatalogue.MissingItem, "newHead", "世帯主", "新しい世帯の世帯主を異動者から選んでください。");
            return people;
        }
        var next = 1;
        return [.. people.OrderBy(p => p.AtenaNumber == head.AtenaNumber ? 0 : 1).Select(p =>
        {
            var isHead = p.AtenaNumber == head.AtenaNumber;
            var relationship = isHead ? Relationship.Head : request.RelationshipOf(p.AtenaNumber);
            if (!isHead && relationship is null)
            {
                Error(FindingCatalogue.RelationshipRule, "relationships", "続柄", $"{p.FullName}の世帯主（{head.FullName}）との続柄を入力してください。", p.AtenaNumber);
            }
            else if (!isHead && relationship!.IsHead)
            {
                Error(FindingCatalogue.RelationshipRule, "relationships", "続柄", $"世帯主は{head.FullName}です。{p.FullName}の続柄を「世帯主」にはできません。", p.AtenaNumber);
            }
            return p with { HouseholdNumber = number, HouseholdHeadAtenaNumber = head.AtenaNumber, HouseholdHeadName = head.FullName, Relationship = relationship, MemberOrder = next++ };
        })];
    }

    /// <summary>
    /// 世帯主不在となる場合 (j490): when the 世帯主 leaves, one remaining member becomes 世帯主 by
    /// 職権 (世帯主変更通知書); two or more get an alert to do 世帯主変更 first and the
    /// 世帯主変更依頼通知書 (j500), addressed to the first remaining member in 並び順.
    /// </summary>
    private void HandleHouseholdsLeft(IEnumerable<ResidentRecord> leavers)
    {
        foreach (var group in leavers.Where(l => l.IsResident).GroupBy(l => l.HouseholdNumber))
        {
            var stillThere = rows.Where(r => r.After.IsResident && r.After.HouseholdNumber == group.Key).Select(r => r.After.AtenaNumber).ToHashSet();
            var headLeft = group.Any(l => l.Relationship?.IsHead == true && !stillThere.Contains(l.AtenaNumber));
            if (!headLeft)
            {
                continue;
            }
            var remaining = register.Members(group.Key).Where(m => !Planned(m.AtenaNumber)).ToList();
            if (remaining.Count == 0)
            {
                continue;
            }
            var first = remaining[0];
            var names = remaining.Select(m => m.FullName).ToList();
            if (remaining.Count == 1)
            {
                Append(Next(first, ChangeReason.HouseholdHeadChange, r => r with
                {
                    HouseholdHeadAtenaNumber = r.AtenaNumber,
                    HouseholdHeadName = r.FullName,
                    Relationship = Relationship.Head,
                    MemberOrder = 1,
                    NotificationDate = null,
                    ChangeNote = AddNote(r.ChangeNote, "世帯主不在のため職権で世帯主とした"),
                }));
                Alert(FindingCatalogue.RemainingMemberBecomesHead, "movers", "世帯主", $"世帯主が世帯からいなくなるため、残る世帯員{first.FullName}を職権で世帯主とします（世帯主変更通知書を出力します）。", first.AtenaNumber);
                notices.Add(new(group.Key, first.AtenaNumber, first.FullName, $"{first.Address}{first.Banchi}{first.Katagaki}", true, names));
            }
            else
            {
                Alert(FindingCatalogue.HeadLeavesHousehold, "movers", "世帯主", $"世帯主が世帯からいなくなり、世帯員{remaining.Count}人（{string.Join("、", names)}）が残ります。この異動の前に世帯主変更を行うか、続けて世帯主変更依頼通知書を出力してください。", first.AtenaNumber);
                notices.Add(new(group.Key, first.AtenaNumber, first.FullName, $"{first.Address}{first.Banchi}{first.Katagaki}", false, names));
            }
        }
    }
}
