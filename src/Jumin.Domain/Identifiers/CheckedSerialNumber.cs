using System.Diagnostics.CodeAnalysis;

namespace Jumin.Domain.Identifiers;

/// <summary>What each numbered type tells the shared scheme: its Japanese name and how to make one.</summary>
public interface ICheckedSerialNumber<TSelf> where TSelf : CheckedSerialNumber<TSelf>, ICheckedSerialNumber<TSelf>
{
    static abstract string Label { get; }

    internal static abstract TSelf Create(long serial);
}

/// <summary>
/// A number issued by the register: simple serial + M11W2～7 check digit (j130). Equal when the
/// serials are equal; ordered by serial.
/// </summary>
public abstract class CheckedSerialNumber<TSelf> : IEquatable<TSelf>, IComparable<TSelf>
    where TSelf : CheckedSerialNumber<TSelf>, ICheckedSerialNumber<TSelf>
{
    private protected CheckedSerialNumber(long serial)
    {
        Serial = serial;
        Value = SerialNumberWithCheckDigit.Format(serial);
    }

    /// <summary>The serial without its check digit, as numbered by the register.</summary>
    public long Serial { get; }

    /// <summary>The 10-digit number as printed and entered.</summary>
    public string Value { get; }

    /// <summary>Issues the number for a serial; serials with remainder 1 are not issuable (ADR 0002).</summary>
    public static TSelf FromSerial(long serial) =>
        SerialNumberWithCheckDigit.IsIssuable(serial)
            ? TSelf.Create(serial)
            : throw new InvalidValueException(new("not-issuable", $"連番{serial}は{TSelf.Label}として付番できません。"));

    /// <summary>The lowest issuable serial at or after <paramref name="serial"/>.</summary>
    public static long NextIssuableSerial(long serial) => SerialNumberWithCheckDigit.NextIssuable(serial);

    public static bool TryParse(string? input, [NotNullWhen(true)] out TSelf? value, [NotNullWhen(false)] out ValidationError? error)
    {
        error = SerialNumberWithCheckDigit.TryParse(input, TSelf.Label, out var serial);
        value = error is null ? TSelf.Create(serial) : null;
        return error is null;
    }

    public static TSelf Parse(string input) =>
        TryParse(input, out var value, out var error) ? value : throw new InvalidValueException(error);

    public bool Equals(TSelf? other) => other is not null && other.Serial == Serial;

    public override bool Equals(object? obj) => obj is TSelf other && Equals(other);

    public override int GetHashCode() => Serial.GetHashCode();

    public int CompareTo(TSelf? other) => other is null ? 1 : Serial.CompareTo(other.Serial);

    public override string ToString() => Value;

    public static bool operator ==(CheckedSerialNumber<TSelf>? left, CheckedSerialNumber<TSelf>? right) =>
        left is null ? right is null : right is not null && left.Serial == right.Serial;

    public static bool operator !=(CheckedSerialNumber<TSelf>? left, CheckedSerialNumber<TSelf>? right) => !(left == right);

    public static bool operator <(CheckedSerialNumber<TSelf> left, CheckedSerialNumber<TSelf> right) => left.Serial < right.Serial;

    public static bool operator <=(CheckedSerialNumber<TSelf> left, CheckedSerialNumber<TSelf> right) => left.Serial <= right.Serial;

    public static bool operator >(CheckedSerialNumber<TSelf> left, CheckedSerialNumber<TSelf> right) => left.Serial > right.Serial;

    public static bool operator >=(CheckedSerialNumber<TSelf> left, CheckedSerialNumber<TSelf> right) => left.Serial >= right.Serial;
}

/// <summary>
/// 宛名番号 — the municipality's number for one person (j130). It stays the same for life in this
/// municipality, also across 区間異動 in 指定都市.
/// </summary>
public sealed class AtenaNumber : CheckedSerialNumber<AtenaNumber>, ICheckedSerialNumber<AtenaNumber>
{
    private AtenaNumber(long serial) : base(serial) { }

    public static string Label => "宛名番号";

    static AtenaNumber ICheckedSerialNumber<AtenaNumber>.Create(long serial) => new(serial);
}

/// <summary>
/// 世帯番号 — the number of one 世帯 (j130). In 指定都市 a 区間異動 issues a new 世帯番号 while the
/// 宛名番号 stays.
/// </summary>
public sealed class HouseholdNumber : CheckedSerialNumber<HouseholdNumber>, ICheckedSerialNumber<HouseholdNumber>
{
    private HouseholdNumber(long serial) : base(serial) { }

    public static string Label => "世帯番号";

    static HouseholdNumber ICheckedSerialNumber<HouseholdNumber>.Create(long serial) => new(serial);
}
