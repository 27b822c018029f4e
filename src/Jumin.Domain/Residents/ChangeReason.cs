namespace Jumin.Domain.Residents;

/// <summary>What a 異動事由 does to the register (j210 ○記載の事由 / ○消除の事由 / ○修正の事由).</summary>
public enum ChangeCategory
{
    /// <summary>記載 — a person enters the register.</summary>
    Entry = 1,

    /// <summary>消除 — a person leaves it.</summary>
    Removal = 2,

    /// <summary>修正 — a recorded person's items change.</summary>
    Correction = 3,
}

/// <summary>Which residents a 異動事由 may be used for (j210 ※日本人住民のみ / ※外国人住民のみ).</summary>
public enum ReasonAppliesTo
{
    Everyone,
    JapaneseOnly,
    ForeignOnly,
}

/// <summary>
/// 異動事由 (j210). The numeric value is the code stored in the history row: 1xx 記載, 2xx 消除,
/// 3xx 修正. 「転居取消」 is deliberately not a reason (j210 実装しない機能): a cancelled 転居 is
/// <see cref="CancellationCorrection"/>.
/// </summary>
public enum ChangeReason
{
    /// <summary>国内転入.</summary>
    DomesticMoveIn = 101,

    /// <summary>国外転入等.</summary>
    MoveInFromAbroad = 102,

    /// <summary>出生.</summary>
    Birth = 103,

    /// <summary>職権記載（帰化等） — 日本人住民のみ.</summary>
    ExOfficioEntryByNaturalisation = 104,

    /// <summary>職権記載（国籍喪失） — 外国人住民のみ.</summary>
    ExOfficioEntryByLossOfNationality = 105,

    /// <summary>職権記載.</summary>
    ExOfficioEntry = 106,

    /// <summary>改製 (記載).</summary>
    RemakeEntry = 107,

    /// <summary>再製 (記載).</summary>
    RestorationEntry = 108,

    /// <summary>異動の取消し（増）.</summary>
    CancellationIncrease = 109,

    /// <summary>国内転出.</summary>
    DomesticMoveOut = 201,

    /// <summary>国外転出.</summary>
    MoveOutAbroad = 202,

    /// <summary>死亡.</summary>
    Death = 203,

    /// <summary>職権消除（帰化等） — 外国人住民のみ.</summary>
    ExOfficioRemovalByNaturalisation = 204,

    /// <summary>職権消除（国籍喪失） — 日本人住民のみ.</summary>
    ExOfficioRemovalByLossOfNationality = 205,

    /// <summary>職権消除.</summary>
    ExOfficioRemoval = 206,

    /// <summary>改製 (消除).</summary>
    RemakeRemoval = 207,

    /// <summary>再製 (消除).</summary>
    RestorationRemoval = 208,

    /// <summary>異動の取消し（減）.</summary>
    CancellationDecrease = 209,

    /// <summary>転居.</summary>
    Relocation = 301,

    /// <summary>軽微な修正.</summary>
    MinorCorrection = 302,

    /// <summary>職権修正.</summary>
    ExOfficioCorrection = 303,

    /// <summary>誤記修正.</summary>
    ClericalErrorCorrection = 304,

    /// <summary>個人番号の変更請求.</summary>
    IndividualNumberChangeRequest = 305,

    /// <summary>個人番号の職権修正.</summary>
    IndividualNumberExOfficioCorrection = 306,

    /// <summary>個人番号の職権記載.</summary>
    IndividualNumberExOfficioEntry = 307,

    /// <summary>住民票コードの変更請求.</summary>
    ResidentCodeChangeRequest = 308,

    /// <summary>住民票コードの職権記載.</summary>
    ResidentCodeExOfficioEntry = 309,

    /// <summary>世帯分離.</summary>
    HouseholdSeparation = 310,

    /// <summary>世帯合併.</summary>
    HouseholdMerger = 311,

    /// <summary>世帯変更.</summary>
    HouseholdChange = 312,

    /// <summary>世帯主変更.</summary>
    HouseholdHeadChange = 313,

    /// <summary>旧氏の記載.</summary>
    FormerSurnameEntry = 314,

    /// <summary>旧氏の変更.</summary>
    FormerSurnameChange = 315,

    /// <summary>旧氏の削除.</summary>
    FormerSurnameDeletion = 316,

    /// <summary>通称の記載.</summary>
    AliasEntry = 317,

    /// <summary>通称の削除.</summary>
    AliasDeletion = 318,

    /// <summary>異動の取消し（修正）.</summary>
    CancellationCorrection = 319,
}

