using Jumin.JukiNet.Identity;
using Jumin.Registry.Access;

namespace Jumin.Web.Contracts;

/// <summary>
/// 転出証明書情報 (j670) as an operator may see it: 本籍・筆頭者, 住民票コード and 個人番号 are null without their
/// 表示項目 (j1390) and named in <see cref="HiddenItems"/>.
/// </summary>
public sealed record DepartureCertificateDto(
    string? ResidentCode,
    string? MunicipalityCode,
    string FamilyName,
    string GivenName,
    string FamilyNameKana,
    string GivenNameKana,
    string? BirthDate,
    int Sex,
    string Address,
    string? IndividualNumber,
    string? HouseholdHeadName,
    string? Relationship,
    string? Domicile,
    string? HeadOfFamilyRegister,
    string? PlannedMoveOutDate,
    string? PlannedDestination,
    IReadOnlyList<string> HiddenItems)
{
    public static DepartureCertificateDto For(DepartureCertificateMessage c, IReadOnlySet<VisibleItem> visible)
    {
        var familyRegister = visible.Contains(VisibleItem.FamilyRegister);
        var residentCode = visible.Contains(VisibleItem.ResidentCode);
        var number = visible.Contains(VisibleItem.IndividualNumber);
        var hidden = new List<string>();
        if (!familyRegister && (c.Domicile is not null || c.HeadOfFamilyRegister is not null))
        {
            hidden.Add("本籍・筆頭者");
        }
        if (!residentCode)
        {
            hidden.Add("住民票コード");
        }
        if (!number && c.IndividualNumber is not null)
        {
            hidden.Add("個人番号");
        }
        return new(residentCode ? c.ResidentCode : null, c.MunicipalityCode, c.FamilyName, c.GivenName, c.FamilyNameKana, c.GivenNameKana, c.BirthDate, c.Sex, c.Address,
            number ? c.IndividualNumber : null, c.HouseholdHeadName, c.Relationship, familyRegister ? c.Domicile : null, familyRegister ? c.HeadOfFamilyRegister : null,
            c.PlannedMoveOutDate, c.PlannedDestination, hidden);
    }
}

/// <summary>整合性確認 (j1100) results as an operator may see them: 住民票コード and 個人番号 only with their 表示項目 (j1390).</summary>
public static class ConsistencyReportView
{
    private const string Hidden = "（表示権限なし）";

    public static ConsistencyReport For(ConsistencyReport report, IReadOnlySet<VisibleItem> visible)
    {
        var code = visible.Contains(VisibleItem.ResidentCode);
        var number = visible.Contains(VisibleItem.IndividualNumber);
        return new([.. report.Levels.Select(level => level with
        {
            Differences = [.. level.Differences.Select(d => d with
            {
                ResidentCode = code ? d.ResidentCode : Hidden,
                Left = number || d.Item != "個人番号" ? d.Left : Hidden,
                Right = number || d.Item != "個人番号" ? d.Right : Hidden,
            })],
        })]);
    }
}
