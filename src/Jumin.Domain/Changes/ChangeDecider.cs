using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;

namespace Jumin.Domain.Changes;

/// <summary>
/// Decides a 異動: from the request and the register as it stands, the next 住民票 row of every
/// person concerned and the j1440 findings. Pure — the same request on the same register gives the
/// same plan, which is why 本登録 can plan again and trust the result.
/// Each kind is decided in its own file: <c>ChangeDecider.Entries.cs</c> (転入, 出生, 職権記載,
/// 法第30条の46・47), <c>.Moves.cs</c> (転居, 転出, 転入通知), <c>.Households.cs</c> (世帯分離・合併・変更,
/// 世帯主変更), <c>.Removals.cs</c> (死亡, 失踪, 職権消除), <c>.Corrections.cs</c> (修正, 住民票コード,
/// 個人番号, 帰化, 国籍取得・喪失, 入管通知) and <c>.Cancellation.cs</c> (取消).
/// </summary>
public sealed partial class ChangeDecider
{
    private readonly ChangeRequest request;
    private readonly RegisterSnapshot register;
    private readonly ChangeContext context;
    private readonly List<ChangeFinding> findings = [];
    private readonly List<PlannedRow> rows = [];
    private readonly List<HouseholdHeadNotice> notices = [];

    private ChangeDecider(ChangeRequest request, RegisterSnapshot register, ChangeContext context)
    {
        this.request = request;
        this.register = register;
        this.context = context;
    }

    public static ChangePlan Decide(ChangeRequest request, RegisterSnapshot register, ChangeContext context)
    {
        var decider = new ChangeDecider(request, register, context);
        decider.Run();
        return new(request, decider.rows, decider.findings, decider.notices);
    }

