using Jumin.Domain.Residents;

namespace Jumin.Domain.Changes;

/// <summary>
/// 異動の種類 — each kind of change the counter enters (届出 j560–j740, 職権 j750–j970, 取消
/// j980). One kind may record several <see cref="ChangeReason"/>s (e.g. 帰化 records 職権消除（帰化等）
/// of the 外国人住民票 and 職権記載（帰化等） of the 日本人住民票).
/// </summary>
public enum ChangeKind
{
    /// <summary>国内転入 (j590, 再転入 j600, 未届転入 j620).</summary>
    MoveIn = 1,

    /// <summary>国外転入等 (j590).</summary>
    MoveInFromAbroad,

    /// <summary>転居 (同一住所への転居 j630).</summary>
    Relocation,

    /// <summary>国内転出 (j640, j650, 転出証明書 j660).</summary>
    MoveOut,

    /// <summary>国外転出 (j650).</summary>
    MoveOutAbroad,

    /// <summary>転入通知の受理 (j680, j700): turns 転出予定 into 転出確定.</summary>
    MoveInNotice,

    /// <summary>世帯分離 (j720).</summary>
    HouseholdSeparation,

    /// <summary>世帯合併 (j720).</summary>
    HouseholdMerger,

    /// <summary>世帯変更 — part of a household joins another at the same address, or the 続柄 within a household change (j720).</summary>
    HouseholdChange,

    /// <summary>世帯主変更 with 続柄 re-set (j720, j730).</summary>
    HouseholdHeadChange,

    /// <summary>出生 (j810).</summary>
    Birth,

    /// <summary>死亡 (j820).</summary>
    Death,

    /// <summary>失踪 — 職権消除 on the 法第9条第2項 notice (j830).</summary>
    Disappearance,

    /// <summary>職権記載 (住所設定, 未届転入 j800).</summary>
    ExOfficioEntry,

    /// <summary>職権消除 (実態調査 etc., j750).</summary>
    ExOfficioRemoval,

    /// <summary>修正 — 職権修正, 軽微な修正, 誤記修正, 旧氏・通称の記載と削除 (j840–j860, j70).</summary>
    Correction,

    /// <summary>住民票コードの変更・職権記載 (j880).</summary>
    ResidentCodeChange,

    /// <summary>個人番号の変更・職権修正・職権記載 (j900).</summary>
    IndividualNumberChange,

    /// <summary>帰化 (j930).</summary>
    Naturalisation,

    /// <summary>国籍取得 (j940).</summary>
    NationalityAcquisition,

    /// <summary>国籍喪失 (j950).</summary>
    NationalityLoss,

    /// <summary>法第30条の46 転入 (j910).</summary>
    Article3046MoveIn,

    /// <summary>法第30条の47 届出 (j920).</summary>
    Article3047Notification,

    /// <summary>出入国在留管理庁長官通知に基づく修正・消除 (j960).</summary>
    ImmigrationNotice,

    /// <summary>異動の取消し (j980, 申出による j990).</summary>
    Cancellation,
}

/// <summary>On what the change rests: 届出, 職権, 申出 (j790) or 戸籍届出・通知 (j770, j780).</summary>
public enum ChangeBasis
{
    /// <summary>届出 (令第11条).</summary>
    Notification = 1,

    /// <summary>職権.</summary>
    ExOfficio = 2,

    /// <summary>申出を受けた職権記載等 (j790).</summary>
    Application = 3,

    /// <summary>戸籍届出・通知 (j770, j780).</summary>
    FamilyRegisterNotice = 4,
}

