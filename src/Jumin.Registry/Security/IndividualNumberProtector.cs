using System.Security.Cryptography;
using System.Text;
using Jumin.Domain.Identifiers;

namespace Jumin.Registry.Security;

/// <summary>
/// Keeps the 個人番号 out of the database in clear (seeds: 暗号化して保管): each stored number is
/// AES-256-GCM encrypted under the newest key of a <see cref="KeyRing"/>, and found again through a keyed
/// hash (HMAC-SHA256) that reveals nothing without the key. Keys live outside the database
/// (<see cref="KeyStore"/>). A rotated key reaches a running node the first time it meets a value sealed
/// with it, so nodes are restarted one at a time and nothing becomes unreadable in between.
/// </summary>
public sealed class IndividualNumberProtector
{
    /// <summary>Values written before the ring: nonce ‖ ciphertext ‖ tag with the ring's first key, no header.</summary>
    private const int Digits = 12;
    private const int LegacyLength = 12 + Digits + 16;

    private readonly Func<KeyRing> load;
    private readonly byte[] lookupKey;
    private KeyRing ring;

    public IndividualNumberProtector(Func<KeyRing> load, byte[] lookupKey)
    {
        if (lookupKey.Length != 32)
        {
            throw new ArgumentException("鍵は32バイトです。", nameof(lookupKey));
        }
        this.load = load;
        this.lookupKey = lookupKey;
        ring = load();
        KeyId = ring.CurrentKeyId;
    }

    /// <summary>The sealing key's fingerprint when the node started (not the key), to tell nodes' models apart.</summary>
    public string KeyId { get; }

    /// <summary>The key new values are sealed with.</summary>
    public string CurrentKeyId => ring.CurrentKeyId;

    public byte[] Encrypt(IndividualNumber number) => ring.Seal(Encoding.ASCII.GetBytes(number.Digits));

    public IndividualNumber Decrypt(byte[] stored)
    {
        if (stored.Length == LegacyLength)
        {
            var plain = new byte[Digits];
            using var aes = new AesGcm(ring.Oldest, 16);
            aes.Decrypt(stored.AsSpan(0, 12), stored.AsSpan(12, plain.Length), stored.AsSpan(12 + plain.Length, 16), plain);
            return IndividualNumber.Parse(Encoding.ASCII.GetString(plain));
        }
        if (!ring.Knows(stored))
        {
            // Sealed by a node that already has the rotated key: take the ring from the key store again.
            ring = load();
        }
        return IndividualNumber.Parse(Encoding.ASCII.GetString(ring.Open(stored)));
    }

    /// <summary>Whether a stored value is sealed with the newest key (a re-sealing pass skips it).</summary>
    public bool IsCurrent(byte[] stored) => stored.Length != LegacyLength && ring.IsSealedWithCurrent(stored);

    /// <summary>The search key for a number: equal numbers give equal keys, and the key cannot be reversed.</summary>
    public string LookupHash(IndividualNumber number) =>
        Convert.ToHexString(HMACSHA256.HashData(lookupKey, Encoding.ASCII.GetBytes(number.Digits)));
}
