using System.Diagnostics.CodeAnalysis;

namespace Jumin.Domain.Identifiers;

/// <summary>
/// 全国地方公共団体コード — JIS X 0401 prefecture (01–47) + JIS X 0402 municipality (3 digits)
/// + check digit. Also accepted in its 5-digit form, to which the check digit is added.
/// </summary>
public sealed class LocalGovernmentCode : IEquatable<LocalGovernmentCode>
{
    public const string Label = "地方公共団体コード";

    private LocalGovernmentCode(string sixDigits) => Value = sixDigits;

    /// <summary>The six digits including the check digit, e.g. 032018.</summary>
    public string Value { get; }

    /// <summary>The prefecture part (JIS X 0401), e.g. 03.</summary>
    public string PrefectureCode => Value[..2];

    /// <summary>The five digits without the check digit, as used inside 住所コード (j250).</summary>
    public string FiveDigits => Value[..5];

    public static bool TryParse(string? input, [NotNullWhen(true)] out LocalGovernmentCode? value, [NotNullWhen(false)] out ValidationError? error)
    {
        value = null;
        var digits = CheckDigits.NormalizeDigitsInput(input);
        var length = digits.Length == 5 ? 5 : 6;
        error = FixedDigits.TryNormalize(digits, length, Label, out digits);
        if (error is not null)
        {
            return false;
        }
        var prefecture = int.Parse(digits.AsSpan(0, 2), System.Globalization.CultureInfo.InvariantCulture);
        if (prefecture is < 1 or > 47)
        {
            error = new("prefecture", $"{Label}の都道府県コード（上2桁）は01～47です。");
            return false;
        }
        var check = CheckDigits.LocalGovernmentCode(digits.AsSpan(0, 5));
        if (length == 6 && digits[5] - '0' != check)
        {
            error = new("check-digit", $"{Label}の検査数字が一致しません。");
            return false;
        }
        value = new(digits[..5] + check);
        return true;
    }

    public static LocalGovernmentCode Parse(string input) =>
        TryParse(input, out var value, out var error) ? value : throw new InvalidValueException(error);

    public bool Equals(LocalGovernmentCode? other) => other is not null && other.Value == Value;

    public override bool Equals(object? obj) => Equals(obj as LocalGovernmentCode);

    public static bool operator ==(LocalGovernmentCode? left, LocalGovernmentCode? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(LocalGovernmentCode? left, LocalGovernmentCode? right) => !(left == right);

    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Value;
}
