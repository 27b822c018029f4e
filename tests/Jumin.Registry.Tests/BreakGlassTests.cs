using Jumin.Registry.Access;
using Jumin.Registry.Accounts;
using Jumin.Registry.Audit;
using Jumin.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Testing;

namespace Jumin.Registry.Tests;

/// <summary>委託先 (seed 000 §4.3 OUT-02): operations without personal data; 緊急時アクセス only with a city official's approval, time-limited and logged.</summary>
public abstract class BreakGlassTests(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly FakeClock clock = new(Instant.FromUtc(2026, 11, 30, 1, 0));

    private TestRegistry registry = null!;

    private AccountService Accounts => registry.Node.Accounts;

    public async Task InitializeAsync() => registry = await TestRegistry.CreateAsync(provider, demoResidents: 20, clock: clock);

    public async Task DisposeAsync() => await registry.DisposeAsync();

    private async Task<Operator> LoginAsync(string userId) =>
        (await registry.LoginAsync(userId)).Operator!;

    [Fact]
    public async Task A_contractor_sees_operations_but_no_person_until_an_official_approves_a_limited_emergency_access()
    {
        var contractor = await LoginAsync("contractor01");
        Assert.False(contractor.May(Permission.Inquiry));
        var status = await registry.Node.Operations.StatusAsync(contractor);
        Assert.Equal(20, status.Residents);
        await Assert.ThrowsAsync<AccessDeniedException>(() => registry.Node.Search.SearchAsync(contractor, new() { NameKana = "ア" }));

        // Only the 権限管理 right approves; only for a contractor; at most four hours; with a reason.
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Accounts.GrantBreakGlassAsync(await registry.OperatorAsync("approver01"), "contractor01", "障害対応", TimeSpan.FromHours(1)));
        var admin = await registry.OperatorAsync("admin01");
        await Assert.ThrowsAsync<Domain.FieldValidationException>(() => Accounts.GrantBreakGlassAsync(admin, "clerk01", "障害対応", TimeSpan.FromHours(1)));
        await Assert.ThrowsAsync<Domain.FieldValidationException>(() => Accounts.GrantBreakGlassAsync(admin, "contractor01", "障害対応", TimeSpan.FromHours(5)));
        await Assert.ThrowsAsync<Domain.FieldValidationException>(() => Accounts.GrantBreakGlassAsync(admin, "contractor01", " ", TimeSpan.FromHours(1)));
        var grant = await Accounts.GrantBreakGlassAsync(admin, "contractor01", "住民票照会画面の表示障害の調査", TimeSpan.FromHours(1));

        var emergency = await LoginAsync("contractor01");
        Assert.True(emergency.May(Permission.Inquiry));
        Assert.Empty(emergency.VisibleItems);
        Assert.Equal(grant, emergency.BreakGlassGrant);
        await registry.Node.Search.SearchAsync(emergency, new() { NameKana = "ア" });
        await using (var db = registry.Node.Database.Open())
        {
            var search = await db.AuditLog.Where(a => a.OperatorId == "contractor01" && a.Function == AuditFunctions.Search).SingleAsync();
            Assert.StartsWith($"［緊急時アクセス 承認{grant}］", search.Detail, StringComparison.Ordinal);
        }

        // It ends by itself.
        Assert.True(await Accounts.IsBreakGlassActiveAsync(grant));
        clock.Advance(Duration.FromMinutes(61));
        Assert.False(await Accounts.IsBreakGlassActiveAsync(grant));
        Assert.False((await LoginAsync("contractor01")).May(Permission.Inquiry));
    }

    [Fact]
    public async Task A_revoked_emergency_access_ends_at_once()
    {
        var admin = await registry.OperatorAsync("admin01");
        var grant = await Accounts.GrantBreakGlassAsync(admin, "contractor01", "夜間バッチ障害の復旧", TimeSpan.FromHours(2));
        Assert.True((await LoginAsync("contractor01")).May(Permission.Inquiry));

        await Accounts.RevokeBreakGlassAsync(admin, grant);

        Assert.False(await Accounts.IsBreakGlassActiveAsync(grant));
        Assert.False((await LoginAsync("contractor01")).May(Permission.Inquiry));
        await using var db = registry.Node.Database.Open();
        Assert.Equal(2, await db.AuditLog.CountAsync(a => a.Function == AuditFunctions.BreakGlass));
    }
}

public sealed class SqliteBreakGlassTests() : BreakGlassTests(DatabaseProvider.Sqlite);

public sealed class PostgresBreakGlassTests() : BreakGlassTests(DatabaseProvider.Postgres);
