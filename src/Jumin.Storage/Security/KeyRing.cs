using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Jumin.Storage.Security;

/// <summary>
/// AES-256-GCM under a ring of keys. A value is sealed with the newest key and carries that key's
/// identifier, and every key ever added still opens its values: a key is rotated by adding a new one
/// while the nodes run (<see cref="KeyStore.Rotate"/>), and old values are re-sealed afterwards, at leisure.
/// Layout: version (1) ‖ key id (4) ‖ nonce (12) ‖ ciphertext ‖ tag (16).
/// </summary>
public sealed class KeyRing
{
    private const byte Version = 1;
    private const int HeaderSize = 1 + 4;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly Dictionary<uint, byte[]> keys;
    private readonly uint current;

    /// <param name="keys">Oldest first; the last one seals.</param>
    public KeyRing(IReadOnlyList<byte[]> keys)
    {
        if (keys.Count == 0 || keys.Any(k => k.Length != 32))
        {
            throw new ArgumentException("鍵は32バイトです。", nameof(keys));
        }
        this.keys = keys.ToDictionary(IdOf);
        current = IdOf(keys[^1]);
        Oldest = keys[0];
    }

    /// <summary>The first key of the ring (values sealed before the ring had headers used it).</summary>
    public byte[] Oldest { get; }

    /// <summary>The sealing key's identifier, a fingerprint that reveals nothing of the key.</summary>
    public string CurrentKeyId => current.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);

    public int Count => keys.Count;

    public byte[] Seal(ReadOnlySpan<byte> plain)
    {
        var output = new byte[HeaderSize + NonceSize + plain.Length + TagSize];
        output[0] = Version;
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(1, 4), current);
        var nonce = output.AsSpan(HeaderSize, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keys[current], TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(HeaderSize + NonceSize, plain.Length), output.AsSpan(HeaderSize + NonceSize + plain.Length, TagSize), output.AsSpan(0, HeaderSize));
        return output;
    }

    /// <summary>Opens a sealed value; a changed byte anywhere, or a key that is not in the ring, is refused.</summary>
    public byte[] Open(ReadOnlySpan<byte> sealedValue)
    {
        if (sealedValue.Length < HeaderSize + NonceSize + TagSize || sealedValue[0] != Version)
        {
            throw new CryptographicException("暗号化された値の形式が違います。");
        }
        var id = BinaryPrimitives.ReadUInt32BigEndian(sealedValue.Slice(1, 4));
        if (!keys.TryGetValue(id, out var key))
        {
            throw new CryptographicException($"鍵 {id:x8} が鍵リングにありません。");
        }
        var cipherLength = sealedValue.Length - HeaderSize - NonceSize - TagSize;
        var plain = new byte[cipherLength];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedValue.Slice(HeaderSize, NonceSize), sealedValue.Slice(HeaderSize + NonceSize, cipherLength), sealedValue.Slice(HeaderSize + NonceSize + cipherLength, TagSize), plain, sealedValue[..HeaderSize]);
        return plain;
    }

    /// <summary>Whether a value is sealed with the newest key (re-sealing skips those).</summary>
    public bool IsSealedWithCurrent(ReadOnlySpan<byte> sealedValue) =>
        sealedValue.Length >= HeaderSize && sealedValue[0] == Version && BinaryPrimitives.ReadUInt32BigEndian(sealedValue.Slice(1, 4)) == current;

    /// <summary>Whether the ring holds the key a value names (else the ring may be older than the value).</summary>
    public bool Knows(ReadOnlySpan<byte> sealedValue) =>
        sealedValue.Length >= HeaderSize && sealedValue[0] == Version && keys.ContainsKey(BinaryPrimitives.ReadUInt32BigEndian(sealedValue.Slice(1, 4)));

    private static uint IdOf(byte[] key) => BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(key).AsSpan(0, 4));
}
