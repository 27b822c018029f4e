using System.Security.Cryptography;

namespace Jumin.Storage.Security;

/// <summary>
/// The node's secret keys, kept as files outside the database (by default <c>./data/keys</c>,
/// readable by the service account only). Missing keys are generated on first start; the
/// repository never holds a key.
/// </summary>
public sealed class KeyStore(string directory)
{
    public string Directory { get; } = directory;

    /// <summary>Key of the audit log's hash chain.</summary>
    public byte[] AuditChainKey => GetOrCreate("audit-chain.key");

    /// <summary>Keys the verification codes printed on certificates (a forged paper cannot carry a valid one).</summary>
    public byte[] CertificateVerificationKey => GetOrCreate("certificate-verification.key");

    /// <summary>The ring that seals the 個人番号 (rotatable); the lookup key is not rotated, as every search key derives from it.</summary>
    public const string IndividualNumberRing = "individual-number-encryption";

    public const string AccountSecretsRing = "account-secrets";

    public IndividualNumberProtector IndividualNumberProtector =>
        new(() => Ring(IndividualNumberRing), GetOrCreate("individual-number-lookup.key"));

    /// <summary>Seals the staff accounts' second-factor secrets.</summary>
    public KeyRing AccountSecrets => Ring(AccountSecretsRing);

    /// <summary>
    /// The keys of a ring: <c>{name}.key</c> (created when missing), then <c>{name}.2.key</c>, <c>{name}.3.key</c>, …
    /// as <see cref="Rotate"/> adds them. Files are read at each call, so a rotation reaches a process when it next opens the ring.
    /// </summary>
    public KeyRing Ring(string name)
    {
        var keys = new List<byte[]> { GetOrCreate(name + ".key") };
        for (var n = 2; File.Exists(Path.Combine(Directory, $"{name}.{n}.key")); n++)
        {
            keys.Add(Read(Path.Combine(Directory, $"{name}.{n}.key")));
        }
        return new KeyRing(keys);
    }

    /// <summary>Adds a new newest key to a ring and returns the ring with it; old keys stay, so every sealed value still opens.</summary>
    public KeyRing Rotate(string name)
    {
        var n = Ring(name).Count + 1;
        GetOrCreate($"{name}.{n}.key");
        return Ring(name);
    }

    /// <summary>A store with freshly generated keys in a new temporary directory (tests, benchmarks).</summary>
    public static KeyStore CreateTemporary() =>
        new(System.IO.Directory.CreateTempSubdirectory("jumin-keys-").FullName);

    private byte[] GetOrCreate(string name)
    {
        var path = Path.Combine(Directory, name);
        if (File.Exists(path))
        {
            return Read(path);
        }
        System.IO.Directory.CreateDirectory(Directory);
        var key = RandomNumberGenerator.GetBytes(32);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        try
        {
            using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
            writer.Write(Convert.ToBase64String(key));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs.
            return Read(path);
        }
        return key;
    }

    /// <summary>What the owner alone may have: read and write.</summary>
    private const UnixFileMode OthersAccess = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Reads a key, refusing one that anyone but its owner may read or write (as ssh refuses an unprotected private key):
    /// a key copied or restored with the wrong mode would otherwise go on sealing 個人番号 while others can open them.
    /// </summary>
    private static byte[] Read(string path)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & OthersAccess) != 0)
        {
            throw new UnprotectedKeyException(path, File.GetUnixFileMode(path));
        }
        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }
}

/// <summary>A key file others than its owner may read or write: the node does not use it until it is chmod 600.</summary>
public sealed class UnprotectedKeyException(string path, UnixFileMode mode)
    : Exception($"鍵ファイル {path} は所有者以外も読み書きできます（{Convert.ToString((int)mode, 8)}）。鍵を守るため使いません。chmod 600 {path} としてから起動してください。")
{
    public string Path { get; } = path;
}
