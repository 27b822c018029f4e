using Jumin.Domain.Residents;

namespace Jumin.Domain.Changes;

/// <summary>世帯変更等 (j720): 世帯分離, 世帯合併, 世帯変更 and 世帯主変更 with 続柄 re-set (j730). The address does not change (j720 実装しない).</summary>
public sealed partial class ChangeDecider
{
    /// <summary>世帯分離: part of a 世帯 forms a new 世帯 at the same address.</summary>
    private void DecideSeparation(List<ResidentRecord> movers)
    {
        if (!RequireResidents(movers) || !RequireOneHousehold(movers, whole: false))
        {
            return;
        }
        if (request.JoinHousehold is not null)
        {
            Error(FindingCatalogue.SubjectState, "joinHousehold", "異動先世帯", "世帯分離では新しい世帯を作ります。既存の世帯に入るときは世帯変更としてください。");
            return;
        }
        foreach (var row in Place([.. movers.Select(m => Next(m, ChangeReason.HouseholdSeparation, r => r))]))
        {
            Append(row);
        }
        HandleHouseholdsLeft(movers);
    }

    /// <summary>世帯合併: a whole 世帯 joins another 世帯 at the same address.</summary>
    private void DecideMerger(List<ResidentRecord> movers)
    {
        if (!RequireResidents(movers) || !RequireOneHousehold(movers, whole: true))
        {
            return;
        }
        if (request.JoinHousehold is not { } join || join == movers[0].HouseholdNumber)
        {
            Error(FindingCatalogue.MissingItem, "joinHousehold", "異動先世帯", "合併先の世帯（異動者の世帯とは別の世帯）を選んでください。");
            return;
        }
        CheckAddressMatchesJoinedHousehold(AddressOf(movers[0]));
        foreach (var row in Place([.. movers.Select(m => Next(m, ChangeReason.HouseholdMerger, r => r))]))
        {
            Append(row);
        }
    }

    /// <summary>
    /// 世帯変更: part of a 世帯 joins another 世帯 at the same address; without a destination, the
    /// 続柄 within the 世帯 are changed (世帯構成変更).
    /// </summary>
    private void DecideHouseholdChange(List<ResidentRecord> movers)
    {
        if (!RequireResidents(movers) || !RequireOneHousehold(movers, whole: null))
        {
            return;
        }
        if (request.JoinHousehold is not { } join)
        {
            foreach (var m in movers)
            {
                if (request.RelationshipOf(m.AtenaNumber) is not { } relationship)
                {
                    Error(FindingCatalogue.RelationshipRule, "relationships", "続柄", $"{m.FullName}の変更後の続柄を入力してください。", m.AtenaNumber);
                    continue;
                }
                if (relationship.IsHead != (m.Relationship?.IsHead == true))
                {
                    Error(FindingCatalogue.RelationshipRule, "relationships", "続柄", "世帯主を替えるときは世帯主変更を行ってください。", m.AtenaNumber);
                    continue;
                }
                Append(Next(m, ChangeReason.HouseholdChange, r => r with { Relationship = relationship }));
            }
            return;
        }
        if (join == movers[0].HouseholdNumber)
        {
            Error(FindingCatalogue.SubjectState, "joinHousehold", "異動先世帯", "異動先世帯が異動者の今の世帯と同じです。");
            return;
        }
        if (register.Members(movers[0].HouseholdNumber).All(m => movers.Any(x => x.AtenaNumber == m.AtenaNumber)))
        {
            Error(FindingCatalogue.SubjectState, "movers", "異動者", "世帯全員が他の世帯に入るときは世帯合併としてください。");
            return;
        }
        CheckAddressMatchesJoinedHousehold(AddressOf(movers[0]));
        foreach (var row in Place([.. movers.Select(m => Next(m, ChangeReason.HouseholdChange, r => r))]))
        {
            Append(row);
        }
        HandleHouseholdsLeft(movers);
    }

