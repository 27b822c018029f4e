using System.Diagnostics.CodeAnalysis;

namespace Jumin.Domain.Identifiers;

/// <summary>郵便番号 (j170) — 7 digits, shown as 〒123-4567.</summary>
public sealed record PostalCode
{
    public const string Label = "郵便番号";

    private PostalCode(string digits) => Digits = digits;

    public string Digits { get; }

    public static bool TryParse(string? input, [NotNullWhen(true)] out PostalCode? value, [NotNullWhen(false)] out ValidationError? error)
    {
        value = null;
        error = FixedDigits.TryNormalize(input?.Replace("〒", "", StringComparison.Ordinal), 7, Label, out var digits);
        if (error is not null)
        {
            return false;
        }
        value = new(digits);
        return true;
    }

    public static PostalCode Parse(string input) =>
        TryParse(input, out var value, out var error) ? value : throw new InvalidValueException(error);

    public override string ToString() => $"〒{Digits[..3]}-{Digits[3..]}";
}

/// <summary>
/// 住所コード (j250) — 11 digits: 都道府県 (2) + 市区町村 (3) per 全国地方公共団体コード,
/// then 大字 (3) and 小字 (3) from the address dictionary.
/// </summary>
public sealed record AddressCode
{
    public const string Label = "住所コード";

    private AddressCode(string digits) => Value = digits;

    public string Value { get; }

    /// <summary>The 5-digit municipality part (地方公共団体コード without check digit).</summary>
    public string MunicipalityCode => Value[..5];

    public static bool TryParse(string? input, [NotNullWhen(true)] out AddressCode? value, [NotNullWhen(false)] out ValidationError? error)
    {
        value = null;
        error = FixedDigits.TryNormalize(input, 11, Label, out var digits);
        if (error is not null)
        {
            return false;
        }
        if (!LocalGovernmentCode.TryParse(digits[..5], out _, out var municipalityError))
        {
            error = new("municipality", $"{Label}の上5桁は地方公共団体コードです：{municipalityError.Message}");
            return false;
        }
        value = new(digits);
        return true;
    }

    public static AddressCode Parse(string input) =>
        TryParse(input, out var value, out var error) ? value : throw new InvalidValueException(error);

    public override string ToString() => Value;
}

/// <summary>在留カード等番号 — 2 letters, 8 digits, 2 letters (在留カード・特別永住者証明書).</summary>
public sealed record ResidenceCardNumber
{
    public const string Label = "在留カード等番号";

    private ResidenceCardNumber(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? input, [NotNullWhen(true)] out ResidenceCardNumber? value, [NotNullWhen(false)] out ValidationError? error)
    {
        value = null;
        error = null;
        var text = (input ?? string.Empty).Normalize(System.Text.NormalizationForm.FormKC).Trim().ToUpperInvariant();
        var ok = text.Length == 12
            && char.IsAsciiLetterUpper(text[0]) && char.IsAsciiLetterUpper(text[1])
            && CheckDigits.AllDigits(text.AsSpan(2, 8))
            && char.IsAsciiLetterUpper(text[10]) && char.IsAsciiLetterUpper(text[11]);
        if (!ok)
        {
            error = new("format", $"{Label}は英字2文字・数字8桁・英字2文字の12文字です（例：AB12345678CD）。");
            return false;
        }
        value = new(text);
        return true;
    }

    public static ResidenceCardNumber Parse(string input) =>
        TryParse(input, out var value, out var error) ? value : throw new InvalidValueException(error);

    public override string ToString() => Value;
}

/// <summary>基礎年金番号 — 10 digits (4-digit office code + 6-digit serial), shown as 1234-567890.</summary>
public sealed record BasicPensionNumber
{
    public const string Label = "基礎年金番号";

    private BasicPensionNumber(string digits) => Digits = digits;

    public string Digits { get; }

    public static bool TryParse(string? input, [NotNullWhen(true)] out BasicPensionNumber? value, [NotNullWhen(false)] out ValidationError? error)
    {
        value = null;
        error = FixedDigits.TryNormalize(input, 10, Label, out var digits);
        if (error is not null)
        {
            return false;
        }
        value = new(digits);
        return true;
    }

    public static BasicPensionNumber Parse(string input) =>
        TryParse(input, out var value, out var error) ? value : throw new InvalidValueException(error);

    public override string ToString() => $"{Digits[..4]}-{Digits[4..]}";
}
