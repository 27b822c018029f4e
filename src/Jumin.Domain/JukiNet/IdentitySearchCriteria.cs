using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;

namespace Jumin.Domain.JukiNet;

/// <summary>
/// 本人確認情報の検索条件 (CS 検索 and 全国サーバへの照会; seed 004 §2.5, Ⅲ(2) 照会条件の限定): by 住民票コード, by 個人番号,
/// or by at least two of the 基本4情報 other than 性別 (氏名, 氏名の振り仮名, 生年月日, 住所). 性別 narrows a search but
/// never counts: a name alone, or 性別 with 生年月日, is refused.
/// </summary>
public sealed record IdentitySearchCriteria
{
    private IdentitySearchCriteria()
    {
    }

    public ResidentCode? ResidentCode { get; private init; }

    public IndividualNumber? IndividualNumber { get; private init; }

    public string? Name { get; private init; }

    public string? NameKana { get; private init; }

    public string? BirthDate { get; private init; }

    public Sex? Sex { get; private init; }

    public string? Address { get; private init; }

    /// <summary>What the criteria were, for the provision log (never the 個人番号 itself).</summary>
    public string Describe()
    {
        if (ResidentCode is not null)
        {
            return $"住民票コード {ResidentCode}";
        }
        if (IndividualNumber is not null)
        {
            return "個人番号";
        }
        var parts = new List<string>();
        if (Name is not null)
        {
            parts.Add("氏名");
        }
        if (NameKana is not null)
        {
            parts.Add("氏名の振り仮名");
        }
        if (BirthDate is not null)
        {
            parts.Add("生年月日");
        }
        if (Sex is not null)
        {
            parts.Add("性別");
        }
        if (Address is not null)
        {
            parts.Add("住所");
        }
        return string.Join("・", parts);
    }

    /// <summary>Builds the criteria, or throws naming the field and the rule.</summary>
    /// <exception cref="FieldValidationException">A malformed 住民票コード or 個人番号, or too few items.</exception>
    public static IdentitySearchCriteria Create(string? residentCode, string? individualNumber, string? name, string? nameKana, string? birthDate, Sex? sex, string? address)
    {
        if (!string.IsNullOrWhiteSpace(residentCode))
        {
            return Identifiers.ResidentCode.TryParse(residentCode, out var code, out var error)
                ? new IdentitySearchCriteria { ResidentCode = code }
                : throw new FieldValidationException("residentCode", Identifiers.ResidentCode.Label, error);
        }
        if (!string.IsNullOrWhiteSpace(individualNumber))
        {
            return Identifiers.IndividualNumber.TryParse(individualNumber, out var number, out var error)
                ? new IdentitySearchCriteria { IndividualNumber = number }
                : throw new FieldValidationException("individualNumber", Identifiers.IndividualNumber.Label, error);
        }
        var candidate = new IdentitySearchCriteria
        {
            Name = Blank(name),
            NameKana = Blank(nameKana),
            BirthDate = Blank(birthDate),
            Sex = sex,
            Address = Blank(address),
        };
        var counted = new[] { candidate.Name, candidate.NameKana, candidate.BirthDate, candidate.Address }.Count(v => v is not null);
        return counted >= 2
            ? candidate
            : throw new FieldValidationException("criteria", "検索条件", new ValidationError("too-few-items",
                "住民票コード、個人番号、または性別以外の基本4情報（氏名・氏名の振り仮名・生年月日・住所）のうち2項目以上を指定してください。"));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
