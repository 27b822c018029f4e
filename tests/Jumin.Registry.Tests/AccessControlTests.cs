using System.Net;
using Jumin.Domain;
using Jumin.Domain.Audit;
using Jumin.Registry.Access;
using Jumin.Registry.Accounts;
using Jumin.Registry.Audit;
using Jumin.Registry.Persistence;
using Jumin.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Testing;

namespace Jumin.Registry.Tests;

/// <summary>Issue 5: two-factor login, lockout, the terminal allow-list, 利用期間 and 権限管理 with 予約変更 (j1380).</summary>
public abstract class AccessControlTests(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly FakeClock clock = new(Instant.FromUtc(2026, 11, 30, 1, 0));

    private TestRegistry registry = null!;

    private AccountService Accounts => registry.Node.Accounts;

    public async Task InitializeAsync() => registry = await TestRegistry.CreateAsync(provider, clock: clock);

    public async Task DisposeAsync() => await registry.DisposeAsync();

    private Task<(LoginOutcome Outcome, Operator? Operator)> Login(string userId, string password, string? code, IPAddress? from = null) =>
        Accounts.LoginAsync(new LoginAttempt(userId, password, code, from ?? IPAddress.Loopback));

    private async Task<List<AuditLogRow>> LoginEntriesAsync()
    {
        await using var db = registry.Node.Database.Open();
        return await db.AuditLog.Where(a => a.Function == AuditFunctions.Login).OrderBy(a => a.Sequence).ToListAsync();
    }

    [Fact]
    public async Task A_login_needs_the_password_and_a_fresh_code_and_a_code_is_never_accepted_twice()
    {
        var password = registry.Account("clerk01").Password;
        var code = registry.CodeFor("clerk01");

        Assert.Equal(LoginOutcome.Failed, (await Login("clerk01", password, null)).Outcome);
        Assert.Equal(LoginOutcome.Failed, (await Login("clerk01", password, code == "000000" ? "111111" : "000000")).Outcome);
        var (outcome, op) = await Login("clerk01", password, code);
        Assert.Equal(LoginOutcome.Succeeded, outcome);
        Assert.Equal("窓口端末1 (127.0.0.1)", op!.Terminal);
        Assert.Equal("本庁 市民課", op.Place);
        Assert.Equal("LOCAL-V4", op.TerminalId);
        // Read over a shoulder and typed again within the same 30 seconds: refused.
        Assert.Equal(LoginOutcome.Failed, (await Login("clerk01", password, code)).Outcome);
        Assert.Equal(LoginOutcome.Failed, (await Login("clerk01", "wrong-password-1", registry.CodeFor("clerk01"))).Outcome);

        var entries = await LoginEntriesAsync();
        Assert.Equal(
            ["確認コード誤り 1回目", "確認コード誤り 2回目", "ログイン成功", "使用済みの確認コード（再使用） 1回目", "パスワード誤り 2回目"],
            entries.Select(e => e.Detail!.Replace("ログイン失敗（", "", StringComparison.Ordinal).Replace("（パスワード・確認コード）", "", StringComparison.Ordinal).TrimEnd('）')).ToArray());
        Assert.All(entries, e => Assert.DoesNotContain(code, e.Detail!, StringComparison.Ordinal));
        Assert.True((await registry.Node.Audit.VerifyAsync(registry.Node.Database)).IsIntact);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_and_an_administrator_unlocks_it()
    {
        for (var i = 1; i < AccountService.MaxFailedAttempts; i++)
        {
            Assert.Equal(LoginOutcome.Failed, (await registry.LoginAsync("clerk01", "wrong-password")).Outcome);
        }
        Assert.Equal(LoginOutcome.LockedOut, (await registry.LoginAsync("clerk01", "wrong-password")).Outcome);
        Assert.Equal(LoginOutcome.LockedOut, (await registry.LoginAsync("clerk01")).Outcome);
        Assert.Equal(LoginOutcome.Failed, (await registry.LoginAsync("nobody")).Outcome);

        var admin = await registry.OperatorAsync("admin01");
        Assert.True((await registry.Node.AccountAdministration.ListAsync(admin)).Single(a => a.UserId == "clerk01").LockedOut);
        await registry.Node.AccountAdministration.UnlockAsync(admin, "clerk01");
        Assert.Equal(LoginOutcome.Succeeded, (await registry.LoginAsync("clerk01")).Outcome);
        Assert.Contains(await LoginEntriesAsync(), e => e.OperatorId == "nobody" && e.Detail!.Contains("利用者IDなし", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_registered_terminals_may_log_in_and_the_most_specific_registration_names_the_terminal()
    {
        var stranger = IPAddress.Parse("10.1.2.31");
        var (outcome, _) = await Login("clerk01", registry.Account("clerk01").Password, registry.CodeFor("clerk01"), stranger);
        Assert.Equal(LoginOutcome.UnknownTerminal, outcome);
        var refused = (await LoginEntriesAsync()).Last();
        Assert.Equal(((int)AuditOutcome.Refused, "未登録端末 (10.1.2.31)"), (refused.Outcome, refused.Terminal));

        var admin = await registry.OperatorAsync("admin01");
        await registry.Node.Terminals.RegisterAsync(admin, "HONCHO-02", "窓口端末2", "本庁 市民課", "10.1.2.0/24");
        await registry.Node.Terminals.RegisterAsync(admin, "HONCHO-31", "証明発行端末", "本庁 市民課 証明窓口", "10.1.2.31");
        var error = await Assert.ThrowsAsync<FieldValidationException>(() => registry.Node.Terminals.RegisterAsync(admin, "X", "X", "X", "10.1.2.5/24"));
        Assert.Equal("address", error.Field);
        var clerk = await registry.OperatorAsync("clerk02");
        await Assert.ThrowsAsync<AccessDeniedException>(() => registry.Node.Terminals.RegisterAsync(clerk, "Y", "Y", "Y", "10.9.9.9"));

        var (_, op) = await Login("clerk01", registry.Account("clerk01").Password, registry.CodeFor("clerk01"), stranger);
        Assert.Equal(("HONCHO-31", "証明発行端末 (10.1.2.31)", "本庁 市民課 証明窓口"), (op!.TerminalId, op.Terminal, op.Place));
        var (_, neighbour) = await Login("clerk02", registry.Account("clerk02").Password, registry.CodeFor("clerk02"), IPAddress.Parse("::ffff:10.1.2.40"));
        Assert.Equal("HONCHO-02", neighbour!.TerminalId);

        await registry.Node.Terminals.RetireAsync(admin, "HONCHO-31");
        Assert.False(await registry.Node.Terminals.IsActiveAsync("HONCHO-31"));
        Assert.Equal("HONCHO-02", (await registry.Node.Terminals.FindAsync(stranger))!.TerminalId);
    }

    [Fact]
    public async Task An_account_logs_in_only_within_its_period_of_use()
    {
        var admin = await registry.OperatorAsync("admin01");
        var today = new LocalDate(2026, 11, 30);
        var enrolment = await registry.Node.AccountAdministration.CreateAsync(admin, new NewAccount(
            "temp01", "臨時 七海", "a-long-password-7", "市民課", [Roles.Clerk], [], ValidFrom: today.PlusDays(1), ValidUntil: today.PlusDays(30)));
        Assert.StartsWith("otpauth://totp/Jumin%3Atemp01?secret=", enrolment.Uri, StringComparison.Ordinal);

        string Code() => registry.OneTimePasswordClock.NextCode(registry.Node, enrolment.Secret);
        Assert.Equal(LoginOutcome.Failed, (await Login("temp01", "a-long-password-7", Code())).Outcome);
        clock.Advance(Duration.FromDays(1));
        Assert.Equal(LoginOutcome.Succeeded, (await Login("temp01", "a-long-password-7", Code())).Outcome);
        clock.Advance(Duration.FromDays(30));
        Assert.Equal(LoginOutcome.Failed, (await Login("temp01", "a-long-password-7", Code())).Outcome);
        Assert.Contains(await LoginEntriesAsync(), e => e.OperatorId == "temp01" && e.Detail!.Contains("利用期間外", StringComparison.Ordinal));

        var duplicate = await Assert.ThrowsAsync<FieldValidationException>(() => registry.Node.AccountAdministration.CreateAsync(admin, new NewAccount("temp01", "別人", "a-long-password-8", "市民課", [Roles.Clerk], [])));
        Assert.Equal("userId", duplicate.Field);
        var shortPassword = await Assert.ThrowsAsync<FieldValidationException>(() => registry.Node.AccountAdministration.CreateAsync(admin, new NewAccount("temp02", "臨時 八郎", "short", "市民課", [Roles.Clerk], [])));
        Assert.Equal("password", shortPassword.Field);
    }

    [Fact]
    public async Task A_change_scheduled_for_April_first_takes_effect_that_day_and_ends_older_sessions()
    {
        var admin = await registry.OperatorAsync("admin01");
        var before = (await registry.LoginAsync("clerk01")).Operator!;
        Assert.False(before.Sees(VisibleItem.IndividualNumber));
        var april = new LocalDate(2027, 4, 1);

        var id = await registry.Node.AccountAdministration.ChangeRightsAsync(admin, "clerk01", new RightsChange(
            Department: "保険年金課", Permissions: [Permission.Inquiry, Permission.CertificateIssue], VisibleItems: [VisibleItem.IndividualNumber], EffectiveOn: april));
        Assert.NotNull(id);
        Assert.True(await Accounts.IsSessionCurrentAsync("clerk01", before.RightsVersion));
        var listed = (await registry.Node.AccountAdministration.ListAsync(admin)).Single(a => a.UserId == "clerk01");
        Assert.Equal(("市民課", april), (listed.Department, listed.Scheduled.Single().EffectiveOn));

        clock.Reset(april.AtStartOfDayInZone(Domain.Dates.JapanTime.Zone).ToInstant());
        Assert.False(await Accounts.IsSessionCurrentAsync("clerk01", before.RightsVersion));
        var after = (await registry.LoginAsync("clerk01")).Operator!;
        Assert.Equal([Permission.Inquiry, Permission.CertificateIssue], after.Permissions.Order());
        Assert.True(after.Sees(VisibleItem.IndividualNumber));
        listed = (await registry.Node.AccountAdministration.ListAsync(admin)).Single(a => a.UserId == "clerk01");
        Assert.Equal(("保険年金課", 0), (listed.Department, listed.Scheduled.Count));
        await using var db = registry.Node.Database.Open();
        Assert.Single(await db.AuditLog.Where(a => a.Screen == "権限の予約変更" && a.OperatorId == "batch:account-schedule").ToListAsync());
    }

    [Fact]
    public async Task Rights_change_at_once_but_never_by_their_holder_and_not_without_the_right()
    {
        var admin = await registry.OperatorAsync("admin01");
        await registry.Node.AccountAdministration.ChangeRightsAsync(admin, "clerk02", new RightsChange(Permissions: [Permission.Inquiry]));
        Assert.False((await registry.LoginAsync("clerk02")).Operator!.May(Permission.ChangeEntry));

        var own = await Assert.ThrowsAsync<FieldValidationException>(() => registry.Node.AccountAdministration.ChangeRightsAsync(admin, "admin01", new RightsChange(VisibleItems: [VisibleItem.IndividualNumber])));
        Assert.Equal("userId", own.Field);
        var clerk = await registry.OperatorAsync("approver01");
        await Assert.ThrowsAsync<AccessDeniedException>(() => registry.Node.AccountAdministration.ChangeRightsAsync(clerk, "clerk01", new RightsChange(Permissions: [Permission.Approval])));
        await Assert.ThrowsAsync<AccessDeniedException>(() => registry.Node.AccountAdministration.ListAsync(clerk));

        var id = await registry.Node.AccountAdministration.ChangeRightsAsync(admin, "clerk01", new RightsChange(ValidUntil: new LocalDate(2027, 3, 31), EffectiveOn: new LocalDate(2027, 1, 1)));
        await registry.Node.AccountAdministration.CancelScheduledAsync(admin, id!.Value);
        Assert.Empty((await registry.Node.AccountAdministration.ListAsync(admin)).Single(a => a.UserId == "clerk01").Scheduled);
    }

    [Fact]
    public async Task A_reissued_second_factor_makes_the_old_device_useless()
    {
        var admin = await registry.OperatorAsync("admin01");
        var oldSecret = registry.Account("clerk01").SecondFactorSecret;
        var enrolment = await registry.Node.AccountAdministration.ReissueSecondFactorAsync(admin, "clerk01");
        Assert.NotEqual(oldSecret, enrolment.Secret);

        var password = registry.Account("clerk01").Password;
        Assert.Equal(LoginOutcome.Failed, (await Login("clerk01", password, registry.OneTimePasswordClock.NextCode(registry.Node, oldSecret))).Outcome);
        Assert.Equal(LoginOutcome.Succeeded, (await Login("clerk01", password, registry.Node.OneTimePasswords.Now(enrolment.Secret))).Outcome);
    }

    [Fact]
    public async Task Look_ups_need_a_processing_reason_and_every_entry_under_it_records_it()
    {
        await using var withPeople = await TestRegistry.CreateAsync(provider, demoResidents: 10);
        var bare = (await withPeople.Node.Accounts.FindOperatorAsync("clerk01", "TEST", "本庁"))!;
        await Assert.ThrowsAsync<Audit.ProcessingReasonRequiredException>(() => withPeople.Node.Search.SearchAsync(bare, new() { NameKana = "ア" }));
        await using (var db = withPeople.Node.Database.Open())
        {
            var refusal = await db.AuditLog.OrderByDescending(a => a.Sequence).FirstAsync();
            Assert.Equal(((int)AuditOutcome.Refused, "処理事由なし"), (refusal.Outcome, refusal.Detail));
        }

        var op = bare with { Reason = ProcessingReason.Create(ProcessingReasonKind.Other, "議会への統計資料の確認") };
        string atena;
        await using (var db = withPeople.Node.Database.Open())
        {
            atena = (await db.Residents.OrderBy(r => r.AtenaNumber).FirstAsync()).AtenaNumber.Value;
        }
        var hit = Assert.Single((await withPeople.Node.Search.SearchAsync(op, new() { AtenaNumber = atena })).Hits);
        await withPeople.Node.Query.GetAsync(op, hit.Current.AtenaNumber);
        await using (var db = withPeople.Node.Database.Open())
        {
            var entries = await db.AuditLog.OrderByDescending(a => a.Sequence).Take(2).ToListAsync();
            Assert.All(entries, e => Assert.StartsWith("［処理事由 その他（議会への統計資料の確認）］", e.Detail, StringComparison.Ordinal));
            Assert.Contains(entries, e => e.TargetAtenaNumber == hit.Current.AtenaNumber.Value);
        }
    }

    [Fact]
    public async Task The_second_factor_secret_is_not_stored_in_clear()
    {
        var secret = OtpNet.Base32Encoding.ToBytes(registry.Account("clerk01").SecondFactorSecret);
        await using var db = registry.Node.Database.Open();
        var stored = (await db.Users.SingleAsync(u => u.UserId == "clerk01")).SecondFactorSecret;
        Assert.Equal(1 + 4 + 12 + secret.Length + 16, stored.Length);
        Assert.False(stored.AsSpan().IndexOf(secret.AsSpan(0, 8)) >= 0);
    }
}

public sealed class SqliteAccessControlTests() : AccessControlTests(DatabaseProvider.Sqlite);

public sealed class PostgresAccessControlTests() : AccessControlTests(DatabaseProvider.Postgres);
