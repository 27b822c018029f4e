using System.Text.Json;
using Jumin.JukiNet.Identity;
using Jumin.Registry.Access;
using Jumin.Web.Contracts;
using Microsoft.AspNetCore.DataProtection;

namespace Jumin.Web.Infrastructure;

/// <summary>
/// The items of a 転出証明書情報 the clerk may not see (j1390), carried from the 住基ネット screen into the 転入 form
/// sealed (encrypted and authenticated by the host's data-protection keys, for one hour), so that the 転入 keeps the
/// 本籍, 住民票コード and 個人番号 the 転出 sent without showing them in the page.
/// </summary>
public sealed record WithheldItems(string? Domicile, string? HeadOfFamilyRegister, string? ResidentCode, string? IndividualNumber)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private static ITimeLimitedDataProtector Protector(IDataProtectionProvider provider) =>
        provider.CreateProtector("Jumin.Web.WithheldItems").ToTimeLimitedDataProtector();

    /// <summary>The sealed items the operator may not see (what <see cref="DepartureCertificateDto.For"/> withholds); null when they may see all of them.</summary>
    public static string? Seal(IDataProtectionProvider provider, DepartureCertificateMessage c, IReadOnlySet<VisibleItem> visible)
    {
        var shown = DepartureCertificateDto.For(c, visible);
        var items = new WithheldItems(
            shown.Domicile is null ? c.Domicile : null,
            shown.HeadOfFamilyRegister is null ? c.HeadOfFamilyRegister : null,
            shown.ResidentCode is null ? c.ResidentCode : null,
            shown.IndividualNumber is null ? c.IndividualNumber : null);
        return items == new WithheldItems(null, null, null, null) ? null : Protector(provider).Protect(JsonSerializer.Serialize(items), Lifetime);
    }

    /// <summary>The person with the fields the clerk left empty taken from these items.</summary>
    public PersonItemsDto FillEmpty(PersonItemsDto person) => person with
    {
        Domicile = string.IsNullOrWhiteSpace(person.Domicile) ? Domicile : person.Domicile,
        HeadOfFamilyRegister = string.IsNullOrWhiteSpace(person.HeadOfFamilyRegister) ? HeadOfFamilyRegister : person.HeadOfFamilyRegister,
        ResidentCode = string.IsNullOrWhiteSpace(person.ResidentCode) ? ResidentCode : person.ResidentCode,
        IndividualNumber = string.IsNullOrWhiteSpace(person.IndividualNumber) ? IndividualNumber : person.IndividualNumber,
    };

    /// <summary>The sealed items; null for no token, or one that was altered or has expired.</summary>
    public static WithheldItems? Unseal(IDataProtectionProvider provider, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<WithheldItems>(Protector(provider).Unprotect(token));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
