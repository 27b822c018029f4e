using Jumin.Domain.Residents;

namespace Jumin.Domain.Changes;

/// <summary>転居 (j630), 転出 (j640–j660) and the 転入通知 that confirms a 転出 (j680, j700).</summary>
public sealed partial class ChangeDecider
{
    /// <summary>
    /// 転居: the movers take the new address. A whole 世帯 moving together keeps its 世帯番号 and
    /// 続柄 unless a destination 世帯 is given; a part of a 世帯 forms a new 世帯 or joins one (j470).
    /// </summary>
    private void DecideRelocation(List<ResidentRecord> movers)
    {
        if (!RequireResidents(movers))
        {
            return;
        }
        var address = request.NewAddress ?? JoinedHouseholdAddress();
        if (address is null)
        {
            Error(FindingCatalogue.MissingItem, "newAddress", "住所", "転居先の住所を入力してください。");
            return;
        }
        var moved = new List<ResidentRecord>();
        foreach (var m in movers)
        {
            if (SameLot(m, address) && m.Katagaki == Blank(address.Katagaki))
            {
                Alert(FindingCatalogue.SameAddress, "newAddress", "住所", $"{m.FullName}の転居先が現住所・方書と同じです。同一住所の別の家屋への転居（j630）であれば方書を確認してください。", m.AtenaNumber);
            }
            moved.Add(Next(m, ChangeReason.Relocation, r => WithAddress(r, address) with { AddressEstablishedOn = request.ChangeDate }));
        }
        CheckAddressMatchesJoinedHousehold(address);
        var wholeHousehold = request.JoinHousehold is null && request.NewHouseholdNumber is null
            && movers.Select(m => m.HouseholdNumber).Distinct().Count() == 1
            && register.Members(movers[0].HouseholdNumber).All(m => movers.Any(x => x.AtenaNumber == m.AtenaNumber));
        foreach (var row in wholeHousehold ? moved.Select(r => r with { Relationship = request.RelationshipOf(r.AtenaNumber) ?? r.Relationship }) : Place(moved))
        {
            Append(row);
        }
        HandleHouseholdsLeft(movers);
    }

    /// <summary>
    /// 転出 (j640, j650): the 住民票 becomes a 除票 with the 転出予定年月日 (which may lie ahead)
    /// and the 転出先（予定）; the 転出証明書 (j660) is produced from these rows.
    /// </summary>
    private void DecideMoveOut(List<ResidentRecord> movers)
    {
        if (!RequireResidents(movers))
        {
            return;
        }
        if (request.Destination is not { } destination || string.IsNullOrWhiteSpace(destination.Address))
        {
            Error(FindingCatalogue.MissingItem, "destination", "転出先住所（予定）", request.Kind == ChangeKind.MoveOutAbroad ? "転出先の国名・地域名を入力してください。" : "転出先住所（予定）を入力してください（市区町村までで可）。");
            return;
        }
        if (request.ChangeDate.ToLocalDate() is not { } planned)
        {
            Error(FindingCatalogue.MissingItem, "changeDate", "転出予定年月日", "転出予定年月日は暦日で入力してください。");
            return;
        }
        var reason = request.Kind == ChangeKind.MoveOutAbroad ? ChangeReason.MoveOutAbroad : ChangeReason.DomesticMoveOut;
        foreach (var m in movers)
        {
            Append(Next(m, reason, r => r with
            {
                Status = ResidentStatus.MovedOut,
                RemovalReason = reason,
                RemovalDate = request.ChangeDate,
                PlannedMoveOutDate = planned,
                PlannedDestination = destination.Address.Trim(),
                PlannedDestinationPostalCode = destination.PostalCode,
                PlannedDestinationAddressCode = destination.AddressCode,
                PlannedDestinationHouseholdHeadName = Blank(destination.HouseholdHeadName),
            }));
        }
        HandleHouseholdsLeft(movers);
    }

    /// <summary>
    /// 転入通知の受理 (j680, j700): records the 転入通知日 and the 転出先住所・転出年月日（確定） on the
    /// 除票, keeping the 予定 items as they were. Also for people removed by 職権 (実態調査).
    /// </summary>
    private void DecideMoveInNotice(List<ResidentRecord> movers)
    {
        if (!RequireResidents(movers, resident: false))
        {
            return;
        }
        foreach (var m in movers.Where(m => m.RemovalReason is not (ChangeReason.DomesticMoveOut or ChangeReason.ExOfficioRemoval)))
        {
            Error(FindingCatalogue.SubjectState, "movers", "異動者", $"{m.FullName}の消除事由は{m.RemovalReason?.JapaneseName()}です。転入通知は国内転出・職権消除の除票に受理します。", m.AtenaNumber);
        }
        if (request.Destination is not { } destination || string.IsNullOrWhiteSpace(destination.Address))
        {
            Error(FindingCatalogue.MissingItem, "destination", "転出先住所（確定）", "転入通知にある転出先住所（確定）を入力してください。");
            return;
        }
        if (request.MoveInNoticeDate is not { } noticeDate)
        {
            Error(FindingCatalogue.MissingItem, "moveInNoticeDate", "転入通知日", "転入通知日を入力してください。");
            return;
        }
        if (findings.Any(f => f.IsError))
        {
            return;
        }
        var confirmed = destination.ConfirmedMoveOutDate ?? request.ChangeDate.ToLocalDate();
        foreach (var m in movers)
        {
            Append(Next(m, ChangeReason.ExOfficioCorrection, r => r with
            {
                MoveInNoticeDate = noticeDate,
                ConfirmedMoveOutDate = confirmed,
                ConfirmedDestination = destination.Address.Trim(),
                ConfirmedDestinationPostalCode = destination.PostalCode,
                ConfirmedDestinationAddressCode = destination.AddressCode,
                ConfirmedDestinationHouseholdHeadName = Blank(destination.HouseholdHeadName),
                ChangeNote = AddNote(r.ChangeNote, "転入通知受理"),
            }, m.ChangeDate));
        }
    }
}
