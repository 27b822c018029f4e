using System.Security.Cryptography;
using System.Text;

namespace Jumin.Storage.Security;

/// <summary>
/// Keeps the 個人番号 — and any stored text that may carry one (a 住基ネット message, a reply, a 転出証明書情報) — out of
/// the database in clear (seeds: 暗号化して保管): each value is AES-256-GCM encrypted under the newest key of a
/// <see cref="KeyRing"/>, and a number is found again through a keyed hash (HMAC-SHA256) that reveals nothing without
/// the key. Keys live outside the database (<see cref="KeyStore"/>). A rotated key reaches a running node the first time
/// it meets a value sealed with it, so nodes are restarted one at a time and nothing becomes unreadable in between.
/// Numbers are passed as their twelve digits, so that every node's store can use it without the domain types.
/// </summary>
public sealed class IndividualNumberProtector
{
    /// <summary>Values written before the ring: nonce ‖ ciphertext ‖ tag with the ring's first key, no header.</summary>
    private const int Digits = 12;
    private const int LegacyLength = 12 + Digits + 16;

    /// <summary>Marks a sealed text column; anything else is a value written before sealing (see <see cref="IsSealedText"/>).</summary>
    public const string TextPrefix = "sealed:";

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

    /// <param name="digits">The 個人番号's twelve digits.</param>
    public byte[] Encrypt(string digits) => ring.Seal(Encoding.ASCII.GetBytes(digits));

    /// <returns>The twelve digits.</returns>
    public string Decrypt(byte[] stored)
    {
        if (stored.Length == LegacyLength)
        {
            var plain = new byte[Digits];
            using var aes = new AesGcm(ring.Oldest, 16);
            aes.Decrypt(stored.AsSpan(0, 12), stored.AsSpan(12, plain.Length), stored.AsSpan(12 + plain.Length, 16), plain);
            return Encoding.ASCII.GetString(plain);
        }
        return Encoding.ASCII.GetString(Open(stored));
    }

    /// <summary>Whether a stored value is sealed with the newest key (a re-sealing pass skips it).</summary>
    public bool IsCurrent(byte[] stored) => stored.Length != LegacyLength && ring.IsSealedWithCurrent(stored);

    /// <summary>The search key for a number: equal numbers give equal keys, and the key cannot be reversed.</summary>
    public string LookupHash(string digits) =>
        Convert.ToHexString(HMACSHA256.HashData(lookupKey, Encoding.ASCII.GetBytes(digits)));

    /// <summary>
    /// Seals a text for a text column: <c>sealed:</c> and the sealed bytes in Base64. The empty text stays empty: it
    /// marks content already deleted, and there is nothing in it to protect.
    /// </summary>
    public string SealText(string plain) =>
        plain.Length == 0 ? "" : TextPrefix + Convert.ToBase64String(ring.Seal(Encoding.UTF8.GetBytes(plain)));

    /// <summary>Opens a text sealed by <see cref="SealText"/>; a value written before sealing is returned as it is.</summary>
    public string OpenText(string stored) =>
        IsSealedText(stored) ? Encoding.UTF8.GetString(Open(Convert.FromBase64String(stored[TextPrefix.Length..]))) : stored;

    /// <summary>Whether a text column's value is sealed (or empty); the start-up pass seals the others.</summary>
    public static bool IsSealedText(string stored) => stored.Length == 0 || stored.StartsWith(TextPrefix, StringComparison.Ordinal);

    private byte[] Open(byte[] stored)
    {
        if (!ring.Knows(stored))
        {
            // Sealed by a node that already has the rotated key: take the ring from the key store again.
            ring = load();
        }
        return ring.Open(stored);
    }
}
