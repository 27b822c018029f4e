namespace Jumin.Domain.Identifiers;

/// <summary>The check-digit formulas the law and the standard prescribe for each identifier.</summary>
public static class CheckDigits
{
    /// <summary>
    /// Modulus 11, weights 2–7 from the lowest digit (M11W2～7, j130). Returns the remainder of the
    /// weighted sum; the check digit is <c>11 - remainder</c>, 0 when the remainder is 0, and
    /// undefined when the remainder is 1 (see docs/adr/0002-mod11-remainder-one.md).
    /// </summary>
    public static int Modulus11Weights2To7Remainder(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var weight = 2;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            sum += (digits[i] - '0') * weight;
            weight = weight == 7 ? 2 : weight + 1;
        }
        return sum % 11;
    }

    /// <summary>
    /// 個人番号の検査用数字 (総務省令第85号第5条): P<sub>n</sub> is the n-th digit from the lowest,
    /// Q<sub>n</sub> = n+1 for n ≤ 6 and n−5 for 7 ≤ n ≤ 11; the check digit is
    /// 11 − (ΣP<sub>n</sub>Q<sub>n</sub> mod 11), or 0 when that remainder is 0 or 1.
    /// </summary>
    public static int IndividualNumber(ReadOnlySpan<char> elevenDigits)
    {
        if (elevenDigits.Length != 11)
        {
            throw new ArgumentException("個人番号の検査用数字は11桁から算出します。", nameof(elevenDigits));
        }
        var sum = 0;
        for (var n = 1; n <= 11; n++)
        {
            var p = elevenDigits[11 - n] - '0';
            var q = n <= 6 ? n + 1 : n - 5;
            sum += p * q;
        }
        var remainder = sum % 11;
        return remainder <= 1 ? 0 : 11 - remainder;
    }

    /// <summary>
    /// 全国地方公共団体コードの検査数字 (JIS X 0402): the five digits weighted 6,5,4,3,2 from the
    /// left; the check digit is the last digit of 11 − (sum mod 11).
    /// </summary>
    public static int LocalGovernmentCode(ReadOnlySpan<char> fiveDigits)
    {
        if (fiveDigits.Length != 5)
        {
            throw new ArgumentException("地方公共団体コードの検査数字は5桁から算出します。", nameof(fiveDigits));
        }
        var sum = 0;
        for (var i = 0; i < 5; i++)
        {
            sum += (fiveDigits[i] - '0') * (6 - i);
        }
        return (11 - (sum % 11)) % 10;
    }

    internal static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Full-width digits and surrounding blanks are accepted on input (counter staff type both).</summary>
    internal static string NormalizeDigitsInput(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return string.Empty;
        }
        Span<char> buffer = stackalloc char[input.Length];
        var length = 0;
        foreach (var c in input)
        {
            if (c is >= '０' and <= '９')
            {
                buffer[length++] = (char)('0' + (c - '０'));
            }
            else if (c is ' ' or '　' or '-' or '－')
            {
                // Separators as printed on cards ("1234 5678 9012") are ignored.
            }
            else
            {
                buffer[length++] = c;
            }
        }
        return new string(buffer[..length]);
    }
}
