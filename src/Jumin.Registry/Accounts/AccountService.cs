using Jumin.Domain.Audit;
using Jumin.Domain.Dates;
using Jumin.Registry.Access;
using Jumin.Registry.Audit;
using Jumin.Registry.Persistence;
using Jumin.Storage.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jumin.Registry.Accounts;

/// <summary>
/// Staff accounts: creation, login with password (PBKDF2 via ASP.NET Core Identity's hasher) and a
/// one-time code (二要素認証), lockout, 利用期間, and the terminal the session is bound to. The ring sealing the
/// second-factor secrets is read at each use, so that a rotated key reaches a running node.
/// </summary>
public sealed class AccountService(RegistryDatabase database, AuditTrail audit, Func<KeyRing> secrets, OneTimePasswords oneTimePasswords, TerminalRegistry terminals, int passwordHashIterations = AccountService.ProductionPasswordHashIterations)
{
    /// <summary>PBKDF2 (HMAC-SHA512) rounds for a new password hash: ASP.NET Core Identity's default. Tests lower it.</summary>
    public const int ProductionPasswordHashIterations = 100_000;

    public const int MaxFailedAttempts = 5;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>The issuer name authenticator apps show next to the account.</summary>
    public const string Issuer = "Jumin";

    private readonly PasswordHasher<UserAccount> hasher = new(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = passwordHashIterations }));

    /// <summary>
    /// Creates an account with the rights of its roles (each can later be changed on its own) and the items it may see,
    /// and enrols its second factor: the returned secret goes to the holder's authenticator app once and is not shown again.
    /// </summary>
    /// <summary>Whether any account holds the 権限管理 right (the console may create only the first one).</summary>
    public async Task<bool> HasRightsAdministratorAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        var right = Permission.RightsAdministration.ToString();
        return await db.Users.AnyAsync(u => u.Permissions.Contains(right), cancellationToken);
    }

    public async Task<SecondFactorEnrolment> CreateAsync(Operator by, NewAccount request, CancellationToken cancellationToken = default)
    {
        var errors = request.Validate();
        if (errors.Count > 0)
        {
            throw errors[0];
        }
        var secret = OneTimePasswords.NewSecret();
        var account = new UserAccount
        {
            UserId = request.UserId,
            DisplayName = request.DisplayName.Trim(),
            PasswordHash = string.Empty,
            Roles = string.Join(',', request.Roles),
            Permissions = Access.Permissions.Format(request.Permissions ?? request.Roles.SelectMany(Access.Permissions.OfRole)),
            VisibleItems = Access.Permissions.Format(request.VisibleItems),
            Department = request.Department.Trim(),
            CreatedAt = audit.Clock.GetCurrentInstant().ToDateTimeUtc(),
            SecondFactorSecret = secrets().Seal(secret),
            ValidFrom = request.ValidFrom,
            ValidUntil = request.ValidUntil,
        };
        account.PasswordHash = hasher.HashPassword(account, request.Password);
        await using var db = database.Open();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Users.AnyAsync(u => u.UserId == request.UserId, cancellationToken))
        {
            throw new Domain.FieldValidationException("userId", "利用者ID", new("duplicate", "この利用者IDは既に使われています。利用者IDは職員一人に一つで、共用しません。"));
        }
        db.Users.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, [audit.Event(by, AuditFunctions.Setting, "利用者登録", detail: $"利用者{account.UserId}を登録（{account.Department}; {account.Roles}; 権限 {account.Permissions}; 表示項目 {account.VisibleItems}; 利用期間 {account.ValidFrom}～{account.ValidUntil}; 二要素認証を登録）")], cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return OneTimePasswords.Enrolment(account.UserId, Issuer, secret);
    }

    /// <summary>
    /// Checks the terminal, the password and the one-time code; every attempt, failed or not, is audited
    /// (j1370 認証ログ) with the reason, which the caller is not told.
    /// </summary>
    public async Task<(LoginOutcome Outcome, Operator? Operator)> LoginAsync(LoginAttempt attempt, CancellationToken cancellationToken = default)
    {
        var terminal = await terminals.FindAsync(attempt.ClientAddress, cancellationToken);
        var address = attempt.ClientAddress?.ToString() ?? "不明";
        if (terminal is null)
        {
            var stranger = Operator.WithoutRights(attempt.UserId, attempt.UserId, $"未登録端末 ({address})", "不明");
            await audit.AppendAloneAsync(database, [audit.Event(stranger, AuditFunctions.Login, "ログイン", outcome: AuditOutcome.Refused, detail: $"未登録の端末（{address}）からのログインを拒否")], cancellationToken);
            return (LoginOutcome.UnknownTerminal, null);
        }
        var terminalName = $"{terminal.Name} ({address})";
        await ApplyDueChangesAsync(attempt.UserId, cancellationToken);
        await using var db = database.Open();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var account = await db.Users.AsTracking().SingleOrDefaultAsync(u => u.UserId == attempt.UserId, cancellationToken);
        var now = audit.Clock.GetCurrentInstant().ToDateTimeUtc();
        var today = JapanTime.Today(audit.Clock);
        var who = Operator.WithoutRights(attempt.UserId, account?.DisplayName ?? attempt.UserId, terminalName, terminal.Place) with { Department = account?.Department };
        LoginOutcome outcome;
        string detail;
        if (account is null)
        {
            // Spend the same effort as a real check so that timing does not reveal unknown IDs.
            hasher.VerifyHashedPassword(Nobody, DummyHash, attempt.Password);
            (outcome, detail) = (LoginOutcome.Failed, "ログイン失敗（利用者IDなし）");
        }
        else if (account.LockedUntil is { } until && until > now)
        {
            (outcome, detail) = (LoginOutcome.LockedOut, "ロック中のためログイン拒否");
        }
        else if (hasher.VerifyHashedPassword(account, account.PasswordHash, attempt.Password) == PasswordVerificationResult.Failed)
        {
            (outcome, detail) = Fail(account, now, "パスワード誤り");
        }
        else if (!AccountRights.IsWithinPeriod(account.ValidFrom, account.ValidUntil, today))
        {
            (outcome, detail) = (LoginOutcome.Failed, $"ログイン失敗（利用期間外 {account.ValidFrom}～{account.ValidUntil}）");
        }
        else if (account.SecondFactorSecret.Length == 0)
        {
            (outcome, detail) = (LoginOutcome.Failed, "ログイン失敗（二要素認証が未登録）");
        }
        else
        {
            var (check, step) = oneTimePasswords.Verify(secrets().Open(account.SecondFactorSecret), attempt.Code, account.SecondFactorLastStep);
            if (check == SecondFactorCheck.Accepted)
            {
                account.SecondFactorLastStep = step;
                account.FailedLoginCount = 0;
                account.LockedUntil = null;
                (outcome, detail) = (LoginOutcome.Succeeded, "ログイン成功（パスワード・確認コード）");
            }
            else
            {
                (outcome, detail) = Fail(account, now, check == SecondFactorCheck.Replayed ? "使用済みの確認コード（再使用）" : "確認コード誤り");
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, [audit.Event(who, AuditFunctions.Login, "ログイン", outcome: outcome == LoginOutcome.Succeeded ? AuditOutcome.Succeeded : AuditOutcome.Refused, detail: detail)], cancellationToken);
        await tx.CommitAsync(cancellationToken);
        if (outcome != LoginOutcome.Succeeded)
        {
            return (outcome, null);
        }
        var op = ToOperator(account!, terminalName, terminal.Place) with { TerminalId = terminal.TerminalId, ClientAddress = address };
        if (op.IsIn(Roles.Contractor) && await ActiveGrantAsync(attempt.UserId, cancellationToken) is { } grant)
        {
            // 緊急時アクセス: 照会 only, no protected items, until the approval ends.
            op = op with { Permissions = new HashSet<Permission>(op.Permissions) { Permission.Inquiry }, BreakGlassGrant = grant.Id, BreakGlassUntil = grant.EndsAt };
            await audit.AppendAloneAsync(database, [audit.Event(op, AuditFunctions.Login, "ログイン", detail: $"緊急時アクセス開始（{grant.EndsAt:yyyy-MM-dd HH:mm} UTC まで、承認者 {grant.ApprovedBy}）")], cancellationToken);
        }
        return (outcome, op);
    }

    /// <summary>
    /// 画面ロックの解除: the signed-in user gives the password again on the same terminal (the session already passed
    /// the second factor). Failures count toward the lockout; a lockout ends the session.
    /// </summary>
    public async Task<LoginOutcome> UnlockAsync(Operator op, string password, CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var account = await db.Users.AsTracking().SingleOrDefaultAsync(u => u.UserId == op.UserId, cancellationToken);
        var now = audit.Clock.GetCurrentInstant().ToDateTimeUtc();
        LoginOutcome outcome;
        string detail;
        if (account is null || (account.LockedUntil is { } until && until > now))
        {
            (outcome, detail) = (LoginOutcome.LockedOut, "ロック中のため画面ロック解除を拒否");
        }
        else if (hasher.VerifyHashedPassword(account, account.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            (outcome, detail) = Fail(account, now, "画面ロック解除のパスワード誤り");
        }
        else
        {
            account.FailedLoginCount = 0;
            (outcome, detail) = (LoginOutcome.Succeeded, "画面ロック解除");
        }
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, [audit.Event(op, AuditFunctions.Login, "画面ロック", outcome: outcome == LoginOutcome.Succeeded ? AuditOutcome.Succeeded : AuditOutcome.Refused, detail: detail)], cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return outcome;
    }

    private static (LoginOutcome, string) Fail(UserAccount account, DateTime now, string reason)
    {
        account.FailedLoginCount++;
        var detail = $"ログイン失敗（{reason} {account.FailedLoginCount}回目）";
        if (account.FailedLoginCount < MaxFailedAttempts)
        {
            return (LoginOutcome.Failed, detail);
        }
        account.LockedUntil = now + LockoutDuration;
        account.FailedLoginCount = 0;
        return (LoginOutcome.LockedOut, detail + "、ロック");
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
        await using var db = database.Open();
        return await RunningGrants(db).AnyAsync(g => g.Id == grantId, cancellationToken);
    }

    private async Task<BreakGlassGrantRow?> ActiveGrantAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        return await RunningGrants(db).AsNoTracking().Where(g => g.UserId == userId).OrderByDescending(g => g.EndsAt).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>緊急時アクセス approvals in force now: started, not ended, not revoked.</summary>
    private IQueryable<BreakGlassGrantRow> RunningGrants(RegistryDbContext db)
    {
        var now = audit.Clock.GetCurrentInstant().ToDateTimeUtc();
        return db.BreakGlassGrants.Where(g => g.RevokedAt == null && g.StartsAt <= now && g.EndsAt > now);
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
            Access.Permissions.Parse<Permission>(account.Permissions), Access.Permissions.Parse<VisibleItem>(account.VisibleItems))
        {
            RightsVersion = account.RightsVersion,
            Department = account.Department,
        };

    /// <summary>
    /// Whether a session may go on (checked on every request): the account exists, is within its 利用期間 and its
    /// rights have not changed since the login. Changes scheduled for today are applied first.
    /// </summary>
    public async Task<bool> IsSessionCurrentAsync(string userId, int rightsVersion, CancellationToken cancellationToken = default)
    {
        await ApplyDueChangesAsync(userId, cancellationToken);
        var today = JapanTime.Today(audit.Clock);
        await using var db = database.Open();
        var account = await db.Users.AsNoTracking().Where(u => u.UserId == userId).Select(u => new { u.RightsVersion, u.ValidFrom, u.ValidUntil }).SingleOrDefaultAsync(cancellationToken);
        return account is not null && account.RightsVersion == rightsVersion && AccountRights.IsWithinPeriod(account.ValidFrom, account.ValidUntil, today);
    }

    /// <summary>Applies the account's 予約変更 whose day has come, oldest first, each once (audited as the scheduler).</summary>
    public async Task ApplyDueChangesAsync(string userId, CancellationToken cancellationToken = default)
    {
        var today = JapanTime.Today(audit.Clock);
        await using var db = database.Open();
        var due = await db.ScheduledAccountChanges.AsNoTracking().Where(c => c.UserId == userId && c.AppliedAt == null && c.CancelledAt == null && c.EffectiveOn <= today)
            .OrderBy(c => c.EffectiveOn).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return;
        }
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var account = await db.Users.AsTracking().SingleAsync(u => u.UserId == userId, cancellationToken);
        var now = audit.Clock.GetCurrentInstant().ToDateTimeUtc();
        var events = new List<AuditEvent>();
        foreach (var change in due)
        {
            // Another request may have applied it a moment ago; only the one that marks it applies it.
            if (await db.ScheduledAccountChanges.Where(c => c.Id == change.Id && c.AppliedAt == null).ExecuteUpdateAsync(u => u.SetProperty(c => c.AppliedAt, now), cancellationToken) == 0)
            {
                continue;
            }
            AccountRights.Apply(account, change.Department, change.Permissions, change.VisibleItems, change.ValidUntil);
            events.Add(audit.Event(Operator.Batch("account-schedule"), AuditFunctions.Setting, "権限の予約変更", detail: $"予約{change.Id}（{change.EffectiveOn} 施行、{change.RequestedBy} 登録）を適用: {AccountRights.Describe(account)}"));
        }
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, events, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    private static readonly UserAccount Nobody = new() { UserId = "", DisplayName = "", PasswordHash = "", Roles = "", Department = "" };

    /// <summary>Verified against for an unknown ID, at the same cost as a real account's hash.</summary>
    private string DummyHash => dummyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString());

    private string? dummyHash;
}
