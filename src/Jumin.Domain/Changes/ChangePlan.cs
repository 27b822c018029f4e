using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;
using NodaTime;

namespace Jumin.Domain.Changes;

/// <summary>
/// Who decides, where and when: the 処理日 is always today (j480 実装しない: no other 処理日); and for which municipality,
/// whose code every 住所コード in the register begins with.
/// </summary>
public sealed record ChangeContext(LocalDate Today, Instant Now, string Place, string Terminal, string OperatorId, long ChangeId, LocalGovernmentCode Municipality, ShownIdentifiers Shown = ShownIdentifiers.None);

/// <summary>
/// The identifiers the operator may see (表示項目 j1390). A finding that an entered identifier is already recorded
/// names the person it matched only when the operator may see every identifier that matched; otherwise entering a
/// number would be a way to look up whose it is.
/// </summary>
[Flags]
public enum ShownIdentifiers
{
    None = 0,

    /// <summary>個人番号.</summary>
    IndividualNumber = 1,

    /// <summary>住民票コード.</summary>
    ResidentCode = 2,

    /// <summary>在留カード等番号 (with the 在留資格等).</summary>
    ResidenceCardNumber = 4,
}

/// <summary>One person's row before and after the 異動 (入力確認 j540 shows both).</summary>
public sealed record PlannedRow(ResidentRecord? Before, ResidentRecord After);

/// <summary>
/// 世帯主変更依頼通知書 / 世帯主変更通知書 (j490, j500): the 世帯 left without its 世帯主, whether
/// the remaining member was made 世帯主 by 職権, and the member it is addressed to — the first
/// remaining member in 並び順 (j500).
/// </summary>
public sealed record HouseholdHeadNotice(HouseholdNumber Household, AtenaNumber Addressee, string AddresseeName, string Address, bool HeadSetExOfficio, IReadOnlyList<string> RemainingMembers);

/// <summary>The outcome of planning a 異動: the rows to append and what the checks found.</summary>
public sealed record ChangePlan(ChangeRequest Request, IReadOnlyList<PlannedRow> Rows, IReadOnlyList<ChangeFinding> Findings, IReadOnlyList<HouseholdHeadNotice> HeadNotices)
{
    public bool HasErrors => Findings.Any(f => f.IsError);

    public IEnumerable<ChangeFinding> Errors => Findings.Where(f => f.IsError);

    public IEnumerable<ChangeFinding> Alerts => Findings.Where(f => !f.IsError);

    /// <summary>Alert codes not in <paramref name="acknowledged"/>: 本登録 needs every alert acknowledged (j1440).</summary>
    public IReadOnlyList<ChangeFinding> Unacknowledged(IReadOnlyCollection<string> acknowledged) =>
        [.. Alerts.Where(a => !acknowledged.Contains(a.Code))];

    /// <summary>The new rows in the order they are appended.</summary>
    public IReadOnlyList<ResidentRecord> NewRows => [.. Rows.Select(r => r.After)];
}
