using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Jumin.Domain.Identifiers;

namespace Jumin.Domain.JukiNet;

/// <summary>
/// 個人番号とすべき番号の生成 (j1130; 番号法8条2項; seed 004 §2.1): a keyed, non-invertible transformation of the
/// 住民票コード (HMAC-SHA-256 under the generation module's own key, reduced to 11 digits) plus the 総務省令 check digit.
/// Without the key nobody can tell the 住民票コード from the number (「生成元の住民票コードが推測できない変換方式」).
/// The attempt number moves on when a number is already taken, and on a 個人番号の変更 (再生成), so the same
/// code yields a fresh number each time.
/// </summary>
public static class IndividualNumberDerivation
{
    private const ulong ElevenDigits = 100_000_000_000UL;

    public static IndividualNumber Derive(ReadOnlySpan<byte> key, ResidentCode residentCode, int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{residentCode.Value}:{attempt}")), mac);
        // 64 bits reduced modulo 10^11: the bias (10^11 / 2^64 ≈ 5e-9) is far below anything observable.
        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(mac) % ElevenDigits;
        return IndividualNumber.FromLeadingDigits(value.ToString("D11", CultureInfo.InvariantCulture));
    }
}
