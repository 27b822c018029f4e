using Jumin.Domain.Dates;
using Jumin.Domain.Residents;

namespace Jumin.Domain.Changes;

/// <summary>People entering the register: 転入 (j590–j620), 職権記載 (j800), 法第30条の46・47 (j910, j920), 出生 (j810).</summary>
public sealed partial class ChangeDecider
{
    private ChangeReason EntryReason => request.Kind switch
    {
        ChangeKind.MoveIn => ChangeReason.DomesticMoveIn,
        ChangeKind.ExOfficioEntry => ChangeReason.ExOfficioEntry,
        _ => ChangeReason.MoveInFromAbroad,
    };

    private void DecideEntry(List<ResidentRecord> returning)
    {
        var reason = EntryReason;
        var foreignOnly = request.Kind is ChangeKind.Article3046MoveIn or ChangeKind.Article3047Notification;
        if (foreignOnly && returning.Count > 0)
        {
            Error(FindingCatalogue.SubjectState, "movers", "異動者", $"{request.Kind.JapaneseName()}は住民基本台帳に記録されていない外国人を記載します。");
            return;
        }
        // 再転入 (j600): the 除票's items are taken over and the 宛名番号 is kept.
        if (returning.Any(r => r.IsResident))
        {
            foreach (var r in returning.Where(r => r.IsResident))
            {
                Error(FindingCatalogue.AlreadyResident, "movers", "異動者", $"{r.FullName}（{r.AtenaNumber}）は既に住民です。{request.Kind.JapaneseName()}はできません。", r.AtenaNumber);
            }
            return;
        }
        var address = request.NewAddress ?? JoinedHouseholdAddress();
        if (address is null)
        {
            Error(FindingCatalogue.MissingItem, "newAddress", "住所", "転入先の住所を入力してください。");
            return;
        }
        if (request.Kind == ChangeKind.MoveIn && request.PreviousAddress is null)
        {
            Error(FindingCatalogue.MissingItem, "previousAddress", "転入前住所", "国内転入では転入前住所を入力してください。");
        }

        var people = new List<ResidentRecord>();
        foreach (var r in returning)
        {
            people.Add(Next(r, reason, x => EntryItems(Apply(x with
            {
                Status = ResidentStatus.Resident,
                RemovalReason = null,
                RemovalDate = null,
                PlannedMoveOutDate = null,
                PlannedDestination = null,
                PlannedDestinationPostalCode = null,
                PlannedDestinationAddressCode = null,
                PlannedDestinationHouseholdHeadName = null,
                ConfirmedMoveOutDate = null,
                ConfirmedDestination = null,
                ConfirmedDestinationPostalCode = null,
                ConfirmedDestinationAddressCode = null,
                ConfirmedDestinationHouseholdHeadName = null,
                MoveInNoticeDate = null,
            }, request.CorrectionOf(r.AtenaNumber)), address)));
        }
        foreach (var p in request.NewPersons)
        {
            var row = EntryItems(NewRecord(p, reason, address), address);
            if (foreignOnly && row.Kind != ResidentKind.Foreign)
            {
                Error(FindingCatalogue.SubjectState, "kind", "住民種別", $"{request.Kind.JapaneseName()}は外国人住民の記載です。", p.AtenaNumber);
            }
            if (request.Kind == ChangeKind.Article3047Notification)
            {
                row = row with { ChangeNote = AddNote(row.ChangeNote, "法第30条の47の届出") };
            }
            CheckNotAlreadyRegistered(row);
            people.Add(row);
        }
        CheckAddressMatchesJoinedHousehold(address);
        foreach (var placed in Place(people))
        {
            Append(placed);
        }
    }

    /// <summary>出生 (j810): the child enters the 世帯 (usually the parents'), born on the 異動日.</summary>
    private void DecideBirth()
    {
        if (request.NewPersons.Count == 0)
        {
            Error(FindingCatalogue.MissingItem, "newPersons", "出生者", "出生者の氏名・性別などを入力してください。");
            return;
        }
        var address = request.NewAddress ?? JoinedHouseholdAddress();
        if (address is null)
        {
            Error(FindingCatalogue.MissingItem, "joinHousehold", "異動先世帯", "出生者が入る世帯を選ぶか、住所を入力してください。");
            return;
        }
        var head = request.JoinHousehold is { } join ? HeadRowOf(register.Members(join)) : null;
        var people = new List<ResidentRecord>();
        foreach (var p in request.NewPersons)
        {
            var items = p.Items with { BirthDate = p.Items.BirthDate ?? request.ChangeDate };
            if (items.BirthDate != request.ChangeDate)
            {
                Error(FindingCatalogue.SubjectState, "changeDate", "異動日", "出生の異動日は生年月日と同じ日です。", p.AtenaNumber);
            }
            // j770: the 戸籍の表示 may be quoted from the 世帯 when the notice does not give it.
            if ((items.Kind ?? ResidentKind.Japanese) == ResidentKind.Japanese && items.DomicileStatus is null && items.Domicile is null && head is { Kind: ResidentKind.Japanese })
            {
                items = items with { DomicileStatus = head.DomicileStatus, Domicile = head.Domicile ?? string.Empty, HeadOfFamilyRegister = head.HeadOfFamilyRegister ?? string.Empty };
            }
            var row = EntryItems(NewRecord(p with { Items = items }, ChangeReason.Birth, address), address);
            CheckNotAlreadyRegistered(row);
            people.Add(row);
        }
        CheckAddressMatchesJoinedHousehold(address);
        foreach (var placed in Place(people))
        {
            Append(placed);
        }
    }

