using Jumin.Domain.Identifiers;

namespace Jumin.Domain.Changes;

/// <summary>エラー blocks 本登録; アラート needs an explicit, recorded acknowledgement (j1440).</summary>
public enum FindingSeverity
{
    /// <summary>アラート.</summary>
    Alert = 1,

    /// <summary>エラー.</summary>
    Error = 2,
}

/// <summary>One entry of the error/alert catalogue (エラー・アラート項目一覧, j1440).</summary>
public sealed record FindingRule(string Code, FindingSeverity Severity, string Title, string Function);

/// <summary>
/// One finding on a planned 異動: which rule, on which item of whom, and what to do. The
/// message is Japanese and names the item, for the counter screen and the API's problem details.
/// </summary>
public sealed record ChangeFinding(FindingRule Rule, string Field, string FieldLabel, string Message, AtenaNumber? AtenaNumber = null)
{
    public string Code => Rule.Code;

    public FindingSeverity Severity => Rule.Severity;

    public bool IsError => Rule.Severity == FindingSeverity.Error;

    /// <summary>
    /// The recorded person an entered identifier matched (E101, E102): for the audit log, which must name whose record
    /// the check touched even when the message may not.
    /// </summary>
    public AtenaNumber? MatchedPerson { get; init; }
}

/// <summary>
/// エラー・アラート項目一覧 (j1440). Codes are stable: alerts are acknowledged by code, and an
/// auditor reads them in the audit log.
/// </summary>
public static class FindingCatalogue
{
    public static readonly FindingRule AlreadyResident = new("E101", FindingSeverity.Error, "既に住民である者の転入", "j590 j600");
    public static readonly FindingRule ReturningResidentNotChosen = new("E102", FindingSeverity.Error, "除票と個人番号等が一致する者の新規入力（再転入者として処理）", "j600");
    public static readonly FindingRule RelocationChangesOtherItems = new("E103", FindingSeverity.Error, "転居で住所以外の記載事項を変更", "j1440");
    public static readonly FindingRule FutureChangeDate = new("E104", FindingSeverity.Error, "異動日が処理日より後", "j480");
    public static readonly FindingRule ChangeBeforeResidence = new("E105", FindingSeverity.Error, "異動日が住民となった日より前", "j1440");
    public static readonly FindingRule HouseholdWithoutMembers = new("E106", FindingSeverity.Error, "世帯員のいない世帯", "j470");
    public static readonly FindingRule RelationshipRule = new("E107", FindingSeverity.Error, "続柄の誤り（j110）", "j110");
    public static readonly FindingRule DuplicateIdentifier = new("E108", FindingSeverity.Error, "個人番号・住民票コード・在留カード等番号の重複", "j1440");
    public static readonly FindingRule NotificationDate = new("E109", FindingSeverity.Error, "届出日の誤り", "j570");
    public static readonly FindingRule SubjectState = new("E110", FindingSeverity.Error, "異動者の状態がこの異動に合わない", "j460");
    public static readonly FindingRule MissingItem = new("E111", FindingSeverity.Error, "必須項目の不足", "j590");
    public static readonly FindingRule PendingChange = new("E112", FindingSeverity.Error, "仮登録中の異動がある者", "j530");
    public static readonly FindingRule TwoHeads = new("E113", FindingSeverity.Error, "1世帯に世帯主が2人", "j100");
    public static readonly FindingRule LateMoveOutNotification = new("E114", FindingSeverity.Error, "異動日から14日を過ぎた転出届（職権で記載）", "j640");
    public static readonly FindingRule HouseholdAddress = new("E115", FindingSeverity.Error, "住所の異なる世帯への世帯変更", "j720");
    public static readonly FindingRule CannotCancel = new("E116", FindingSeverity.Error, "取り消せない異動", "j980");
    public static readonly FindingRule RecordRule = new("E117", FindingSeverity.Error, "住民票の記載の誤り", "j10 j20");
    public static readonly FindingRule LockedByOther = new("E118", FindingSeverity.Error, "他の職員が編集中の住民", "j1380");
    public static readonly FindingRule FutureBirthDate = new("E119", FindingSeverity.Error, "生年月日が処理日より後", "j1440");
    public static readonly FindingRule AddressOfAnotherMunicipality = new("E120", FindingSeverity.Error, "住所コードが他の市区町村のもの", "j250");

    public static readonly FindingRule PossibleSamePerson = new("A201", FindingSeverity.Alert, "3情報（氏名・性別・生年月日）が一致する者がいる", "j600");
    public static readonly FindingRule HeadLeavesHousehold = new("A202", FindingSeverity.Alert, "世帯主不在となる世帯（残る世帯員2人以上）", "j490 j500");
    public static readonly FindingRule RemainingMemberBecomesHead = new("A203", FindingSeverity.Alert, "残る世帯員1人を職権で世帯主とする", "j490 j500");
    public static readonly FindingRule LateNotification = new("A204", FindingSeverity.Alert, "届出期間（14日）の経過", "j570");
    public static readonly FindingRule SameAddress = new("A205", FindingSeverity.Alert, "転居前と同じ住所・方書", "j630");
    public static readonly FindingRule RelationshipSex = new("A206", FindingSeverity.Alert, "続柄と性別が合わない", "j110");
    public static readonly FindingRule UnregisteredMoveIn = new("A207", FindingSeverity.Alert, "未届転入", "j620");

    /// <summary>Whether <paramref name="code"/> names an alert (a finding a clerk may accept after reading it).</summary>
    public static bool IsAlert(string? code) => All.Any(r => r.Severity == FindingSeverity.Alert && r.Code == code);

    public static IReadOnlyList<FindingRule> All { get; } =
    [
        AlreadyResident, ReturningResidentNotChosen, RelocationChangesOtherItems, FutureChangeDate, ChangeBeforeResidence,
        HouseholdWithoutMembers, RelationshipRule, DuplicateIdentifier, NotificationDate, SubjectState, MissingItem, PendingChange,
        TwoHeads, LateMoveOutNotification, HouseholdAddress, CannotCancel, RecordRule, LockedByOther, FutureBirthDate, AddressOfAnotherMunicipality,
        PossibleSamePerson, HeadLeavesHousehold, RemainingMemberBecomesHead, LateNotification, SameAddress, RelationshipSex, UnregisteredMoveIn,
    ];
}
