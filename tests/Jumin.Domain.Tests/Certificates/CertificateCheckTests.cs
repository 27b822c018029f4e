using System.Reflection;
using Jumin.Domain.Certificates;

namespace Jumin.Domain.Tests.Certificates;

/// <summary>The certificate checks are typed constants (issue 14 item 4) whose codes the API, the screens and the audit log rely on.</summary>
public sealed class CertificateCheckTests
{
    private static readonly IReadOnlyList<CertificateCheck> All = [.. typeof(CertificateChecks).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (CertificateCheck)f.GetValue(null)!)];

    [Fact]
    public void Each_check_has_its_own_code_and_an_error_code_starts_with_C_an_alert_code_with_A()
    {
        Assert.Equal(21, All.Count);
        Assert.Equal(All.Count, All.Select(c => c.Code).Distinct().Count());
        Assert.All(All, c => Assert.Matches(c.IsError ? "^C3[0-9]{2}$" : "^A3[0-9]{2}$", c.Code));
        Assert.All(All, c => Assert.False(string.IsNullOrWhiteSpace(c.Title) || string.IsNullOrWhiteSpace(c.Basis), c.Code));
    }

    [Fact]
    public void A_finding_reads_its_code_and_severity_from_its_check()
    {
        var finding = new CertificateFinding(CertificateChecks.IssuanceRestrictionAlert, "subject", "抑止");

        Assert.Equal(("A311", false), (finding.Code, finding.IsError));
        Assert.True(new CertificateFinding(CertificateChecks.IssuanceRestricted, "subject", "抑止").IsError);
    }
}
