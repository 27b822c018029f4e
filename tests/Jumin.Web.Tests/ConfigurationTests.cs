using Jumin.Registry.Certificates;
using Jumin.Web.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Jumin.Web.Tests;

/// <summary>What a municipality sets in configuration reaches the certificates (j290, j1050, j1070) and the 抑止 (j410).</summary>
public class ConfigurationTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void The_municipality_names_its_mayor_deputy_seal_printer_and_overflow_handling()
    {
        var options = RegistryHosting.ReadOptions(Settings(
            ("Jumin:Certificates:Prefecture", "宮城県"),
            ("Jumin:Certificates:Municipality", "青葉町"),
            ("Jumin:Certificates:MayorName", "青葉　太郎"),
            ("Jumin:Certificates:Printer", "プリンタ007"),
            ("Jumin:Certificates:Overflow", "blank"),
            ("Jumin:RestrictionReleaseMinutes", "5")));

        Assert.Equal("宮城県青葉町長　青葉　太郎", options.Certificates.Authority.Signatory(byDeputy: false));
        Assert.Equal("青葉町長之印", options.Certificates.Authority.SealText(byDeputy: false));
        Assert.Equal("宮城県青葉町長職務代理者　副市長　森　二郎", options.Certificates.Authority.Signatory(byDeputy: true));
        Assert.Equal(("プリンタ007", OverflowMode.Blank, 5), (options.Certificates.Printer, options.Certificates.Overflow, options.RestrictionReleaseMinutes));
        Assert.Throws<InvalidOperationException>(() => RegistryHosting.ReadOptions(Settings(("Jumin:Certificates:Overflow", "shrink"))));
    }

    [Fact]
    public void Passwords_are_hashed_at_full_cost_unless_configured_otherwise()
    {
        // The suite lowers the cost for its own accounts; a municipality that sets nothing gets Identity's default.
        Assert.Equal(100_000, RegistryHosting.ReadOptions(Settings()).PasswordHashIterations);
        Assert.Equal(100_000, new Registry.RegistryOptions().PasswordHashIterations);
        Assert.Equal(Registry.Accounts.AccountService.ProductionPasswordHashIterations, new Microsoft.AspNetCore.Identity.PasswordHasherOptions().IterationCount);
    }
}
