namespace Jumin.Domain.Identifiers;

/// <summary>The common first step of every fixed-length numeric identifier: digits only, exact length.</summary>
internal static class FixedDigits
{
    public static ValidationError? TryNormalize(string? input, int length, string label, out string digits)
    {
        digits = CheckDigits.NormalizeDigitsInput(input);
        if (digits.Length == 0)
        {
            return new("required", $"{label}を入力してください。");
        }
        if (!CheckDigits.AllDigits(digits))
        {
            return new("digits", $"{label}は数字のみで入力してください。");
        }
        if (digits.Length != length)
        {
            return new("length", $"{label}は{length}桁で入力してください（{digits.Length}桁が入力されました）。");
        }
        return null;
    }
}
