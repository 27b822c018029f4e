namespace Jumin.Domain.Identifiers;

/// <summary>
/// The numbering scheme shared by 宛名番号 and 世帯番号 (j130): a simple serial followed by one
/// M11W2～7 check digit. Serials whose remainder is 1 have no single-digit check digit and are
/// never issued (docs/adr/0002-mod11-remainder-one.md).
/// </summary>
internal static class SerialNumberWithCheckDigit
{
    public const int SerialDigits = 9;
    public const int TotalDigits = SerialDigits + 1;
    public const long MaxSerial = 999_999_999;

    public static bool IsIssuable(long serial) =>
        serial is >= 1 and <= MaxSerial && RemainderOf(serial) != 1;

    public static int CheckDigitOf(long serial)
    {
        var remainder = RemainderOf(serial);
        return remainder switch
        {
            0 => 0,
            1 => throw new ArgumentOutOfRangeException(nameof(serial), serial, "余り1の連番は付番しません。"),
            _ => 11 - remainder,
        };
    }

    public static string Format(long serial) =>
        serial.ToString("D9", System.Globalization.CultureInfo.InvariantCulture) + CheckDigitOf(serial);

    /// <summary>The lowest issuable serial that is ≥ <paramref name="serial"/>.</summary>
    public static long NextIssuable(long serial)
    {
        var candidate = Math.Max(1, serial);
        while (!IsIssuable(candidate))
        {
            candidate++;
            if (candidate > MaxSerial)
            {
                throw new InvalidOperationException("付番できる番号が残っていません。");
            }
        }
        return candidate;
    }

    public static ValidationError? TryParse(string? input, string label, out long serial)
    {
        serial = 0;
        var s = CheckDigits.NormalizeDigitsInput(input);
        if (s.Length == 0)
        {
            return new("required", $"{label}を入力してください。");
        }
        if (!CheckDigits.AllDigits(s))
        {
            return new("digits", $"{label}は数字のみで入力してください。");
        }
        if (s.Length != TotalDigits)
        {
            return new("length", $"{label}は{TotalDigits}桁で入力してください（{s.Length}桁が入力されました）。");
        }
        var parsed = long.Parse(s.AsSpan(0, SerialDigits), System.Globalization.CultureInfo.InvariantCulture);
        if (parsed == 0)
        {
            return new("range", $"{label}に0番は存在しません。");
        }
        var remainder = RemainderOf(parsed);
        if (remainder == 1 || s[SerialDigits] - '0' != (remainder == 0 ? 0 : 11 - remainder))
        {
            return new("check-digit", $"{label}のチェックデジット（モジュラス11・ウェイト2～7）が一致しません。");
        }
        serial = parsed;
        return null;
    }

    private static int RemainderOf(long serial) =>
        CheckDigits.Modulus11Weights2To7Remainder(serial.ToString("D9", System.Globalization.CultureInfo.InvariantCulture));
}
