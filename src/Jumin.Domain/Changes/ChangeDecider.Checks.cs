using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;

namespace Jumin.Domain.Changes;

/// <summary>The checks run over every planned row, whatever the kind of 異動 (j1440).</summary>
public sealed partial class ChangeDecider
{
    private void CheckRows()
    {
        foreach (var (before, after) in rows)
        {
            CheckBirthDate(before, after);
            foreach (var e in ResidentRules.Check(after))
            {
                Error(FindingCatalogue.RecordRule, e.Field, e.FieldLabel, $"{after.FullName}：{e.Error.Message}", after.AtenaNumber);
            }
            if (register.LockedByOthers.TryGetValue(after.AtenaNumber, out var holder))
            {
                Error(FindingCatalogue.LockedByOther, "movers", "異動者", $"{after.FullName}（{after.AtenaNumber}）は{holder}。閲覧はできますが、異動は入力できません。", after.AtenaNumber);
            }
            if (register.Pending.Contains(after.AtenaNumber))
            {
                Error(FindingCatalogue.PendingChange, "movers", "異動者", $"{after.FullName}（{after.AtenaNumber}）には仮登録中の異動があります。先にその異動を本登録するか取り下げてください。", after.AtenaNumber);
            }
            if (after.ChangeReason == ChangeReason.Relocation && before is not null && ChangesMoreThanAddress(before, after))
            {
                Error(FindingCatalogue.RelocationChangesOtherItems, "changeReason", "異動事由", $"{after.FullName}：転居で変えられるのは住所と世帯の記載だけです。他の記載事項は修正で変更してください。", after.AtenaNumber);
            }
            CheckRelationshipSex(after);
            CheckIdentifiers(before, after);
        }
        CheckHouseholds();
    }

    /// <summary>E103: a 転居 row must equal the previous row except for 住所, 世帯 and the 異動履歴 items.</summary>
    public static bool ChangesMoreThanAddress(ResidentRecord before, ResidentRecord after) =>
        WithAddress(WithChangeItemsOf(before, after), AddressOf(after)) with
        {
            AddressEstablishedOn = after.AddressEstablishedOn,
            HouseholdNumber = after.HouseholdNumber,
            HouseholdHeadAtenaNumber = after.HouseholdHeadAtenaNumber,
            HouseholdHeadName = after.HouseholdHeadName,
            Relationship = after.Relationship,
            MemberOrder = after.MemberOrder,
        } != after;

    /// <summary>True when nothing but the 異動履歴 items differ.</summary>
    private static bool SameItems(ResidentRecord before, ResidentRecord after) => WithChangeItemsOf(before, after) == after;

    /// <summary>The row with the 異動履歴 items (j200: 履歴番号, 異動事由, 異動日, 処理日 …) of another, for comparing the 記載事項 alone.</summary>
    private static ResidentRecord WithChangeItemsOf(ResidentRecord row, ResidentRecord source) => row with
    {
        HistoryNumber = source.HistoryNumber,
        ChangeReason = source.ChangeReason,
        ChangeDate = source.ChangeDate,
        ProcessedAt = source.ProcessedAt,
        NotificationDate = source.NotificationDate,
        InputPlace = source.InputPlace,
        InputTerminal = source.InputTerminal,
        OperatorId = source.OperatorId,
        ChangeNote = source.ChangeNote,
        ChangeId = source.ChangeId,
    };

    private static readonly HashSet<string> MaleTerms = new(StringComparer.Ordinal) { "夫", "夫（未届）", "父", "兄", "弟" };
    private static readonly HashSet<string> FemaleTerms = new(StringComparer.Ordinal) { "妻", "妻（未届）", "母", "姉", "妹" };

    private void CheckRelationshipSex(ResidentRecord r)
    {
        if (!r.IsResident || r.Relationship is not { } rel || rel.Chain.Count == 0)
        {
            return;
        }
        var last = rel.Chain[^1];
        if ((MaleTerms.Contains(last) && r.Sex != Sex.Male) || (FemaleTerms.Contains(last) && r.Sex != Sex.Female))
        {
            Alert(FindingCatalogue.RelationshipSex, "relationships", "続柄", $"{r.FullName}の続柄「{rel}」と性別（{r.Sex.Japanese()}）が合いません。", r.AtenaNumber);
        }
    }

    /// <summary>E108: a 個人番号, 住民票コード or 在留カード等番号 belongs to one person only.</summary>
    private void CheckIdentifiers(ResidentRecord? before, ResidentRecord after)
    {
        if (findings.Any(f => f.AtenaNumber == after.AtenaNumber && (f.Rule == FindingCatalogue.AlreadyResident || f.Rule == FindingCatalogue.ReturningResidentNotChosen)))
        {
            return;
        }
        foreach (var other in register.All.Where(o => o.AtenaNumber != after.AtenaNumber))
        {
            if (after.IndividualNumber is not null && after.IndividualNumber != before?.IndividualNumber && after.IndividualNumber == other.IndividualNumber)
            {
                Error(FindingCatalogue.DuplicateIdentifier, "individualNumber", "個人番号", $"{after.FullName}の個人番号は既に宛名番号{other.AtenaNumber}の者に記載されています。", after.AtenaNumber);
            }
            if (after.ResidentCode is not null && after.ResidentCode != before?.ResidentCode && after.ResidentCode == other.ResidentCode)
            {
                Error(FindingCatalogue.DuplicateIdentifier, "residentCode", "住民票コード", $"{after.FullName}の住民票コード{after.ResidentCode}は既に宛名番号{other.AtenaNumber}の者に記載されています。", after.AtenaNumber);
            }
            if (after.ResidenceCardNumber is not null && after.ResidenceCardNumber != before?.ResidenceCardNumber && after.ResidenceCardNumber == other.ResidenceCardNumber && other.IsResident)
            {
                Error(FindingCatalogue.DuplicateIdentifier, "residenceCardNumber", "在留カード等番号", $"{after.FullName}の在留カード等番号は既に宛名番号{other.AtenaNumber}の住民に記載されています。", after.AtenaNumber);
            }
        }
    }

    /// <summary>E113: at most one 世帯主 in each 世帯 the change touches.</summary>
    private void CheckHouseholds()
    {
        var finals = rows.GroupBy(r => r.After.AtenaNumber).Select(g => g.Last().After).ToList();
        var touched = rows.SelectMany(r => new[] { r.Before?.HouseholdNumber, r.After.HouseholdNumber }).OfType<HouseholdNumber>().Distinct();
        foreach (var household in touched)
        {
            var members = register.Members(household).Where(m => !Planned(m.AtenaNumber))
                .Concat(finals.Where(f => f.IsResident && f.HouseholdNumber == household)).ToList();
            var heads = members.Where(m => m.Relationship?.IsHead == true).ToList();
            if (heads.Count > 1)
            {
                Error(FindingCatalogue.TwoHeads, "relationships", "続柄", $"世帯番号{household}の世帯に世帯主が{heads.Count}人います（{string.Join("、", heads.Select(h => h.FullName))}）。", heads[^1].AtenaNumber);
            }
        }
    }
}
