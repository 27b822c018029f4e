using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;

namespace Jumin.Domain.JukiNet;

/// <summary>
/// 本人確認情報 (住基法30条の6; seed 004 §3.2): what 住基ネット holds about one person at every level — the 市町村CS's
/// 本人確認情報ファイル, the 都道府県知事保存本人確認情報 and the 機構保存本人確認情報. The 5情報 (氏名, 氏名の振り仮名,
/// 生年月日, 性別, 住所), the 住民票コード and the 個人番号, and the change that produced them (異動事由, 異動年月日).
/// Nothing else about the person travels on the network (seed 004 §0: 必要最小限).
/// </summary>
public sealed record IdentityInformation
{
    /// <summary>住民票コード — the key at every level.</summary>
    public required ResidentCode ResidentCode { get; init; }

    /// <summary>
    /// 初期移行: the person's current row, sent once when a register is first connected to its CS. It is recorded
    /// whatever its 異動事由, and only if the store does not know the person yet.
    /// </summary>
    public bool IsInitialLoad { get; init; }

    /// <summary>The 住民票コード before a 住民票コードの変更 (j880); null otherwise.</summary>
    public ResidentCode? PreviousResidentCode { get; init; }

    /// <summary>The municipality whose register the row comes from (住所地市町村).</summary>
    public required LocalGovernmentCode Municipality { get; init; }

    /// <summary>氏名.</summary>
    public required string Name { get; init; }

    /// <summary>氏名の振り仮名 (令和5年改正住基法; j180).</summary>
    public required string NameKana { get; init; }

    /// <summary>生年月日, as the register prints it in 西暦 (it may be partly 不詳).</summary>
    public required string BirthDate { get; init; }

    /// <summary>性別.</summary>
    public required Sex Sex { get; init; }

    /// <summary>住所 (with 番地; 方書 is not 本人確認情報).</summary>
    public required string Address { get; init; }

    /// <summary>個人番号, when one has been designated.</summary>
    public IndividualNumber? IndividualNumber { get; init; }

    /// <summary>異動事由 (j210).</summary>
    public required ChangeReason ChangeReason { get; init; }

    /// <summary>異動年月日.</summary>
    public required string ChangeDate { get; init; }

    /// <summary>Whether the person is on the municipality's register after this change (false after 転出, 死亡 …: 消除者).</summary>
    public required bool IsResident { get; init; }

    /// <summary>Whether the 5情報 other than 住所 equal <paramref name="other"/>'s (what a 転居 must leave alone).</summary>
    public IReadOnlyList<string> ItemsOtherThanAddressDifferingFrom(IdentityInformation other)
    {
        var differing = new List<string>();
        if (Name != other.Name)
        {
            differing.Add("氏名");
        }
        if (NameKana != other.NameKana)
        {
            differing.Add("氏名の振り仮名");
        }
        if (BirthDate != other.BirthDate)
        {
            differing.Add("生年月日");
        }
        if (Sex != other.Sex)
        {
            differing.Add("性別");
        }
        if (IndividualNumber != other.IndividualNumber)
        {
            differing.Add("個人番号");
        }
        return differing;
    }
}
