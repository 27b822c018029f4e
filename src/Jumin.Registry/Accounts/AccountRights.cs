using Jumin.Registry.Access;
using Jumin.Domain;
using Jumin.Registry.Persistence;
using NodaTime;

namespace Jumin.Registry.Accounts;

/// <summary>利用者登録 (j1380): one account per natural person, in an organisation unit, for a 利用期間.</summary>
public sealed record NewAccount(
    string UserId,
    string DisplayName,
    string Password,
    string Department,
    IReadOnlyCollection<string> Roles,
    IReadOnlyCollection<VisibleItem> VisibleItems,
    IReadOnlyCollection<Permission>? Permissions = null,
    LocalDate? ValidFrom = null,
    LocalDate? ValidUntil = null)
{
    public const int MinimumPasswordLength = 12;

    public IReadOnlyList<FieldValidationException> Validate()
    {
        var errors = new List<FieldValidationException>();
        if (string.IsNullOrWhiteSpace(UserId) || UserId.Length > 64 || !UserId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            errors.Add(new("userId", "利用者ID", new("format", "利用者IDは半角英数字と - _ . で64文字までです。")));
        }
        if (string.IsNullOrWhiteSpace(DisplayName))
        {
            errors.Add(new("displayName", "氏名", new("required", "職員の氏名を入力してください。")));
        }
        if (Password.Length < MinimumPasswordLength)
        {
            errors.Add(new("password", "パスワード", new("length", $"パスワードは{MinimumPasswordLength}文字以上にしてください。")));
        }
        if (string.IsNullOrWhiteSpace(Department))
        {
            errors.Add(new("department", "所属", new("required", "所属（組織）を入力してください。")));
        }
        if (Roles.Count == 0 || Roles.Any(r => !Access.Roles.All.Contains(r)))
        {
            errors.Add(new("roles", "役割", new("unknown", $"役割は {string.Join("・", Access.Roles.All)} から選んでください。")));
        }
        if (ValidFrom is { } from && ValidUntil is { } until && until < from)
        {
            errors.Add(new("validUntil", "利用期間（終了日）", new("order", "利用期間の終了日は開始日より後にしてください。")));
        }
        return errors;
    }
}

/// <summary>
/// 権限の変更 (j1380): the new organisation unit, 操作権限, 表示項目 and end of the 利用期間 of an account,
/// now or from <see cref="EffectiveOn"/> (予約変更). Items left out stay as they are.
/// </summary>
public sealed record RightsChange(
    string? Department = null,
    IReadOnlyCollection<Permission>? Permissions = null,
    IReadOnlyCollection<VisibleItem>? VisibleItems = null,
    LocalDate? ValidUntil = null,
    LocalDate? EffectiveOn = null)
{
    public bool IsEmpty => Department is null && Permissions is null && VisibleItems is null && ValidUntil is null;
}

internal static class AccountRights
{
    public static void Apply(UserAccount account, string? department, string? permissions, string? visibleItems, LocalDate? validUntil)
    {
        account.Department = department ?? account.Department;
        account.Permissions = permissions ?? account.Permissions;
        account.VisibleItems = visibleItems ?? account.VisibleItems;
        account.ValidUntil = validUntil ?? account.ValidUntil;
        account.RightsVersion++;
    }

    /// <summary>利用期間: whether the account may be used on <paramref name="today"/> (both ends inclusive, open when unset).</summary>
    public static bool IsWithinPeriod(LocalDate? validFrom, LocalDate? validUntil, LocalDate today) =>
        (validFrom is not { } from || today >= from) && (validUntil is not { } last || today <= last);

    public static string Describe(UserAccount account) =>
        $"利用者{account.UserId} 所属 {account.Department}; 権限 {account.Permissions}; 表示項目 {account.VisibleItems}; 利用期間 {account.ValidFrom}～{account.ValidUntil}";
}
