using System.Globalization;
using System.Text;

namespace Jumin.Domain.Residents;

/// <summary>What a free-text item may hold.</summary>
public enum TextKind
{
    /// <summary>One line of any printable characters.</summary>
    Line,

    /// <summary>フリガナ (j180): カタカナ, ー, ・ and spaces only.</summary>
    Kana,

    /// <summary>Several lines (備考, 留意事項): line breaks and tabs allowed.</summary>
    Lines,
}

/// <summary>The field name, label, longest length (in characters) and kind of one free-text item.</summary>
public sealed record TextItem(string Field, string Label, int MaxLength, TextKind Kind = TextKind.Line);

/// <summary>
/// 記載事項の文字数と文字種: the limits every free-text item of a 異動 is held to, whatever screen, API or file it came
/// from. The lengths leave room for any real name or address (j1070 handles what does not fit on paper); they exist so
/// that a 200,000-character value or a control character never reaches the register, the 住基ネット or a certificate.
/// </summary>
public static class TextItems
{
    public static readonly TextItem FamilyName = new("familyName", "氏", 50);
    public static readonly TextItem GivenName = new("givenName", "名", 50);
    public static readonly TextItem FamilyNameKana = new("familyNameKana", "氏のフリガナ", 100, TextKind.Kana);
    public static readonly TextItem GivenNameKana = new("givenNameKana", "名のフリガナ", 100, TextKind.Kana);
    public static readonly TextItem AlphabetName = new("alphabetName", "氏名（アルファベット表記）", 200);
    public static readonly TextItem Domicile = new("domicile", "本籍", 100);
    public static readonly TextItem HeadOfFamilyRegister = new("headOfFamilyRegister", "筆頭者", 100);
    public static readonly TextItem FormerSurname = new("formerSurname", "旧氏", 50);
    public static readonly TextItem FormerSurnameKana = new("formerSurnameKana", "旧氏のフリガナ", 100, TextKind.Kana);
    public static readonly TextItem Alias = new("alias", "通称", 100);
    public static readonly TextItem AliasKana = new("aliasKana", "通称のフリガナ", 200, TextKind.Kana);
    public static readonly TextItem Nationality = new("nationality", "国籍・地域", 50);
    public static readonly TextItem StatusOfResidence = new("statusOfResidence", "在留資格", 50);
    public static readonly TextItem PeriodOfStay = new("periodOfStay", "在留期間", 30);
    public static readonly TextItem Katagaki = new("katagaki", "方書", 100);
    public static readonly TextItem Remarks = new("remarks", "備考", 500, TextKind.Lines);
    public static readonly TextItem DeFactoHouseholdHeadName = new("deFactoHouseholdHeadName", "事実上の世帯主", 100);
    public static readonly TextItem Address = new("address", "住所", 100);
    public static readonly TextItem Banchi = new("banchi", "番地", 50);
    public static readonly TextItem OtherAddress = new("address", "住所", 200);
    public static readonly TextItem HouseholdHeadName = new("householdHeadName", "世帯主の氏名", 100);
    public static readonly TextItem DistrictCode = new("districtCode", "行政区", 20);
    public static readonly TextItem Note = new("note", "留意事項", 1000, TextKind.Lines);
    public static readonly TextItem NotifierName = new("notifierName", "届出人の氏名", 100);

    /// <summary>Why <paramref name="value"/> cannot be held by <paramref name="item"/>, or null when it can (null and empty can).</summary>
    public static ValidationError? Check(string? value, TextItem item)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        // A lone surrogate is no character: neither a certificate nor the 住基ネット could carry it.
        if (HasLoneSurrogate(value))
        {
            return new("encoding", $"{item.Label}に文字として読めない値が含まれています。");
        }
        var length = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            length++;
            if (IsForbidden(rune, item.Kind))
            {
                return new("control", $"{item.Label}に制御文字・書式文字（{Describe(rune)}）は使えません。");
            }
            if (item.Kind == TextKind.Kana && !IsKana(rune))
            {
                return new("kana", $"{item.Label}はカタカナで入力してください（「{rune}」は使えません。長音は「ー」、区切りは空白か「・」）。");
            }
        }
        return length > item.MaxLength ? new("length", $"{item.Label}は{item.MaxLength}文字までです（{length}文字入力されています）。") : null;
    }

    /// <summary>Every broken text rule of the given items, the field names prefixed with <paramref name="prefix"/> (empty for none).</summary>
    public static IEnumerable<FieldValidationException> Failures(IEnumerable<(string? Value, TextItem Item)> items, string prefix) =>
        items.Select(i => (i.Item, Error: Check(i.Value, i.Item)))
            .Where(i => i.Error is not null)
            .Select(i => new FieldValidationException(prefix.Length == 0 ? i.Item.Field : $"{prefix}.{i.Item.Field}", i.Item.Label, i.Error!));

    private static bool IsForbidden(Rune rune, TextKind kind)
    {
        if (kind == TextKind.Lines && rune.Value is '\n' or '\r' or '\t')
        {
            return false;
        }
        var category = Rune.GetUnicodeCategory(rune);
        // Cc: NUL, line breaks in a one-line item …; Cf: bidirectional overrides and zero-width characters that make
        // a name look like another; Cs/Cn: no character at all. U+2028/2029 break lines as well.
        return category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
    }

    private static bool IsKana(Rune rune) =>
        rune.Value is (>= 0x30A1 and <= 0x30FA) or 0x30FC or 0x30FB or 0x30FD or 0x30FE or ' ' or '\u3000';

    private static bool HasLoneSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return true;
            }
        }
        return false;
    }

    private static string Describe(Rune rune) => $"U+{rune.Value:X4}";
}
