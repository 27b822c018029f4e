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
        return (outcome, ToOperator(account!, terminal, place));
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
