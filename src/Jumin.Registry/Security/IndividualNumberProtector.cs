using System.Security.Cryptography;
using System.Text;
using Jumin.Domain.Identifiers;

namespace Jumin.Registry.Security;

/// <summary>
/// Keeps the 個人番号 out of the database in clear (seeds: 暗号化して保管): each stored number is
/// AES-256-GCM encrypted with a random nonce, and found again through a keyed hash (HMAC-SHA256)
/// that reveals nothing without the key. Both keys live outside the database (<see cref="KeyStore"/>).
/// </summary>
public sealed class IndividualNumberProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] encryptionKey;
    private readonly byte[] lookupKey;

    public IndividualNumberProtector(byte[] encryptionKey, byte[] lookupKey)
    {
        if (encryptionKey.Length != 32 || lookupKey.Length != 32)
        {
            throw new ArgumentException("鍵は32バイトです。");
        }
        this.encryptionKey = encryptionKey;
        this.lookupKey = lookupKey;
        KeyId = Convert.ToHexString(SHA256.HashData(encryptionKey))[..16];
    }

    /// <summary>A fingerprint of the encryption key (not the key), to tell keys apart.</summary>
    public string KeyId { get; }

    public byte[] Encrypt(IndividualNumber number)
    {
        var plain = Encoding.ASCII.GetBytes(number.Digits);
        var output = new byte[NonceSize + plain.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(encryptionKey, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize, plain.Length), output.AsSpan(NonceSize + plain.Length, TagSize));
        return output;
    }

    public IndividualNumber Decrypt(byte[] stored)
    {
        var cipherLength = stored.Length - NonceSize - TagSize;
        var plain = new byte[cipherLength];
        using var aes = new AesGcm(encryptionKey, TagSize);
        aes.Decrypt(stored.AsSpan(0, NonceSize), stored.AsSpan(NonceSize, cipherLength), stored.AsSpan(NonceSize + cipherLength, TagSize), plain);
        return IndividualNumber.Parse(Encoding.ASCII.GetString(plain));
    }

    /// <summary>The search key for a number: equal numbers give equal keys, and the key cannot be reversed.</summary>
    public string LookupHash(IndividualNumber number) =>
        Convert.ToHexString(HMACSHA256.HashData(lookupKey, Encoding.ASCII.GetBytes(number.Digits)));
}
