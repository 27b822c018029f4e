using Jumin.Domain;
using Jumin.Domain.Certificates;

namespace Jumin.Registry.Certificates;

/// <summary>The certificate may not be issued as asked; nothing was printed and the refusal is in the audit log.</summary>
public sealed class CertificateRefusedException(IReadOnlyList<CertificateFinding> findings)
    : RefusalException(string.Join(" ", findings.Where(f => f.IsError).Select(f => $"{f.Code} {f.Message}")))
{
    public override RefusalKind Kind => RefusalKind.Unprocessable;

    public IReadOnlyList<CertificateFinding> Findings { get; } = findings;
}
