using Jumin.Domain.Residents;

namespace Jumin.Domain.Certificates;

/// <summary>
/// 世帯員の並び順 (j1010) on a 世帯連記式 certificate: 第1順位 世帯主, 配偶者, 子; 第2順位 the
/// families of the children (子の夫・妻, 子の子); 第3順位 父母 (筆頭者 first), 兄弟姉妹, 祖父母;
/// 第4順位 other 親族, 縁故者, 同居人 — each by birth date, then 宛名番号.
/// A 子の妻 does not say whose wife she is, so the children themselves stay in 第1順位 and their
/// families follow in 第2順位 as one group; a clerk who needs another order sets 並び順 on the 住民票.
/// </summary>
public static class HouseholdOrder
{
    public static IReadOnlyList<ResidentRecord> Sort(IEnumerable<ResidentRecord> members) =>
        [.. members.OrderBy(m => Rank(m)).ThenBy(m => m.BirthDate.SortKey == 0 ? int.MaxValue : m.BirthDate.SortKey).ThenBy(m => m.AtenaNumber.Value, StringComparer.Ordinal)];

    /// <summary>順位 and the place within it, e.g. 13 = 1-3 (世帯主の子).</summary>
    public static int Rank(ResidentRecord member)
    {
        if (member.Relationship is not { } relationship)
        {
            return 50;
        }
        if (relationship.IsHead)
        {
            return 11;
        }
        if (relationship == Relationship.Relative)
        {
            return 42;
        }
        if (relationship == Relationship.Lodger)
        {
            return 43;
        }
        var chain = relationship.Chain;
        return chain switch
        {
            [var spouse] when IsSpouse(spouse) => 12,
            ["子"] => 13,
            ["子", var spouse] when IsSpouse(spouse) => 22,
            ["子", "子"] => 23,
            ["父" or "母"] => IsHeadOfFamilyRegister(member) ? 30 : 31,
            ["兄" or "姉" or "弟" or "妹"] => 32,
            ["父" or "母", "父" or "母"] => 33,
            _ => 41,
        };
    }

    private static bool IsSpouse(string term) => term is "夫" or "妻" or "夫（未届）" or "妻（未届）";

    // 父母・祖父母は筆頭者の方を先に記載 (j1010 3-1).
    private static bool IsHeadOfFamilyRegister(ResidentRecord member) =>
        member.HeadOfFamilyRegister is { Length: > 0 } head && head.Replace("　", "").Replace(" ", "") == member.FullName.Replace("　", "");
}
