using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Jumin.JukiNet.Protocol;

/// <summary>
/// The two message streams between a pair of nodes. Each has its own sequence numbers.
/// </summary>
public static class Streams
{
    /// <summary>
    /// 更新 — 本人確認情報 updates and other notices that must be applied in order: sequence n+1 is accepted only after n,
    /// and a message is sent again until it is acknowledged (j1090).
    /// </summary>
    public const string Update = "update";

    /// <summary>
    /// 要求 — a question answered at once (照会, 個人番号生成要求): numbers only increase; gaps are allowed (a request
    /// that never arrived is not waited for), but a number already seen is a replay.
    /// </summary>
    public const string Request = "request";
}

/// <summary>
/// One 住基ネット message: who sends it to whom, on which stream and with which sequence number, what it is, its body,
/// and the sender's ECDSA signature over all of them. A receiver checks the signature against the certificate the
/// project CA issued to <see cref="From"/>, so a message cannot be altered or forged on its way, even by a relay.
/// </summary>
public sealed record Envelope
{
    public required string From { get; init; }

    public required string To { get; init; }

    public required string Stream { get; init; }

    public required long Sequence { get; init; }

    /// <summary>The message type, e.g. <c>identity-update</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The message, as JSON text (signed as it is).</summary>
    public required string Body { get; init; }

    /// <summary>When it was first sent (ISO 8601, UTC); a resend keeps it, so a resend is the same signed message.</summary>
    public required string SentAt { get; init; }

    /// <summary>Base64 ECDSA P-256 / SHA-256 signature over <see cref="SignedBytes"/>.</summary>
    public string Signature { get; init; } = "";

    /// <summary>What the signature covers: every field but the signature, one per line, in a fixed order.</summary>
    public byte[] SignedBytes() => Encoding.UTF8.GetBytes($"{From}\n{To}\n{Stream}\n{Sequence}\n{Kind}\n{SentAt}\n{Body}");

    /// <summary>SHA-256 of the signed bytes: tells a resend (same hash) from a replayed number with other content.</summary>
    public string ContentHash() => Convert.ToHexString(SHA256.HashData(SignedBytes()));

    /// <summary>Signed with the private key of the sender's own certificate.</summary>
    public Envelope SignedBy(X509Certificate2 credentials)
    {
        using var key = credentials.GetECDsaPrivateKey() ?? throw new InvalidOperationException($"{From} の秘密鍵がありません。");
        return SignedWith(key);
    }

    public Envelope SignedWith(ECDsa key) => this with { Signature = Convert.ToBase64String(key.SignData(SignedBytes(), HashAlgorithmName.SHA256)) };

    public bool IsSignedBy(X509Certificate2 certificate)
    {
        using var key = certificate.GetECDsaPublicKey();
        if (key is null)
        {
            return false;
        }
        try
        {
            return key.VerifyData(SignedBytes(), Convert.FromBase64String(Signature), HashAlgorithmName.SHA256);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// How envelopes and bodies are read and written. A member the receiver does not know is refused, not
    /// dropped: two nodes that disagree about a message's items must not each believe the other took them.
    /// </summary>
    /// <remarks>Japanese is written as itself, not as \uXXXX escapes: bodies and logs stay readable and a third the size.</remarks>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };
}

/// <summary>How a receiver answered a message.</summary>
public enum ReplyOutcome
{
    /// <summary>Applied now (the body may still say the content was rejected by a business rule; the number is used).</summary>
    Applied = 1,

    /// <summary>Already applied: a resend after a lost acknowledgement. Nothing was done again.</summary>
    Duplicate = 2,

    /// <summary>Refused before it was applied (signature, certificate, sequence, form, sender); nothing changed.</summary>
    Refused = 3,
}

/// <summary>A receiver's answer: outcome, the reason for a refusal, and the reply body (e.g. 更新結果, 照会結果).</summary>
public sealed record Reply(ReplyOutcome Outcome, string? Reason = null, string? Body = null, long? ExpectedSequence = null)
{
    public static Reply Refuse(string reason, long? expected = null) => new(ReplyOutcome.Refused, reason, null, expected);
}