    private static ResidentRecord? HeadRowOf(IReadOnlyList<ResidentRecord> members) =>
        members.FirstOrDefault(m => m.Relationship?.IsHead == true) ?? (members.Count > 0 ? members[0] : null);

    private AddressInput? JoinedHouseholdAddress() =>
        request.JoinHousehold is { } join && register.Members(join) is [var member, ..] ? AddressOf(member) : null;

    private void CheckAddressMatchesJoinedHousehold(AddressInput address)
    {
        if (request.JoinHousehold is { } join && register.Members(join) is [var member, ..] && !SameLot(member, address))
        {
            Error(FindingCatalogue.HouseholdAddress, "newAddress", "住所", $"異動先世帯（{join}）の住所は{member.Address}{member.Banchi}です。入力した住所と違います。");
        }
    }

    /// <summary>Items every entry sets: 住所, 住所を定めた日 = 住民となった日 (j590), 転入前住所 and 未届 (j620, j800).</summary>
    private ResidentRecord EntryItems(ResidentRecord r, AddressInput address)
    {
        var row = WithAddress(r, address) with
        {
            Katagaki = Blank(address.Katagaki) ?? r.Katagaki,
            AddressEstablishedOn = request.ChangeDate,
            BecameResidentOn = r.Kind == ResidentKind.Japanese ? request.ChangeDate : null,
            BecameForeignResidentOn = r.Kind == ResidentKind.Foreign ? request.ChangeDate : null,
        };
        if (request.Kind == ChangeKind.Birth)
        {
            return row with { PreviousAddress = null, PreviousAddressCode = null, PreviousPostalCode = null, PreviousHouseholdHeadName = null };
        }
        var previous = request.PreviousAddress;
        row = row with
        {
            PreviousAddress = previous is null ? null : previous.Unregistered ? $"{previous.Address.Trim()}（未届）" : Blank(previous.Address),
            PreviousAddressCode = previous?.AddressCode,
            PreviousPostalCode = previous?.PostalCode,
            PreviousHouseholdHeadName = Blank(previous?.HouseholdHeadName),
            LastRegisteredAddress = Blank(previous?.LastRegisteredAddress) ?? r.LastRegisteredAddress,
        };
        if (previous?.Unregistered == true)
        {
            row = row with { ChangeNote = AddNote(row.ChangeNote, $"未届転入　転入前住所（未届）{previous.Address.Trim()}") };
            if (!findings.Any(f => f.Rule == FindingCatalogue.UnregisteredMoveIn))
            {
                Alert(FindingCatalogue.UnregisteredMoveIn, "previousAddress", "転入前住所", $"未届転入として記載します：転入前住所欄に「{previous.Address.Trim()}（未届）」、留意事項に未届転入である旨を記載します（最終登録住所地：{previous.LastRegisteredAddress ?? "未入力"}）。");
            }
        }
        return row;
    }

