using Jumin.Domain.Residents;

namespace Jumin.Domain.JukiNet;

/// <summary>How an incoming 本人確認情報 update changes a store.</summary>
public enum IdentityUpdateEffect
{
    /// <summary>The update becomes the person's current row.</summary>
    BecomesCurrent,

    /// <summary>
    /// Kept in the history only: a 消除 from a municipality the person has already moved on from (a 転出 that arrives
    /// after the new municipality's 転入, since the two travel through different 都道府県サーバ).
    /// </summary>
    HistoryOnly,
}

/// <summary>Why an update was refused: the rule, in Japanese.</summary>
public sealed record IdentityUpdateRefusal(string Rule, string Message);

/// <summary>
/// The 論理チェック every level applies to a 本人確認情報 update before storing or forwarding it (j1090; seed 004 §2.4
/// step 7): a 転入 (記載) of a person who is already a resident of that municipality, and a 転居 that changes anything
/// but the address, are errors; so is a change to a person the store does not know, and a 個人番号 that does not
/// belong to the latest 住民票コード (真正性).
/// </summary>
public static class IdentityUpdateRules
{
    /// <param name="current">The person's current row: for a 住民票コードの変更, the row of the previous code.</param>
    /// <param name="incoming">The update.</param>
    public static (IdentityUpdateEffect Effect, IdentityUpdateRefusal? Refusal) Check(IdentityInformation? current, IdentityInformation incoming)
    {
        if (incoming.IsInitialLoad)
        {
            return current is null
                ? Authentic(null, incoming)
                : Refused("already-loaded", $"住民票コード{incoming.ResidentCode}の本人確認情報は既に記録されています（初期移行は一度だけです）。");
        }
        var category = incoming.ChangeReason.Category();
        if (category == ChangeCategory.Entry)
        {
            if (current is { IsResident: true } && current.Municipality == incoming.Municipality)
            {
                return Refused("entry-of-existing-resident", $"住民票コード{incoming.ResidentCode}の人は既に{current.Municipality}の住民として記録されています（{incoming.ChangeReason.JapaneseName()}は記載できません）。");
            }
            return Authentic(current, incoming);
        }
        if (incoming.ChangeReason == ChangeReason.ResidentCodeChangeRequest && incoming.PreviousResidentCode is null)
        {
            return Refused("previous-code-missing", "住民票コードの変更には変更前の住民票コードが必要です。");
        }
        if (current is null && incoming.ChangeReason == ChangeReason.ResidentCodeExOfficioEntry)
        {
            // The first 住民票コード of a person registered without one: from now on the network knows them.
            return Authentic(null, incoming);
        }
        if (current is null)
        {
            return Refused("unknown-resident", $"住民票コード{incoming.ResidentCode}の本人確認情報が記録されていません（{incoming.ChangeReason.JapaneseName()}は記録のある人にのみ行えます）。");
        }
        if (current.Municipality != incoming.Municipality)
        {
            // The municipality the person left, writing to its 除票 after the 転入 elsewhere (a late 転出, a 転入通知の受理):
            // history only. Anything that would make them its resident again is an error.
            return !incoming.IsResident
                ? (IdentityUpdateEffect.HistoryOnly, null)
                : Refused("other-municipality", $"住民票コード{incoming.ResidentCode}の人は現在{current.Municipality}に記録されています。{incoming.Municipality}の住民としては記録できません。");
        }
        if (incoming.ChangeReason == ChangeReason.Relocation)
        {
            var differing = incoming.ItemsOtherThanAddressDifferingFrom(current);
            if (differing.Count > 0)
            {
                return Refused("relocation-changes-other-items", $"転居では住所以外の本人確認情報を変更できません（{string.Join("・", differing)}が異なります）。");
            }
        }
        return Authentic(current, incoming);
    }

    private static (IdentityUpdateEffect, IdentityUpdateRefusal?) Authentic(IdentityInformation? current, IdentityInformation incoming)
    {
        var numberChange = incoming.ChangeReason is ChangeReason.IndividualNumberChangeRequest or ChangeReason.IndividualNumberExOfficioCorrection or ChangeReason.IndividualNumberExOfficioEntry;
        if (!numberChange && current?.IndividualNumber is { } known && incoming.IndividualNumber is { } sent && known != sent)
        {
            return Refused("number-not-authentic", $"個人番号が住民票コード{incoming.ResidentCode}の最新の個人番号と一致しません（真正性）。");
        }
        return (IdentityUpdateEffect.BecomesCurrent, null);
    }

    private static (IdentityUpdateEffect, IdentityUpdateRefusal?) Refused(string rule, string message) =>
        (IdentityUpdateEffect.BecomesCurrent, new IdentityUpdateRefusal(rule, message));
}
