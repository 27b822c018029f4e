namespace Jumin.Registry.Persistence;

/// <summary>
/// Data of the <c>Rights</c> migration, the same SQL on both databases: role bundles become
/// per-function rights (j1380) and the 個人番号 flag becomes per-item visibility (j1390). Kept apart
/// from the generated migrations so that it reads as the decision it is; never change it once released.
/// </summary>
internal static class RightsMigration
{
    public static IReadOnlyList<string> Up { get; } =
    [
        "UPDATE users SET permissions = permissions || 'Inquiry,ChangeEntry,CertificateIssue,' WHERE roles LIKE '%clerk%'",
        "UPDATE users SET permissions = permissions || 'Inquiry,Approval,' WHERE roles LIKE '%approver%'",
        "UPDATE users SET permissions = permissions || 'LogView,' WHERE roles LIKE '%auditor%'",
        "UPDATE users SET permissions = permissions || 'RightsAdministration,Batch,' WHERE roles LIKE '%admin%'",
        "UPDATE users SET visible_items = 'FamilyRegister,ResidenceStatus,' || CASE WHEN can_view_individual_number THEN 'IndividualNumber,ResidentCode,' ELSE '' END WHERE roles LIKE '%clerk%' OR roles LIKE '%approver%'",
    ];

    public const string Down = "UPDATE users SET can_view_individual_number = (visible_items LIKE '%IndividualNumber%')";
}
