using Jumin.Storage.Security;

namespace Jumin.Testing;

/// <summary>
/// One set of registry keys per test process, generated at first use and never written to the repository. Registries
/// that share it share one EF model per provider: the model depends on the 個人番号 key (its converter seals with it).
/// </summary>
public static class SharedKeys
{
    private static readonly Lazy<string> Directory = new(() =>
    {
        var keys = KeyStore.CreateTemporary();
        _ = keys.AuditChainKey;
        _ = keys.CertificateVerificationKey;
        _ = keys.IndividualNumberProtector;
        _ = keys.AccountSecrets;
        return keys.Directory;
    });

    /// <summary>Copies the keys into <paramref name="target"/>, which a <see cref="KeyStore"/> then reads.</summary>
    public static void CopyTo(string target)
    {
        System.IO.Directory.CreateDirectory(target);
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory.Value))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }
    }
}
