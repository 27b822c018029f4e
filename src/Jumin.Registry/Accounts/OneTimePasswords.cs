using NodaTime;
using OtpNet;

namespace Jumin.Registry.Accounts;

/// <summary>What a new account's holder puts into an authenticator app: the secret and its <c>otpauth://</c> address.</summary>
public sealed record SecondFactorEnrolment(string UserId, string Secret, string Uri);

/// <summary>
/// 二要素認証 (issue 5, seeds M-09: IC card and password): time-based one-time passwords
/// (RFC 6238, 6 digits, 30-second steps, as every authenticator app makes them) stand in for the
/// staff IC card. A code is accepted one step early or late for clock drift, and each step at
/// most once per account, so a code read over a shoulder cannot be used again.
/// </summary>
public sealed class OneTimePasswords(IClock clock)
{
    public const int StepSeconds = 30;

    private static readonly VerificationWindow Drift = new(previous: 1, future: 1);

    /// <summary>A new random secret (160 bits, the RFC's recommendation for SHA-1).</summary>
    public static byte[] NewSecret() => KeyGeneration.GenerateRandomKey(20);

    public static SecondFactorEnrolment Enrolment(string userId, string issuer, byte[] secret)
    {
        var encoded = Base32Encoding.ToString(secret);
        var label = Uri.EscapeDataString($"{issuer}:{userId}");
        return new(userId, encoded, $"otpauth://totp/{label}?secret={encoded}&issuer={Uri.EscapeDataString(issuer)}&digits=6&period={StepSeconds}");
    }

    /// <summary>
    /// The step the code belongs to if it is valid now and newer than <paramref name="lastUsedStep"/>;
    /// <see cref="SecondFactorCheck.Replayed"/> when it is valid but its step was already used.
    /// </summary>
    public (SecondFactorCheck Check, long Step) Verify(byte[] secret, string? code, long lastUsedStep)
    {
        var digits = code?.Trim() ?? "";
        if (digits.Length != 6 || !digits.All(char.IsAsciiDigit))
        {
            return (SecondFactorCheck.Wrong, 0);
        }
        if (!new Totp(secret, StepSeconds).VerifyTotp(clock.GetCurrentInstant().ToDateTimeUtc(), digits, out var step, Drift))
        {
            return (SecondFactorCheck.Wrong, 0);
        }
        return step > lastUsedStep ? (SecondFactorCheck.Accepted, step) : (SecondFactorCheck.Replayed, step);
    }

    /// <summary>The code an authenticator app shows now (the demo's <c>jumin code</c> and tests).</summary>
    public string Now(string base32Secret) =>
        new Totp(Base32Encoding.ToBytes(base32Secret), StepSeconds).ComputeTotp(clock.GetCurrentInstant().ToDateTimeUtc());
}

public enum SecondFactorCheck
{
    Accepted,
    Wrong,
    Replayed,
}
