using System.Diagnostics.CodeAnalysis;

namespace Jumin.Domain.Identifiers;

/// <summary>
/// 住民票コード — 11 digits (住民基本台帳法施行規則第1条: ten random digits and one check digit).
/// The check-digit formula is set by a 総務大臣 notice that is not among our sources, so only the
/// form is validated here; codes themselves come from the pool that 住基ネット hands out
/// (docs/adr/0003-resident-code-validation.md).
/// </summary>
public sealed class ResidentCode : IEquatable<ResidentCode>
{
    public const string Label = "住民票コード";

    private ResidentCode(string digits) => Value = digits;

    public string Value { get; }

    public static bool TryParse(string? input, [NotNullWhen(true)] out ResidentCode? value, [NotNullWhen(false)] out ValidationError? error)
    {
        value = null;
        error = FixedDigits.TryNormalize(input, 11, Label, out var digits);
        if (error is not null)
        {
            return false;
        }
        if (digits.AsSpan().IndexOfAnyExcept('0') < 0)
        {
            error = new("range", $"{Label}にすべて0の番号は存在しません。");
            return false;
        }
        value = new(digits);
        return true;
    }

    public static ResidentCode Parse(string input) =>
        TryParse(input, out var value, out var error) ? value : throw new InvalidValueException(error);

    public bool Equals(ResidentCode? other) => other is not null && other.Value == Value;

    public override bool Equals(object? obj) => Equals(obj as ResidentCode);

    public static bool operator ==(ResidentCode? left, ResidentCode? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(ResidentCode? left, ResidentCode? right) => !(left == right);

    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Value;
}
