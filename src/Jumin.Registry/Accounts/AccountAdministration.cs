using Jumin.Domain;
using Jumin.Domain.Dates;
using Jumin.Registry.Access;
using Jumin.Registry.Audit;
using Jumin.Registry.Persistence;
using Jumin.Storage.Security;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Jumin.Registry.Accounts;

/// <summary>An account as the 権限管理 screen lists it (never the password or the second-factor secret).</summary>
public sealed record AccountSummary(
    string UserId,
    string DisplayName,
    string Department,
    IReadOnlyList<string> Roles,
    IReadOnlyList<Permission> Permissions,
    IReadOnlyList<VisibleItem> VisibleItems,
    LocalDate? ValidFrom,
    LocalDate? ValidUntil,
    bool LockedOut,
    bool SecondFactorEnrolled,
    IReadOnlyList<ScheduledChange> Scheduled);

/// <summary>A 予約変更 not yet in effect.</summary>
public sealed record ScheduledChange(long Id, LocalDate EffectiveOn, string? Department, IReadOnlyList<Permission>? Permissions, IReadOnlyList<VisibleItem>? VisibleItems, LocalDate? ValidUntil, string RequestedBy);

/// <summary>
/// 権限管理 (j1380): accounts, their organisation unit, 利用期間, 操作権限 one by one, 表示項目 (j1390), changes
/// scheduled for a future day, unlocking and re-issuing the second factor. Only users with the 権限管理 right,
/// never on their own account (an administrator cannot widen their own rights), and every change is audited.
/// </summary>
public sealed class AccountAdministration(RegistryDatabase database, AuditTrail audit, AccountService accounts, Func<KeyRing> secrets)
{
    public async Task<IReadOnlyList<AccountSummary>> ListAsync(Operator by, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, by, Permission.RightsAdministration, "利用者一覧", cancellationToken);
        var now = audit.Clock.GetCurrentInstant().ToDateTimeUtc();
        await using var db = database.Open();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Department).ThenBy(u => u.UserId).ToListAsync(cancellationToken);
        var pending = (await db.ScheduledAccountChanges.AsNoTracking().Where(c => c.AppliedAt == null && c.CancelledAt == null).ToListAsync(cancellationToken))
            .OrderBy(c => c.EffectiveOn).ThenBy(c => c.Id).ToLookup(c => c.UserId);
        await audit.AppendAloneAsync(database, [audit.Event(by, AuditFunctions.Setting, "利用者一覧", detail: $"{users.Count}件")], cancellationToken);
        return [.. users.Select(u => new AccountSummary(
            u.UserId, u.DisplayName, u.Department, u.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries),
            [.. Access.Permissions.Parse<Permission>(u.Permissions).Order()], [.. Access.Permissions.Parse<VisibleItem>(u.VisibleItems).Order()],
            u.ValidFrom, u.ValidUntil, u.LockedUntil is { } until && until > now, u.SecondFactorSecret.Length > 0,
            [.. pending[u.UserId].Select(ToScheduled)]))];
    }

    /// <summary>利用者登録: the second factor's secret is returned once, to be handed to the holder.</summary>
    public async Task<SecondFactorEnrolment> CreateAsync(Operator by, NewAccount account, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, by, Permission.RightsAdministration, "利用者登録", cancellationToken);
        return await accounts.CreateAsync(by, account, cancellationToken);
    }

    /// <summary>
    /// Changes an account's rights now, or from <see cref="RightsChange.EffectiveOn"/> when that day is still to come
    /// (the returned 予約 number). Sessions of the account end at their next request when the change takes effect.
    /// </summary>
    public async Task<long?> ChangeRightsAsync(Operator by, string userId, RightsChange change, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, by, Permission.RightsAdministration, "権限変更", cancellationToken);
        RefuseOwn(by, userId);
        if (change.IsEmpty)
        {
            throw new FieldValidationException("permissions", "変更内容", new("required", "所属・操作権限・表示項目・利用期間のいずれかを指定してください。"));
        }
        if (change.Department is { } department && string.IsNullOrWhiteSpace(department))
        {
            throw new FieldValidationException("department", "所属", new("required", "所属を空にはできません。"));
        }
        var today = JapanTime.Today(audit.Clock);
        await using var db = database.Open();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var account = await FindAsync(db, userId, cancellationToken);
        if (change.ValidUntil is { } until && account.ValidFrom is { } from && until < from)
        {
            throw new FieldValidationException("validUntil", "利用期間（終了日）", new("order", "利用期間の終了日は開始日より後にしてください。"));
        }
        var permissions = change.Permissions is null ? null : Access.Permissions.Format(change.Permissions);
        var items = change.VisibleItems is null ? null : Access.Permissions.Format(change.VisibleItems);
        long? scheduled = null;
        string detail;
        if (change.EffectiveOn is { } effective && effective > today)
        {
            var row = new ScheduledAccountChangeRow
            {
                UserId = userId,
                EffectiveOn = effective,
                Department = change.Department?.Trim(),
                Permissions = permissions,
                VisibleItems = items,
                ValidUntil = change.ValidUntil,
                RequestedBy = by.UserId,
                RequestedAt = audit.Clock.GetCurrentInstant().ToDateTimeUtc(),
            };
            db.ScheduledAccountChanges.Add(row);
            await db.SaveChangesAsync(cancellationToken);
            scheduled = row.Id;
            detail = $"予約{row.Id} 利用者{userId} {effective} 施行: 所属 {row.Department ?? "（変更なし）"}; 権限 {permissions ?? "（変更なし）"}; 表示項目 {items ?? "（変更なし）"}; 利用期間終了 {change.ValidUntil?.ToString() ?? "（変更なし）"}";
        }
        else
        {
            var before = AccountRights.Describe(account);
            AccountRights.Apply(account, change.Department?.Trim(), permissions, items, change.ValidUntil);
            await db.SaveChangesAsync(cancellationToken);
            detail = $"変更前 {before} → 変更後 {AccountRights.Describe(account)}";
        }
        await audit.AppendAsync(db, [audit.Event(by, AuditFunctions.Setting, scheduled is null ? "権限変更" : "権限の予約変更", detail: detail)], cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return scheduled;
    }

    /// <summary>Withdraws a 予約変更 before its day.</summary>
    public async Task CancelScheduledAsync(Operator by, long id, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, by, Permission.RightsAdministration, "権限の予約取消", cancellationToken);
        await using var db = database.Open();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.ScheduledAccountChanges.AsTracking().SingleOrDefaultAsync(c => c.Id == id && c.AppliedAt == null && c.CancelledAt == null, cancellationToken)
            ?? throw new FieldValidationException("id", "予約", new("not-found", "取り消せる予約変更がありません（適用済みまたは取消済み）。"));
        RefuseOwn(by, row.UserId);
        row.CancelledAt = audit.Clock.GetCurrentInstant().ToDateTimeUtc();
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, [audit.Event(by, AuditFunctions.Setting, "権限の予約取消", detail: $"予約{row.Id} 利用者{row.UserId} {row.EffectiveOn} 施行分を取消")], cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>Lifts a lockout (the holder called the administrator).</summary>
    public async Task UnlockAsync(Operator by, string userId, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, by, Permission.RightsAdministration, "ロック解除", cancellationToken);
        await using var db = database.Open();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var account = await FindAsync(db, userId, cancellationToken);
        account.LockedUntil = null;
        account.FailedLoginCount = 0;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, [audit.Event(by, AuditFunctions.Setting, "ロック解除", detail: $"利用者{userId}のロックを解除")], cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// 二要素認証の再登録 (a lost phone, like a lost IC card): a new secret replaces the old one at once, so the old
    /// device's codes stop working, and open sessions of the account end.
    /// </summary>
    public async Task<SecondFactorEnrolment> ReissueSecondFactorAsync(Operator by, string userId, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, by, Permission.RightsAdministration, "二要素認証の再登録", cancellationToken);
        RefuseOwn(by, userId);
        var secret = OneTimePasswords.NewSecret();
        await using var db = database.Open();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var account = await FindAsync(db, userId, cancellationToken);
        account.SecondFactorSecret = secrets().Seal(secret);
        account.RightsVersion++;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, [audit.Event(by, AuditFunctions.Setting, "二要素認証の再登録", detail: $"利用者{userId}の確認コードの秘密鍵を再発行（旧端末は無効）")], cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return OneTimePasswords.Enrolment(userId, AccountService.Issuer, secret);
    }

    private static void RefuseOwn(Operator by, string userId)
    {
        if (by.UserId == userId)
        {
            throw new FieldValidationException("userId", "利用者ID", new("own-account", "自分自身の権限は変更できません。別の管理者に依頼してください。"));
        }
    }

    private static async Task<UserAccount> FindAsync(RegistryDbContext db, string userId, CancellationToken cancellationToken) =>
        await db.Users.AsTracking().SingleOrDefaultAsync(u => u.UserId == userId, cancellationToken)
        ?? throw new FieldValidationException("userId", "利用者ID", new("not-found", "該当する利用者はいません。"));

    private static ScheduledChange ToScheduled(ScheduledAccountChangeRow c) => new(
        c.Id, c.EffectiveOn, c.Department,
        c.Permissions is null ? null : [.. Access.Permissions.Parse<Permission>(c.Permissions).Order()],
        c.VisibleItems is null ? null : [.. Access.Permissions.Parse<VisibleItem>(c.VisibleItems).Order()],
        c.ValidUntil, c.RequestedBy);
}
