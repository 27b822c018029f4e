using System.Diagnostics.CodeAnalysis;

namespace Jumin.Domain.Identifiers;

/// <summary>
/// 個人番号 (マイナンバー) — 12 digits, the last a check digit per 総務省令第85号第5条.
/// <see cref="ToString"/> is masked so that the number never reaches a log line or an error
/// message by accident; code that must show it reads <see cref="Digits"/> explicitly, and every
/// such display is flagged in the audit log (j1370).
/// </summary>
public sealed class IndividualNumber : IEquatable<IndividualNumber>
{
    public const string Label = "個人番号";

    private IndividualNumber(string digits) => Digits = digits;

    /// <summary>The 12 digits. Reading this is showing the 個人番号: audit it.</summary>
    public string Digits { get; }

    /// <summary>Makes the number for 11 leading digits (used by number generation and tests).</summary>
    public static IndividualNumber FromLeadingDigits(string elevenDigits)
    {
        if (elevenDigits.Length != 11 || !CheckDigits.AllDigits(elevenDigits))
        {
            throw new ArgumentException("11桁の数字が必要です。", nameof(elevenDigits));
        }
        return new(elevenDigits + CheckDigits.IndividualNumber(elevenDigits));
    }

    public static bool TryParse(string? input, [NotNullWhen(true)] out IndividualNumber? value, [NotNullWhen(false)] out ValidationError? error)
    {
        value = null;
        error = FixedDigits.TryNormalize(input, 12, Label, out var digits);
        if (error is not null)
        {
            return false;
        }
        if (CheckDigits.IndividualNumber(digits.AsSpan(0, 11)) != digits[11] - '0')
        {
            error = new("check-digit", $"{Label}の検査用数字が一致しません（総務省令第85号第5条）。");
            return false;
        }
        value = new(digits);
        return true;
    }

    public static IndividualNumber Parse(string input) =>
        TryParse(input, out var value, out var error) ? value : throw new InvalidValueException(error);

    public bool Equals(IndividualNumber? other) => other is not null && other.Digits == Digits;

    public override bool Equals(object? obj) => Equals(obj as IndividualNumber);

    public static bool operator ==(IndividualNumber? left, IndividualNumber? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(IndividualNumber? left, IndividualNumber? right) => !(left == right);

    public override int GetHashCode() => Digits.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => "個人番号(非表示)";
}