    /// <summary>
    /// 世帯主変更 (j730): <see cref="ChangeRequest.NewHead"/> becomes 世帯主, listed first; every
    /// other member gets the 続柄 entered for them, or the one <see cref="RelationshipDerivation"/>
    /// derives from their 続柄 to the old 世帯主.
    /// </summary>
    private void DecideHeadChange()
    {
        if (request.NewHead is not { } newHead || register.Latest(newHead) is not { IsResident: true } head)
        {
            Error(FindingCatalogue.MissingItem, "newHead", "世帯主", "新しい世帯主（世帯員）を選んでください。");
            return;
        }
        var members = register.Members(head.HouseholdNumber);
        var oldHead = members.FirstOrDefault(m => m.Relationship?.IsHead == true);
        if (head.Relationship?.IsHead == true)
        {
            Error(FindingCatalogue.SubjectState, "newHead", "世帯主", $"{head.FullName}は既に世帯主です。");
            return;
        }
        var order = 2;
        foreach (var m in members)
        {
            var isHead = m.AtenaNumber == newHead;
            // j730: what the clerk entered, else derived from the 続柄 to the old 世帯主.
            var relationship = isHead ? Relationship.Head
                : request.RelationshipOf(m.AtenaNumber) ?? (oldHead is null ? null : RelationshipDerivation.ToNewHead(oldHead, head, m));
            if (relationship is null)
            {
                Error(FindingCatalogue.RelationshipRule, "relationships", "続柄", $"{m.FullName}の新しい世帯主（{head.FullName}）との続柄を入力してください。", m.AtenaNumber);
                continue;
            }
            if (!isHead && relationship.IsHead)
            {
                Error(FindingCatalogue.RelationshipRule, "relationships", "続柄", $"世帯主は{head.FullName}です。{m.FullName}の続柄を「世帯主」にはできません。", m.AtenaNumber);
                continue;
            }
            Append(Next(m, ChangeReason.HouseholdHeadChange, r => r with
            {
                HouseholdHeadAtenaNumber = newHead,
                HouseholdHeadName = head.FullName,
                Relationship = relationship,
                MemberOrder = isHead ? 1 : order++,
            }));
        }
    }

    /// <summary>The movers are in one 世帯; <paramref name="whole"/> says whether all (true), not all (false) or either (null) of it.</summary>
    private bool RequireOneHousehold(List<ResidentRecord> movers, bool? whole)
    {
        var households = movers.Select(m => m.HouseholdNumber).Distinct().ToList();
        if (households.Count != 1)
        {
            Error(FindingCatalogue.SubjectState, "movers", "異動者", $"{request.Kind.JapaneseName()}の異動者は同じ世帯の世帯員です（{households.Count}世帯が選ばれています）。");
            return false;
        }
        var all = register.Members(households[0]).All(m => movers.Any(x => x.AtenaNumber == m.AtenaNumber));
        if (whole == true && !all)
        {
            Error(FindingCatalogue.SubjectState, "movers", "異動者", "世帯合併では世帯全員を選んでください（一部の場合は世帯変更）。");
            return false;
        }
        if (whole == false && all)
        {
            Error(FindingCatalogue.SubjectState, "movers", "異動者", "世帯全員の世帯分離はできません。");
            return false;
        }
        return true;
    }

    /// <summary>E105: nothing can have happened to a resident before they became one.</summary>
    private void CheckNotBeforeResidence(IEnumerable<ResidentRecord> movers)
    {
        if (request.Kind is ChangeKind.MoveInNotice or ChangeKind.Cancellation || request.Kind.EntersNewPeople())
        {
            return;
        }
        foreach (var m in movers.Where(m => m.IsResident))
        {
            var since = m.Kind == ResidentKind.Foreign ? m.BecameForeignResidentOn ?? m.BecameResidentOn : m.BecameResidentOn;
            if (since is not null && since.SortKey > 0 && request.ChangeDate.SortKey > 0 && request.ChangeDate.SortKey < since.SortKey)
            {
                Error(FindingCatalogue.ChangeBeforeResidence, "changeDate", "異動日", $"異動日（{request.ChangeDate}）が{m.FullName}の住民となった日（{since}）より前です。", m.AtenaNumber);
            }
        }
    }
}
