using Jumin.Domain.Audit;
using Jumin.Registry.Audit;
using Jumin.Registry.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jumin.Registry.Accounts;

/// <summary>The result of a login attempt. Failures do not say whether the user exists.</summary>
public enum LoginOutcome
{
    Succeeded,
    Failed,
    LockedOut,
}

/// <summary>Staff accounts: creation and password login (PBKDF2 via ASP.NET Core Identity's hasher), with lockout.</summary>
public sealed class AccountService(RegistryDatabase database, AuditTrail audit)
{
    public const int MaxFailedAttempts = 5;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private static readonly PasswordHasher<UserAccount> Hasher = new();

    /// <summary>Creates an account with the rights of its roles (each can later be changed on its own) and the items it may see.</summary>
    public async Task CreateAsync(Operator by, string userId, string displayName, string password, IReadOnlyCollection<string> roles, IEnumerable<VisibleItem> visibleItems, string department, CancellationToken cancellationToken = default)
    {
        if (password.Length < 12)
        {
            throw new ArgumentException("パスワードは12文字以上にしてください。", nameof(password));
        }
        var account = new UserAccount
        {
            UserId = userId,
            DisplayName = displayName,
            PasswordHash = string.Empty,
            Roles = string.Join(',', roles),
            Permissions = Accounts.Permissions.Format(roles.SelectMany(Accounts.Permissions.OfRole)),
            VisibleItems = Accounts.Permissions.Format(visibleItems),
            Department = department,
            CreatedAt = audit.Clock.GetCurrentInstant().ToDateTimeUtc(),
        };
        account.PasswordHash = Hasher.HashPassword(account, password);
        await using var db = database.Open();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Users.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, [audit.Event(by, AuditFunctions.Setting, "利用者登録", detail: $"利用者{userId}を登録（{account.Roles}; 権限 {account.Permissions}; 表示項目 {account.VisibleItems}）")], cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>Checks a password; every attempt, failed or not, is audited (j1370 認証ログ).</summary>
    public async Task<(LoginOutcome Outcome, Operator? Operator)> LoginAsync(string userId, string password, string terminal, string place, CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var account = await db.Users.AsTracking().SingleOrDefaultAsync(u => u.UserId == userId, cancellationToken);
        var now = audit.Clock.GetCurrentInstant().ToDateTimeUtc();
        var attempt = new Operator(userId, account?.DisplayName ?? userId, terminal, place, new HashSet<string>(), new HashSet<Permission>(), new HashSet<VisibleItem>());
        LoginOutcome outcome;
        if (account is null)
        {
            // Spend the same effort as a real check so that timing does not reveal unknown IDs.
            Hasher.VerifyHashedPassword(Nobody, DummyHash, password);
            outcome = LoginOutcome.Failed;
        }
        else if (account.LockedUntil is { } until && until > now)
        {
            outcome = LoginOutcome.LockedOut;
        }
        else if (Hasher.VerifyHashedPassword(account, account.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            account.FailedLoginCount++;
            outcome = LoginOutcome.Failed;
            if (account.FailedLoginCount >= MaxFailedAttempts)
            {
                account.LockedUntil = now + LockoutDuration;
                account.FailedLoginCount = 0;
                outcome = LoginOutcome.LockedOut;
            }
        }
        else
        {
            account.FailedLoginCount = 0;
            account.LockedUntil = null;
            outcome = LoginOutcome.Succeeded;
        }
        await db.SaveChangesAsync(cancellationToken);
        var detail = outcome switch
        {
            LoginOutcome.Succeeded => "ログイン成功",
            LoginOutcome.LockedOut => "ロック中のためログイン拒否",
            _ => account is null ? "ログイン失敗（利用者IDなし）" : $"ログイン失敗（パスワード誤り {account.FailedLoginCount}回目）",
        };
        await audit.AppendAsync(db, [audit.Event(attempt, AuditFunctions.Login, "ログイン", outcome: outcome == LoginOutcome.Succeeded ? AuditOutcome.Succeeded : AuditOutcome.Refused, detail: detail)], cancellationToken);
        await tx.CommitAsync(cancellationToken);
        if (outcome != LoginOutcome.Succeeded)
        {
            return (outcome, null);
        }
        var op = ToOperator(account!, terminal, place);
        if (op.IsIn(Roles.Contractor) && await ActiveGrantAsync(userId, cancellationToken) is { } grant)
        {
            // 緊急時アクセス: 照会 only, no protected items, until the approval ends.
            op = op with { Permissions = new HashSet<Permission>(op.Permissions) { Permission.Inquiry }, BreakGlassGrant = grant.Id, BreakGlassUntil = grant.EndsAt };
            await audit.AppendAloneAsync(database, [audit.Event(op, AuditFunctions.Login, "ログイン", detail: $"緊急時アクセス開始（{grant.EndsAt:yyyy-MM-dd HH:mm} UTC まで、承認者 {grant.ApprovedBy}）")], cancellationToken);
        }
        return (outcome, op);
    }

    /// <summary>The longest 緊急時アクセス a city official may approve at once.</summary>
    public static readonly TimeSpan MaxBreakGlass = TimeSpan.FromHours(4);

    /// <summary>
    /// 緊急時アクセスの承認 (seed 000 OUT-02): a user with the 権限管理 right lets a contractor account see
    /// personal data (照会 only) from now for <paramref name="duration"/>, for the recorded reason.
    /// </summary>
    public async Task<long> GrantBreakGlassAsync(Operator by, string userId, string reason, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, by, Permission.RightsAdministration, "緊急時アクセスの承認", cancellationToken);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new Domain.FieldValidationException("reason", "理由", new("required", "緊急時アクセスの理由（障害の内容）を入力してください。"));
        }
        if (duration <= TimeSpan.Zero || duration > MaxBreakGlass)
        {
            throw new Domain.FieldValidationException("minutes", "時間", new("range", $"緊急時アクセスは1分から{MaxBreakGlass.TotalHours:0}時間までです。"));
        }
        await using var db = database.Open();
        var account = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserId == userId, cancellationToken);
        if (account is null || !account.Roles.Split(',').Contains(Roles.Contractor))
        {
            throw new Domain.FieldValidationException("userId", "利用者ID", new("not-contractor", "緊急時アクセスは委託先（運用保守）の利用者にだけ承認できます。"));
        }
        var now = audit.Clock.GetCurrentInstant().ToDateTimeUtc();
        var grant = new BreakGlassGrantRow { UserId = userId, ApprovedBy = by.UserId, Reason = reason.Trim(), StartsAt = now, EndsAt = now + duration };
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.BreakGlassGrants.Add(grant);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, [audit.Event(by, AuditFunctions.BreakGlass, "緊急時アクセスの承認", detail: $"承認{grant.Id} {userId} {duration.TotalMinutes:0}分 理由: {grant.Reason}")], cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return grant.Id;
    }

    /// <summary>Ends a 緊急時アクセス before its time; sessions under it end at their next request.</summary>
    public async Task RevokeBreakGlassAsync(Operator by, long grantId, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, by, Permission.RightsAdministration, "緊急時アクセスの取消", cancellationToken);
        await using var db = database.Open();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var grant = await db.BreakGlassGrants.AsTracking().SingleOrDefaultAsync(g => g.Id == grantId, cancellationToken)
            ?? throw new Domain.FieldValidationException("id", "承認", new("not-found", "該当する緊急時アクセスの承認がありません。"));
        grant.RevokedAt ??= audit.Clock.GetCurrentInstant().ToDateTimeUtc();
        grant.RevokedBy ??= by.UserId;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, [audit.Event(by, AuditFunctions.BreakGlass, "緊急時アクセスの取消", detail: $"承認{grant.Id} {grant.UserId} 取消")], cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>Whether a 緊急時アクセス still runs (not ended, not revoked): checked on every request of its session.</summary>
    public async Task<bool> IsBreakGlassActiveAsync(long grantId, CancellationToken cancellationToken = default)
    {
        var now = audit.Clock.GetCurrentInstant().ToDateTimeUtc();
        await using var db = database.Open();
        return await db.BreakGlassGrants.AnyAsync(g => g.Id == grantId && g.RevokedAt == null && g.EndsAt > now && g.StartsAt <= now, cancellationToken);
    }

    private async Task<BreakGlassGrantRow?> ActiveGrantAsync(string userId, CancellationToken cancellationToken)
    {
        var now = audit.Clock.GetCurrentInstant().ToDateTimeUtc();
        await using var db = database.Open();
        return await db.BreakGlassGrants.AsNoTracking().Where(g => g.UserId == userId && g.RevokedAt == null && g.StartsAt <= now && g.EndsAt > now)
            .OrderByDescending(g => g.EndsAt).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<Operator?> FindOperatorAsync(string userId, string terminal, string place, CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        var account = await db.Users.SingleOrDefaultAsync(u => u.UserId == userId, cancellationToken);
        return account is null ? null : ToOperator(account, terminal, place);
    }

    public async Task<bool> AnyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        return await db.Users.AnyAsync(cancellationToken);
    }

    private static Operator ToOperator(UserAccount account, string terminal, string place) =>
        new(account.UserId, account.DisplayName, terminal, place, account.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(),
            Accounts.Permissions.Parse<Permission>(account.Permissions), Accounts.Permissions.Parse<VisibleItem>(account.VisibleItems));

    private static readonly UserAccount Nobody = new() { UserId = "", DisplayName = "", PasswordHash = "", Roles = "", Department = "" };

    private static readonly string DummyHash = Hasher.HashPassword(Nobody, Guid.NewGuid().ToString());
}