    /// <summary>A blank 住民票 filled with the entered items; missing required items are errors.</summary>
    private ResidentRecord NewRecord(NewPerson p, ChangeReason reason, AddressInput address)
    {
        var i = p.Items;
        var kind = i.Kind ?? ResidentKind.Japanese;
        void Require(bool present, string field, string label)
        {
            if (!present)
            {
                Error(FindingCatalogue.MissingItem, field, label, $"{label}を入力してください（{i.FamilyName}{i.GivenName}）。", p.AtenaNumber);
            }
        }
        Require(!string.IsNullOrWhiteSpace(i.GivenName) || !string.IsNullOrWhiteSpace(i.AlphabetName), "givenName", "氏名");
        Require(kind == ResidentKind.Foreign || !string.IsNullOrWhiteSpace(i.FamilyName), "familyName", "氏");
        Require(!string.IsNullOrWhiteSpace(i.GivenNameKana), "givenNameKana", "名のフリガナ");
        Require(string.IsNullOrWhiteSpace(i.FamilyName) || !string.IsNullOrWhiteSpace(i.FamilyNameKana), "familyNameKana", "氏のフリガナ");
        Require(i.BirthDate is not null, "birthDate", "生年月日");
        Require(i.Sex is not null, "sex", "性別");
        Require(kind == ResidentKind.Foreign || i.DomicileStatus is not null || !string.IsNullOrWhiteSpace(i.Domicile), "domicile", "本籍");
        var blank = new ResidentRecord
        {
            AtenaNumber = p.AtenaNumber,
            HistoryNumber = 1,
            ChangeReason = reason,
            ChangeDate = request.ChangeDate,
            ProcessedAt = context.Now,
            NotificationDate = request.Basis == ChangeBasis.ExOfficio ? null : request.NotificationDate,
            InputPlace = context.Place,
            InputTerminal = context.Terminal,
            OperatorId = context.OperatorId,
            ChangeNote = Blank(request.Note),
            ChangeId = context.ChangeId,
            Kind = kind,
            Status = ResidentStatus.Resident,
            FamilyName = string.Empty,
            GivenName = string.Empty,
            FamilyNameKana = string.Empty,
            GivenNameKana = string.Empty,
            BirthDate = RecordedDate.Unknown,
            Sex = Sex.Female,
            HouseholdNumber = request.NewHouseholdNumber ?? request.JoinHousehold ?? ChangeRequest.NewHouseholdPlaceholder,
            MemberOrder = 1,
            AddressCode = address.AddressCode,
            PostalCode = address.PostalCode,
            Address = address.Address,
            Banchi = address.Banchi,
            AddressEstablishedOn = request.ChangeDate,
            DomicileStatus = kind == ResidentKind.Foreign ? DomicileStatus.NotApplicable : DomicileStatus.Unknown,
        };
        return Apply(blank, i);
    }

    /// <summary>
    /// j600: someone whose 個人番号, 住民票コード or 在留カード等番号 is already recorded is either a
    /// resident (E101) or must be entered as a 再転入者 under their old 宛名番号 (E102); a match on the
    /// 3情報 alone is an alert (A201). The finding names the matched person only to an operator who may see
    /// every identifier that matched (j1390).
    /// </summary>
    private void CheckNotAlreadyRegistered(ResidentRecord row)
    {
        foreach (var other in register.All.Where(o => o.AtenaNumber != row.AtenaNumber))
        {
            var matched = (row.IndividualNumber is not null && row.IndividualNumber == other.IndividualNumber ? ShownIdentifiers.IndividualNumber : ShownIdentifiers.None)
                | (row.ResidentCode is not null && row.ResidentCode == other.ResidentCode ? ShownIdentifiers.ResidentCode : ShownIdentifiers.None)
                | (row.ResidenceCardNumber is not null && row.ResidenceCardNumber == other.ResidenceCardNumber ? ShownIdentifiers.ResidenceCardNumber : ShownIdentifiers.None);
            var named = (context.Shown & matched) == matched;
            if (matched != ShownIdentifiers.None && other.IsResident)
            {
                findings.Add(new(FindingCatalogue.AlreadyResident, "individualNumber", "個人番号等", named
                    ? $"{row.FullName}と個人番号・住民票コード・在留カード等番号が一致する住民（宛名番号{other.AtenaNumber} {other.FullName}）がいます。既に住民である者は転入できません。"
                    : $"{row.FullName}の個人番号・住民票コード・在留カード等番号は既に住民のものとして記録されています。既に住民である者は転入できません。一致した住民の確認は、その項目の表示権限のある職員に依頼してください。",
                    row.AtenaNumber)
                { MatchedPerson = other.AtenaNumber });
            }
            else if (matched != ShownIdentifiers.None)
            {
                findings.Add(new(FindingCatalogue.ReturningResidentNotChosen, "movers", "異動者", named
                    ? $"{row.FullName}は除票（宛名番号{other.AtenaNumber}）と個人番号等が一致します。再転入者として宛名番号{other.AtenaNumber}を選んで入力してください。"
                    : $"{row.FullName}の個人番号等は除票の者と一致します。再転入者としての入力が必要です。一致した除票の確認は、その項目の表示権限のある職員に依頼してください。",
                    row.AtenaNumber)
                { MatchedPerson = other.AtenaNumber });
            }
            else if (other.FamilyName == row.FamilyName && other.GivenName == row.GivenName && other.Sex == row.Sex && other.BirthDate == row.BirthDate)
            {
                Alert(FindingCatalogue.PossibleSamePerson, "movers", "異動者", $"{row.FullName}と氏名・性別・生年月日が一致する{(other.IsResident ? "住民" : "除票")}（宛名番号{other.AtenaNumber}）がいます。{(other.IsResident ? "同一人でないか確認してください。" : "再転入者であればその宛名番号を選んでください。")}", row.AtenaNumber);
            }
        }
    }
}
