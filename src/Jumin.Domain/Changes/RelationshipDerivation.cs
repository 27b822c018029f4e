using Jumin.Domain.Residents;

namespace Jumin.Domain.Changes;

/// <summary>
/// 世帯主変更による続柄設定 (j730): each member's 続柄 to the new 世帯主, derived from the 続柄 to the
/// old one — the chain "new 世帯主 → old 世帯主 → member", shortened where the standard's terms say
/// the same thing more simply (a couple's child is 子, not 夫の子; 父の妻 is 母; 父の子 is 兄・姉・弟・妹 by
/// age and sex). What cannot be derived is left to the clerk, who sees every result in 入力確認 (j540).
/// </summary>
public static class RelationshipDerivation
{
    /// <summary>The member's 続柄 to <paramref name="newHead"/>, or null when it cannot be derived.</summary>
    public static Relationship? ToNewHead(ResidentRecord oldHead, ResidentRecord newHead, ResidentRecord member)
    {
        if (member.AtenaNumber == newHead.AtenaNumber)
        {
            return Relationship.Head;
        }
        if (newHead.Relationship is not { Chain.Count: > 0 } newHeadToOld)
        {
            return null;
        }
        // What the old 世帯主 is to the new one.
        var inverse = Inverse(newHeadToOld.Chain, oldHead.Sex);
        if (inverse is null)
        {
            return null;
        }
        if (member.AtenaNumber == oldHead.AtenaNumber)
        {
            return Relationship.FromChain(inverse);
        }
        if (member.Relationship is not { Chain.Count: > 0 } memberToOld)
        {
            return member.Relationship == Relationship.Lodger ? Relationship.Lodger : null;
        }
        return Simplify([.. inverse, .. memberToOld.Chain], newHead, member);
    }

    /// <summary>"A is X of B" → "B is ? of A", for chains of one term; longer chains are not inverted.</summary>
    private static List<string>? Inverse(IReadOnlyList<string> chain, Sex sexOfB)
    {
        if (chain.Count != 1)
        {
            return null;
        }
        var male = sexOfB == Sex.Male;
        string? term = chain[0] switch
        {
            "妻" => "夫",
            "夫" => "妻",
            "妻（未届）" => "夫（未届）",
            "夫（未届）" => "妻（未届）",
            "子" => male ? "父" : "母",
            "父" or "母" => "子",
            "兄" or "姉" => male ? "弟" : "妹",
            "弟" or "妹" => male ? "兄" : "姉",
            _ => null,
        };
        return term is null ? null : [term];
    }

    private static Relationship Simplify(List<string> chain, ResidentRecord newHead, ResidentRecord member)
    {
        // 夫の子 / 妻の子: the couple's child (the clerk corrects a step-child in 入力確認).
        if (chain.Count >= 2 && chain[0] is "夫" or "妻" && chain[1] == "子")
        {
            chain = ["子", .. chain.Skip(2)];
        }
        // 父の子 / 母の子: a sibling, older or younger by birth date.
        else if (chain.Count == 2 && chain[0] is "父" or "母" && chain[1] == "子")
        {
            var older = member.BirthDate.SortKey < newHead.BirthDate.SortKey;
            chain = [member.Sex == Sex.Male ? (older ? "兄" : "弟") : (older ? "姉" : "妹")];
        }
        // 父の妻 / 母の夫: the other parent (the clerk corrects a step-parent in 入力確認).
        else if (chain.Count == 2 && ((chain[0] == "父" && chain[1] == "妻") || (chain[0] == "母" && chain[1] == "夫")))
        {
            chain = [chain[1] == "妻" ? "母" : "父"];
        }
        // 子の父 / 子の母: the other parent, i.e. the spouse.
        else if (chain.Count == 2 && chain[0] == "子" && chain[1] is "父" or "母")
        {
            chain = [member.Sex == Sex.Male ? "夫" : "妻"];
        }
        return Relationship.FromChain(chain);
    }
}
