namespace Jumin.Domain.Residents;

/// <summary>住民種別 (j10, j20).</summary>
public enum ResidentKind
{
    /// <summary>日本人住民.</summary>
    Japanese = 1,

    /// <summary>外国人住民 (法第30条の45).</summary>
    Foreign = 2,
}

/// <summary>住民状態 (j10): 住民, or why the 住民票 was removed (除票).</summary>
public enum ResidentStatus
{
    /// <summary>住民.</summary>
    Resident = 1,

    /// <summary>転出 (消除).</summary>
    MovedOut = 2,

    /// <summary>死亡 (消除).</summary>
    Deceased = 3,

    /// <summary>職権消除.</summary>
    RemovedExOfficio = 4,

    /// <summary>帰化・国籍喪失等による消除 (the person continues on a new 住民票 of the other kind).</summary>
    RemovedByChangeOfNationality = 5,

    /// <summary>改製による消除.</summary>
    RemovedByRemake = 6,
}

/// <summary>性別.</summary>
public enum Sex
{
    /// <summary>男.</summary>
    Male = 1,

    /// <summary>女.</summary>
    Female = 2,
}

/// <summary>戸籍の表示の状態 (j120): recorded, 「なし」 or 「不明」.</summary>
public enum DomicileStatus
{
    /// <summary>本籍・筆頭者を記載.</summary>
    Recorded = 1,

    /// <summary>「なし」.</summary>
    None = 2,

    /// <summary>「不明」.</summary>
    Unknown = 3,

    /// <summary>外国人住民: 戸籍の表示は記載事項ではない.</summary>
    NotApplicable = 9,
}

/// <summary>法第30条の45の表の区分 (j20).</summary>
public enum Article3045Category
{
    /// <summary>中長期在留者.</summary>
    MidToLongTermResident = 1,

    /// <summary>特別永住者.</summary>
    SpecialPermanentResident = 2,

    /// <summary>一時庇護許可者.</summary>
    TemporaryRefuge = 3,

    /// <summary>仮滞在許可者.</summary>
    ProvisionalStay = 4,

    /// <summary>出生による経過滞在者.</summary>
    TransitionalByBirth = 5,

    /// <summary>国籍喪失による経過滞在者.</summary>
    TransitionalByLossOfNationality = 6,
}

/// <summary>国民年金の種別 (j10).</summary>
public enum PensionCategory
{
    /// <summary>第1号被保険者.</summary>
    Category1 = 1,

    /// <summary>第3号被保険者.</summary>
    Category3 = 3,

    /// <summary>任意加入被保険者.</summary>
    Voluntary = 4,
}

/// <summary>Japanese labels for the enums, as on screens and certificates.</summary>
public static class ResidentLabels
{
    public static string Japanese(this ResidentKind kind) => kind == ResidentKind.Japanese ? "日本人住民" : "外国人住民";

    public static string Japanese(this Sex sex) => sex == Sex.Male ? "男" : "女";

    public static string Japanese(this ResidentStatus status) => status switch
    {
        ResidentStatus.Resident => "住民",
        ResidentStatus.MovedOut => "転出",
        ResidentStatus.Deceased => "死亡",
        ResidentStatus.RemovedExOfficio => "職権消除",
        ResidentStatus.RemovedByChangeOfNationality => "帰化・国籍喪失等",
        ResidentStatus.RemovedByRemake => "改製",
        _ => status.ToString(),
    };

    public static string Japanese(this Article3045Category category) => category switch
    {
        Article3045Category.MidToLongTermResident => "中長期在留者",
        Article3045Category.SpecialPermanentResident => "特別永住者",
        Article3045Category.TemporaryRefuge => "一時庇護許可者",
        Article3045Category.ProvisionalStay => "仮滞在許可者",
        Article3045Category.TransitionalByBirth => "出生による経過滞在者",
        Article3045Category.TransitionalByLossOfNationality => "国籍喪失による経過滞在者",
        _ => category.ToString(),
    };

    public static string Japanese(this PensionCategory category) => category switch
    {
        PensionCategory.Category1 => "第1号",
        PensionCategory.Category3 => "第3号",
        PensionCategory.Voluntary => "任意加入",
        _ => category.ToString(),
    };
}