/// <summary>Names, URL slugs and the standard's function numbers of each <see cref="ChangeKind"/>.</summary>
public static class ChangeKinds
{
    private static readonly Dictionary<ChangeKind, (string Name, string Slug, string Functions)> Table = new()
    {
        [ChangeKind.MoveIn] = ("転入（国内）", "move-in", "j590 j600 j620"),
        [ChangeKind.MoveInFromAbroad] = ("転入（国外）", "move-in-from-abroad", "j590"),
        [ChangeKind.Relocation] = ("転居", "relocation", "j630"),
        [ChangeKind.MoveOut] = ("転出（国内）", "move-out", "j640 j650 j660"),
        [ChangeKind.MoveOutAbroad] = ("転出（国外）", "move-out-abroad", "j650"),
        [ChangeKind.MoveInNotice] = ("転入通知の受理", "move-in-notice", "j680 j700"),
        [ChangeKind.HouseholdSeparation] = ("世帯分離", "household-separation", "j720"),
        [ChangeKind.HouseholdMerger] = ("世帯合併", "household-merger", "j720"),
        [ChangeKind.HouseholdChange] = ("世帯変更", "household-change", "j720"),
        [ChangeKind.HouseholdHeadChange] = ("世帯主変更", "household-head-change", "j720 j730"),
        [ChangeKind.Birth] = ("出生", "birth", "j810"),
        [ChangeKind.Death] = ("死亡", "death", "j820"),
        [ChangeKind.Disappearance] = ("失踪", "disappearance", "j830"),
        [ChangeKind.ExOfficioEntry] = ("職権記載", "ex-officio-entry", "j750 j800"),
        [ChangeKind.ExOfficioRemoval] = ("職権消除", "ex-officio-removal", "j750"),
        [ChangeKind.Correction] = ("修正", "correction", "j840 j850 j860"),
        [ChangeKind.ResidentCodeChange] = ("住民票コードの変更", "resident-code-change", "j880"),
        [ChangeKind.IndividualNumberChange] = ("個人番号の異動", "individual-number-change", "j900"),
        [ChangeKind.Naturalisation] = ("帰化", "naturalisation", "j930"),
        [ChangeKind.NationalityAcquisition] = ("国籍取得", "nationality-acquisition", "j940"),
        [ChangeKind.NationalityLoss] = ("国籍喪失", "nationality-loss", "j950"),
        [ChangeKind.Article3046MoveIn] = ("法第30条の46転入", "article-30-46", "j910"),
        [ChangeKind.Article3047Notification] = ("法第30条の47届出", "article-30-47", "j920"),
        [ChangeKind.ImmigrationNotice] = ("入管通知による修正・消除", "immigration-notice", "j960"),
        [ChangeKind.Cancellation] = ("異動の取消し", "cancellation", "j980 j990"),
    };

    public static IEnumerable<ChangeKind> All => Table.Keys;

    public static string JapaneseName(this ChangeKind kind) => Table[kind].Name;

    public static string Slug(this ChangeKind kind) => Table[kind].Slug;

    /// <summary>The standard's function numbers this kind implements.</summary>
    public static string Functions(this ChangeKind kind) => Table[kind].Functions;

    public static ChangeKind? FromSlug(string? slug) =>
        Table.Where(e => e.Value.Slug == slug).Select(e => (ChangeKind?)e.Key).FirstOrDefault();

    /// <summary>Kinds whose subjects are new to the register (異動前は住民ではない, j460).</summary>
    public static bool EntersNewPeople(this ChangeKind kind) => kind is ChangeKind.MoveIn or ChangeKind.MoveInFromAbroad or ChangeKind.Birth
        or ChangeKind.ExOfficioEntry or ChangeKind.Article3046MoveIn or ChangeKind.Article3047Notification;

    /// <summary>Kinds whose 異動日 may lie after the 処理日: only 転出 (j480, j640).</summary>
    public static bool AllowsFutureDate(this ChangeKind kind) => kind is ChangeKind.MoveOut or ChangeKind.MoveOutAbroad;

    public static string JapaneseName(this ChangeBasis basis) => basis switch
    {
        ChangeBasis.Notification => "届出",
        ChangeBasis.ExOfficio => "職権",
        ChangeBasis.Application => "申出",
        ChangeBasis.FamilyRegisterNotice => "戸籍届出・通知",
        _ => basis.ToString(),
    };

    /// <summary>The label of the date that goes with the basis (j570, j780, j790 allow one item for all three).</summary>
    public static string DateLabel(this ChangeBasis basis) => basis switch
    {
        ChangeBasis.FamilyRegisterNotice => "戸籍届出・通知日",
        ChangeBasis.Application => "申出日",
        _ => "届出日",
    };
}
