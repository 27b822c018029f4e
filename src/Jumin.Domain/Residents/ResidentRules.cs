namespace Jumin.Domain.Residents;

/// <summary>
/// Checks that hold for every 住民票 row whatever change produced it. Each broken rule names the
/// item it concerns, so that the screen can put the message beside the field.
/// </summary>
public static class ResidentRules
{
    public static IReadOnlyList<FieldValidationException> Check(ResidentRecord r)
    {
        var errors = new List<FieldValidationException>();
        if (string.IsNullOrWhiteSpace(r.GivenName) && string.IsNullOrWhiteSpace(r.AlphabetName))
        {
            errors.Add(new("givenName", "氏名", new("required", "氏名を入力してください。")));
        }
        if (r.HistoryNumber < 1)
        {
            errors.Add(new("historyNumber", "履歴番号", new("range", "履歴番号は1からの連番です。")));
        }
        if (r.Kind == ResidentKind.Japanese && r.DomicileStatus == DomicileStatus.NotApplicable)
        {
            errors.Add(new("domicileStatus", "本籍・筆頭者", new("japanese-domicile", "日本人住民の本籍・筆頭者は記載・「なし」・「不明」のいずれかです。")));
        }
        if (r.Kind == ResidentKind.Foreign && (r.Nationality is null || r.Article3045Category is null))
        {
            errors.Add(new("nationality", "国籍・地域", new("foreign-items", "外国人住民は国籍・地域と法第30条の45の区分が必要です。")));
        }
        if (r.HouseholdHeadAtenaNumber is not null && r.Relationship is null)
        {
            errors.Add(new("relationship", "続柄", new("required", "世帯主がいる世帯の世帯員は続柄が必要です。")));
        }
        if (r.Relationship?.IsHead == true && !Equals(r.HouseholdHeadAtenaNumber, r.AtenaNumber))
        {
            errors.Add(new("relationship", "続柄", new("head", "続柄が世帯主の人は、本人が世帯主として記録されている必要があります。")));
        }
        if (!r.IsResident && r.RemovalReason is null)
        {
            errors.Add(new("removalReason", "消除事由", new("required", "除票には消除事由が必要です。")));
        }
        if (r.RemovalReason is { } reason && reason.Category() != ChangeCategory.Removal)
        {
            errors.Add(new("removalReason", "消除事由", new("category", $"「{reason.JapaneseName()}」は消除の事由ではありません。")));
        }
        var applies = r.ChangeReason.AppliesTo();
        if ((applies == ReasonAppliesTo.JapaneseOnly && r.Kind != ResidentKind.Japanese)
            || (applies == ReasonAppliesTo.ForeignOnly && r.Kind != ResidentKind.Foreign))
        {
            errors.Add(new("changeReason", "異動事由", new("kind", $"異動事由「{r.ChangeReason.JapaneseName()}」はこの住民種別には使えません。")));
        }
        return errors;
    }
}
