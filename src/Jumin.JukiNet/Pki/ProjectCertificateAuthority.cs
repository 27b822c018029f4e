using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Jumin.JukiNet.Protocol;

namespace Jumin.JukiNet.Pki;

/// <summary>
/// The project's own certificate authority for 住基ネット (seed 004: 通信相手となるコンピュータとの相互認証). It issues
/// each node one ECDSA P-256 certificate that serves for TLS in both directions and for signing messages. The CA key
/// stays in the directory it was created in (<c>jumin pki init</c>); nodes get only their own key and the CA
/// certificate.
/// </summary>
public sealed class ProjectCertificateAuthority
{
    public const string CertificateFile = "ca.crt";
    public const string KeyFile = "ca.key";
    public const string DirectoryFile = "directory.json";

    private readonly X509Certificate2 certificate;

    private ProjectCertificateAuthority(X509Certificate2 certificate) => this.certificate = certificate;

    public X509Certificate2 Certificate => certificate;

    /// <summary>Creates a new CA in memory (tests, the embedded network); <see cref="SaveAsync"/> writes it out.</summary>
    public static ProjectCertificateAuthority Create(string name = "Jumin 住基ネット Project CA", int years = 10)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={name}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        return new ProjectCertificateAuthority(request.CreateSelfSigned(now, now.AddYears(years)));
    }

    public static ProjectCertificateAuthority Load(string directory) =>
        new(X509Certificate2.CreateFromPemFile(Path.Combine(directory, CertificateFile), Path.Combine(directory, KeyFile)));

    public async Task SaveAsync(string directory, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, CertificateFile), certificate.ExportCertificatePem(), cancellationToken);
        await WritePrivateAsync(Path.Combine(directory, KeyFile), certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem(), cancellationToken);
    }

    /// <summary>Issues a node certificate (subject CN = node name; valid for localhost and 127.0.0.1 plus the given host).</summary>
    public X509Certificate2 Issue(NodeId node, string? hostName = null, int years = 2)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={node.Value}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        if (!string.IsNullOrWhiteSpace(hostName) && hostName != "localhost")
        {
            if (IPAddress.TryParse(hostName, out var address))
            {
                names.AddIpAddress(address);
            }
            else
            {
                names.AddDnsName(hostName);
            }
        }
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(certificate, now, now.AddYears(years), serial);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>Writes a node's certificate and key as <c>{node}.crt</c> and <c>{node}.key</c>.</summary>
    public static async Task SaveNodeAsync(X509Certificate2 nodeCertificate, string directory, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        var name = nodeCertificate.GetNameInfo(X509NameType.SimpleName, false);
        await File.WriteAllTextAsync(Path.Combine(directory, name + ".crt"), nodeCertificate.ExportCertificatePem(), cancellationToken);
        await WritePrivateAsync(Path.Combine(directory, name + ".key"), nodeCertificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem(), cancellationToken);
    }

    public static X509Certificate2 LoadNode(string directory, NodeId node) =>
        X509Certificate2.CreateFromPemFile(Path.Combine(directory, node.Value + ".crt"), Path.Combine(directory, node.Value + ".key"));

    /// <summary>Whether <paramref name="presented"/> chains to <paramref name="authority"/> and is valid now.</summary>
    public static bool IsIssuedBy(X509Certificate2 presented, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.NoFlag;
        return chain.Build(presented) && chain.ChainElements[^1].Certificate.Thumbprint == authority.Thumbprint;
    }

    private static async Task WritePrivateAsync(string path, string pem, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(path, pem, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