    private void Run()
    {
        CheckDates();
        CheckLocalAddressCode();
        var movers = KnownMovers();
        CheckNotBeforeResidence(movers);
        if (findings.Any(f => f.IsError))
        {
            return;
        }
        switch (request.Kind)
        {
            case ChangeKind.MoveIn or ChangeKind.MoveInFromAbroad or ChangeKind.ExOfficioEntry or ChangeKind.Article3046MoveIn or ChangeKind.Article3047Notification:
                DecideEntry(movers);
                break;
            case ChangeKind.Birth:
                DecideBirth();
                break;
            case ChangeKind.Relocation:
                DecideRelocation(movers);
                break;
            case ChangeKind.MoveOut or ChangeKind.MoveOutAbroad:
                DecideMoveOut(movers);
                break;
            case ChangeKind.MoveInNotice:
                DecideMoveInNotice(movers);
                break;
            case ChangeKind.HouseholdSeparation:
                DecideSeparation(movers);
                break;
            case ChangeKind.HouseholdMerger:
                DecideMerger(movers);
                break;
            case ChangeKind.HouseholdChange:
                DecideHouseholdChange(movers);
                break;
            case ChangeKind.HouseholdHeadChange:
                DecideHeadChange();
                break;
            case ChangeKind.Death or ChangeKind.Disappearance or ChangeKind.ExOfficioRemoval:
                DecideRemoval(movers);
                break;
            case ChangeKind.Correction or ChangeKind.ResidentCodeChange or ChangeKind.IndividualNumberChange:
                DecideCorrection(movers);
                break;
            case ChangeKind.Naturalisation or ChangeKind.NationalityAcquisition:
                DecideNaturalisation(movers);
                break;
            case ChangeKind.NationalityLoss:
                DecideNationalityLoss(movers);
                break;
            case ChangeKind.ImmigrationNotice:
                DecideImmigrationNotice(movers);
                break;
            case ChangeKind.Cancellation:
                DecideCancellation();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(request), request.Kind, "未対応の異動です。");
        }
        if (rows.Count == 0 && !findings.Any(f => f.IsError))
        {
            Error(FindingCatalogue.MissingItem, "movers", "異動者", "異動者を選んでください。");
        }
        CheckRows();
    }

    // ── Findings ─────────────────────────────────────────────────────────────

    private void Error(FindingRule rule, string field, string label, string message, AtenaNumber? atena = null) =>
        findings.Add(new(rule, field, label, message, atena));

    private void Alert(FindingRule rule, string field, string label, string message, AtenaNumber? atena = null) =>
        findings.Add(new(rule, field, label, message, atena));

    // ── Dates (j480, j570, j640) ─────────────────────────────────────────────

    private void CheckDates()
    {
        var today = RecordedDate.FromLocalDate(context.Today);
        if (request.ChangeDate.SortKey > today.SortKey && !request.Kind.AllowsFutureDate())
        {
            Error(FindingCatalogue.FutureChangeDate, "changeDate", "異動日", $"異動日（{request.ChangeDate}）が処理日（{context.Today:yyyy-MM-dd}）より後です。転出以外は処理日以前の日を入力してください。");
        }
        if (request.Basis == ChangeBasis.ExOfficio)
        {
            return;
        }
        var label = request.Basis.DateLabel();
        if (request.NotificationDate is not { } notified)
        {
            Error(FindingCatalogue.NotificationDate, "notificationDate", label, $"{label}を入力してください（{request.Basis.JapaneseName()}による異動）。");
            return;
        }
        if (notified > context.Today)
        {
            Error(FindingCatalogue.NotificationDate, "notificationDate", label, $"{label}（{notified:yyyy-MM-dd}）に処理日より後の日は入力できません。");
        }
        if (request.Basis != ChangeBasis.Notification || request.ChangeDate.ToLocalDate() is not { } changed)
        {
            return;
        }
        switch (request.Kind)
        {
            case ChangeKind.MoveIn or ChangeKind.MoveInFromAbroad or ChangeKind.Relocation or ChangeKind.Article3046MoveIn:
                if (notified < changed)
                {
                    Error(FindingCatalogue.NotificationDate, "notificationDate", label, $"{request.Kind.JapaneseName()}の届出日（{notified:yyyy-MM-dd}）は異動日（{changed:yyyy-MM-dd}）以後の日です。");
                }
                else if (notified > changed.PlusDays(14))
                {
                    Alert(FindingCatalogue.LateNotification, "notificationDate", label, $"異動日から{NodaTime.Period.Between(changed, notified, NodaTime.PeriodUnits.Days).Days}日後の届出です（届出期間14日を経過）。簡易裁判所への通知（法第52条）を確認してください。");
                }
                break;
            case ChangeKind.MoveOut or ChangeKind.MoveOutAbroad when notified > changed.PlusDays(14):
                Error(FindingCatalogue.LateMoveOutNotification, "basis", "届出・職権の別", $"転出した日（{changed:yyyy-MM-dd}）から14日を過ぎた転出届です。届出ではなく職権で記載してください（転出証明書に準ずる証明書を交付）。");
                break;
        }
    }

    // ── Subjects (j460) ──────────────────────────────────────────────────────

    private List<ResidentRecord> KnownMovers()
    {
        var known = new List<ResidentRecord>();
        foreach (var atena in request.Movers.Distinct())
        {
            if (register.Latest(atena) is { } row)
            {
                known.Add(row);
            }
            else
            {
                Error(FindingCatalogue.SubjectState, "movers", "異動者", $"宛名番号{atena}の住民は登録されていません。", atena);
            }
        }
        return known;
    }

    /// <summary>Refuses movers who are not (or, for 転入通知 and 再転入, are still) residents.</summary>
    private bool RequireResidents(IEnumerable<ResidentRecord> movers, bool resident = true)
    {
        var ok = true;
        foreach (var m in movers.Where(m => m.IsResident != resident))
        {
            Error(FindingCatalogue.SubjectState, "movers", "異動者", resident
                ? $"{m.FullName}（{m.AtenaNumber}）は除票です（{m.RemovalReason?.JapaneseName()}）。{request.Kind.JapaneseName()}は住民に対して行います。"
                : $"{m.FullName}（{m.AtenaNumber}）は住民です。{request.Kind.JapaneseName()}は除票の者に対して行います。", m.AtenaNumber);
            ok = false;
        }
        return ok;
    }

    // ── Rows ─────────────────────────────────────────────────────────────────

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

    // ── Checks over the planned rows (j1440) ─────────────────────────────────

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