/// <summary>The Japanese name, category and scope of each <see cref="ChangeReason"/> (j210).</summary>
public static class ChangeReasons
{
    private static readonly Dictionary<ChangeReason, (string Name, ReasonAppliesTo AppliesTo)> Table = new()
    {
        [ChangeReason.DomesticMoveIn] = ("国内転入", ReasonAppliesTo.Everyone),
        [ChangeReason.MoveInFromAbroad] = ("国外転入等", ReasonAppliesTo.Everyone),
        [ChangeReason.Birth] = ("出生", ReasonAppliesTo.Everyone),
        [ChangeReason.ExOfficioEntryByNaturalisation] = ("職権記載（帰化等）", ReasonAppliesTo.JapaneseOnly),
        [ChangeReason.ExOfficioEntryByLossOfNationality] = ("職権記載（国籍喪失）", ReasonAppliesTo.ForeignOnly),
        [ChangeReason.ExOfficioEntry] = ("職権記載", ReasonAppliesTo.Everyone),
        [ChangeReason.RemakeEntry] = ("改製", ReasonAppliesTo.Everyone),
        [ChangeReason.RestorationEntry] = ("再製", ReasonAppliesTo.Everyone),
        [ChangeReason.CancellationIncrease] = ("異動の取消し（増）", ReasonAppliesTo.Everyone),
        [ChangeReason.DomesticMoveOut] = ("国内転出", ReasonAppliesTo.Everyone),
        [ChangeReason.MoveOutAbroad] = ("国外転出", ReasonAppliesTo.Everyone),
        [ChangeReason.Death] = ("死亡", ReasonAppliesTo.Everyone),
        [ChangeReason.ExOfficioRemovalByNaturalisation] = ("職権消除（帰化等）", ReasonAppliesTo.ForeignOnly),
        [ChangeReason.ExOfficioRemovalByLossOfNationality] = ("職権消除（国籍喪失）", ReasonAppliesTo.JapaneseOnly),
        [ChangeReason.ExOfficioRemoval] = ("職権消除", ReasonAppliesTo.Everyone),
        [ChangeReason.RemakeRemoval] = ("改製", ReasonAppliesTo.Everyone),
        [ChangeReason.RestorationRemoval] = ("再製", ReasonAppliesTo.Everyone),
        [ChangeReason.CancellationDecrease] = ("異動の取消し（減）", ReasonAppliesTo.Everyone),
        [ChangeReason.Relocation] = ("転居", ReasonAppliesTo.Everyone),
        [ChangeReason.MinorCorrection] = ("軽微な修正", ReasonAppliesTo.Everyone),
        [ChangeReason.ExOfficioCorrection] = ("職権修正", ReasonAppliesTo.Everyone),
        [ChangeReason.ClericalErrorCorrection] = ("誤記修正", ReasonAppliesTo.Everyone),
        [ChangeReason.IndividualNumberChangeRequest] = ("個人番号の変更請求", ReasonAppliesTo.Everyone),
        [ChangeReason.IndividualNumberExOfficioCorrection] = ("個人番号の職権修正", ReasonAppliesTo.Everyone),
        [ChangeReason.IndividualNumberExOfficioEntry] = ("個人番号の職権記載", ReasonAppliesTo.Everyone),
        [ChangeReason.ResidentCodeChangeRequest] = ("住民票コードの変更請求", ReasonAppliesTo.Everyone),
        [ChangeReason.ResidentCodeExOfficioEntry] = ("住民票コードの職権記載", ReasonAppliesTo.Everyone),
        [ChangeReason.HouseholdSeparation] = ("世帯分離", ReasonAppliesTo.Everyone),
        [ChangeReason.HouseholdMerger] = ("世帯合併", ReasonAppliesTo.Everyone),
        [ChangeReason.HouseholdChange] = ("世帯変更", ReasonAppliesTo.Everyone),
        [ChangeReason.HouseholdHeadChange] = ("世帯主変更", ReasonAppliesTo.Everyone),
        [ChangeReason.FormerSurnameEntry] = ("旧氏の記載", ReasonAppliesTo.Everyone),
        [ChangeReason.FormerSurnameChange] = ("旧氏の変更", ReasonAppliesTo.Everyone),
        [ChangeReason.FormerSurnameDeletion] = ("旧氏の削除", ReasonAppliesTo.Everyone),
        [ChangeReason.AliasEntry] = ("通称の記載", ReasonAppliesTo.Everyone),
        [ChangeReason.AliasDeletion] = ("通称の削除", ReasonAppliesTo.Everyone),
        [ChangeReason.CancellationCorrection] = ("異動の取消し（修正）", ReasonAppliesTo.Everyone),
    };

    public static IEnumerable<ChangeReason> All => Table.Keys;

    public static string JapaneseName(this ChangeReason reason) =>
        Table.TryGetValue(reason, out var info) ? info.Name : throw new ArgumentOutOfRangeException(nameof(reason), reason, "未定義の異動事由です。");

    public static ChangeCategory Category(this ChangeReason reason) => (ChangeCategory)((int)reason / 100);

    public static ReasonAppliesTo AppliesTo(this ChangeReason reason) => Table[reason].AppliesTo;

    public static bool IsDefined(int code) => Table.ContainsKey((ChangeReason)code);
}
