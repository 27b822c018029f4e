using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jumin.Registry.Audit;
using Jumin.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jumin.Web.Tests;

/// <summary>権限管理 and the 端末の許可リスト over HTTP (issue 5), and what they do to open sessions.</summary>
public sealed class AccountApiTests(SqliteWebApp app) : IClassFixture<SqliteWebApp>
{
    private HttpClient NewClient(string? from = null)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (from is not null)
        {
            client.DefaultRequestHeaders.Add(ClientAddressFilter.Header, from);
        }
        return client;
    }

    private async Task<HttpClient> LoggedIn(string userId, string? from = null)
    {
        var client = NewClient(from);
        (await app.LogInAsync(client, userId)).EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>Creates an account through the API and returns its password and second-factor secret.</summary>
    private static async Task<(string Password, string Secret)> CreateAsync(HttpClient admin, string userId, params string[] roles)
    {
        const string password = "initial-password-1";
        var response = await admin.PostAsJsonAsync("/api/v1/accounts", new { userId, displayName = "試験 太郎", password, department = "市民課", roles, visibleItems = new[] { "FamilyRegister" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith($"otpauth://totp/Jumin%3A{userId}?secret=", body.GetProperty("uri").GetString(), StringComparison.Ordinal);
        return (password, body.GetProperty("secret").GetString()!);
    }

    private async Task<HttpResponseMessage> LogInWithSecretAsync(HttpClient client, string userId, string password, string secret)
    {
        var response = await client.PostAsJsonAsync("/api/v1/session", new { userId, password, code = app.OneTimePasswordClock.NextCode(app.Node, secret) });
        if (response.IsSuccessStatusCode)
        {
            (await client.PutAsJsonAsync("/api/v1/session/reason", new { reason = "Counter" })).EnsureSuccessStatusCode();
        }
        return response;
    }

    [Fact]
    public async Task An_administrator_registers_a_clerk_who_then_logs_in_with_the_new_second_factor()
    {
        var admin = await LoggedIn("admin01");
        var (password, secret) = await CreateAsync(admin, "clerk-api-1", "clerk");

        var clerk = NewClient();
        Assert.Equal(HttpStatusCode.OK, (await LogInWithSecretAsync(clerk, "clerk-api-1", password, secret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("/api/v1/residents?nameKana=ア")).StatusCode);

        var accounts = await admin.GetFromJsonAsync<JsonElement>("/api/v1/accounts");
        var listed = accounts.EnumerateArray().Single(a => a.GetProperty("userId").GetString() == "clerk-api-1");
        Assert.Equal(["Inquiry", "ChangeEntry", "CertificateIssue", "ResidentCodeAssignment"], listed.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.True(listed.GetProperty("secondFactorEnrolled").GetBoolean());
        Assert.DoesNotContain(secret, accounts.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_registration_names_each_field_and_creates_nobody()
    {
        var admin = await LoggedIn("admin01");
        var response = await admin.PostAsJsonAsync("/api/v1/accounts", new { userId = "bad user", displayName = "", password = "short", department = "市民課", roles = new[] { "superuser" }, visibleItems = new[] { "Everything" }, validUntil = "令和9年13月1日" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["displayName", "password", "roles", "userId", "validUntil", "visibleItems"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        await using var db = app.Node.Database.Open();
        Assert.False(await db.Users.AnyAsync(u => u.UserId == "bad user"));
    }

    [Fact]
    public async Task Changing_a_users_rights_ends_their_open_session_and_the_next_login_carries_the_new_rights()
    {
        var admin = await LoggedIn("admin01");
        var (password, secret) = await CreateAsync(admin, "clerk-api-2", "clerk");
        var clerk = NewClient();
        (await LogInWithSecretAsync(clerk, "clerk-api-2", password, secret)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("/api/v1/residents?nameKana=ア")).StatusCode);

        var change = await admin.PutAsJsonAsync("/api/v1/accounts/clerk-api-2/rights", new { permissions = new[] { "LogView" } });
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await clerk.GetAsync("/api/v1/residents?nameKana=ア")).StatusCode);

        (await LogInWithSecretAsync(clerk, "clerk-api-2", password, secret)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/v1/residents?nameKana=ア")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("/api/v1/audit/entries?operator=clerk-api-2")).StatusCode);

        var future = await admin.PutAsJsonAsync("/api/v1/accounts/clerk-api-2/rights", new { department = "保険年金課", effectiveOn = "2099-04-01" });
        var scheduled = (await future.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("scheduledChange").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("/api/v1/audit/entries?operator=clerk-api-2")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/accounts/scheduled-changes/{scheduled}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.DeleteAsync($"/api/v1/accounts/scheduled-changes/{scheduled}")).StatusCode);

        var own = await admin.PutAsJsonAsync("/api/v1/accounts/admin01/rights", new { visibleItems = new[] { "IndividualNumber" } });
        Assert.Equal(HttpStatusCode.BadRequest, own.StatusCode);
        Assert.Contains("自分自身の権限は変更できません", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_cookie_used_from_another_address_is_refused_ends_the_session_and_is_logged()
    {
        var clerk = await LoggedIn("clerk02");
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("/api/v1/search-history")).StatusCode);

        var stolen = new HttpRequestMessage(HttpMethod.Get, "/api/v1/residents?nameKana=ア");
        stolen.Headers.Add(ClientAddressFilter.Header, "10.9.8.7");
        Assert.Equal(HttpStatusCode.Unauthorized, (await clerk.SendAsync(stolen)).StatusCode);
        // The session is over on its own terminal too: whoever copied the cookie cannot come back through it.
        Assert.Equal(HttpStatusCode.Unauthorized, (await clerk.GetAsync("/api/v1/search-history")).StatusCode);

        await using var db = app.Node.Database.Open();
        var entry = await db.AuditLog.Where(a => a.OperatorId == "clerk02" && a.Screen == "セッション").OrderByDescending(a => a.Sequence).FirstAsync();
        Assert.Equal(AuditFunctions.Login, entry.Function);
        Assert.Equal("［処理事由 窓口での届出・請求］別の端末（10.9.8.7）からのセッション使用を拒否（ログイン端末 窓口端末1 (127.0.0.1)）", entry.Detail);
    }

    [Fact]
    public async Task Only_terminals_on_the_allow_list_log_in_and_retiring_one_ends_its_sessions()
    {
        const string counter = "10.20.30.40";
        var refused = await app.LogInAsync(NewClient(counter), "clerk01");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("この端末は登録されていないため、ログインできません。端末の登録は管理者に依頼してください。", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());

        var admin = await LoggedIn("admin01");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync("/api/v1/terminals/BRANCH-01", new { name = "支所端末", place = "北支所", address = "10.20.30.400" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync("/api/v1/terminals/BRANCH-01", new { name = "支所端末", place = "北支所 市民係", address = counter })).StatusCode);
        var clerk = await LoggedIn("clerk01", from: counter);
        var session = await (await clerk.GetAsync("/api/v1/search-history")).Content.ReadAsStringAsync();
        Assert.NotNull(session);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/terminals/BRANCH-01")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await clerk.GetAsync("/api/v1/search-history")).StatusCode);
        var terminals = await admin.GetFromJsonAsync<JsonElement>("/api/v1/terminals");
        Assert.False(terminals.EnumerateArray().Single(t => t.GetProperty("terminalId").GetString() == "BRANCH-01").GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task A_bulk_export_is_written_once_after_the_managers_approval_and_the_screen_lists_it()
    {
        var clerk = await LoggedIn("clerk02");
        var manager = await LoggedIn("approver01");
        var request = await clerk.PostAsJsonAsync("/api/v1/exports", new { purpose = "選挙人名簿との照合", medium = "庁内ファイルサーバ", addressPrefix = "", items = new[] { "FamilyRegister" } });
        Assert.Equal(HttpStatusCode.Created, request.StatusCode);
        var id = (await request.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.BadRequest, (await clerk.PostAsync($"/api/v1/exports/{id}/file", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsJsonAsync($"/api/v1/exports/{id}/approval", new { note = "" })).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await manager.PostAsJsonAsync($"/api/v1/exports/{id}/approval", new { note = "選挙事務" })).StatusCode);
        var file = await clerk.PostAsync($"/api/v1/exports/{id}/file", null);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("text/csv", file.Content.Headers.ContentType?.MediaType);
        var rows = int.Parse(file.Headers.GetValues("X-Export-Rows").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(rows, 250, WebAppFixture.DemoResidents + 50);
        Assert.Contains("\"本籍\",\"筆頭者\"", await file.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await clerk.PostAsync($"/api/v1/exports/{id}/file", null)).StatusCode);

        var page = await manager.GetStringAsync("/exports");
        Assert.Contains($"{rows}件（支援措置 0件除外）", page, StringComparison.Ordinal);
        Assert.Contains("出力済み", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_accounts_screen_shows_a_new_users_secret_once_and_lists_rights_in_Japanese()
    {
        var admin = await LoggedIn("admin01");
        var page = await admin.GetStringAsync("/accounts");
        Assert.Contains("権限管理", page, StringComparison.Ordinal);
        Assert.Contains("照会・異動入力・証明発行", page, StringComparison.Ordinal);
        Assert.Contains("127.0.0.0/8", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"secret\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_the_http_layer_refuses_each_logout_and_each_expired_session_are_in_the_audit_log()
    {
        var since = await LastAuditSequenceAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await NewClient().GetAsync("/api/v1/residents?nameKana=ア")).StatusCode);
        var clerk = await LoggedIn("clerk01");
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/v1/audit/entries")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await clerk.DeleteAsync("/api/v1/session")).StatusCode);

        var idle = await LoggedIn("clerk02");
        app.SessionClock.Offset = TimeSpan.FromMinutes(31);
        try
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await idle.GetAsync("/api/v1/search-history")).StatusCode);
        }
        finally
        {
            app.SessionClock.Offset = TimeSpan.Zero;
        }

        await using var db = app.Node.Database.Open();
        var entries = await db.AuditLog.AsNoTracking().Where(a => a.Sequence > since).OrderBy(a => a.Sequence).ToListAsync();
        Assert.Contains(entries, a => a.OperatorId == "（未認証）" && a.Function == AuditFunctions.AccessDenied && a.Detail!.Contains("GET /api/v1/residents", StringComparison.Ordinal));
        Assert.Contains(entries, a => a.OperatorId == "clerk01" && a.Function == AuditFunctions.AccessDenied && a.Detail!.Contains("GET /api/v1/audit/entries", StringComparison.Ordinal) && a.Detail.Contains("403", StringComparison.Ordinal));
        Assert.Contains(entries, a => a.OperatorId == "clerk01" && a.Function == AuditFunctions.Logout);
        Assert.Contains(entries, a => a.OperatorId == "clerk02" && a.Function == AuditFunctions.Logout && a.Detail!.Contains("有効期限切れ", StringComparison.Ordinal));
    }

    private async Task<long> LastAuditSequenceAsync()
    {
        await using var db = app.Node.Database.Open();
        return await db.AuditLog.MaxAsync(a => a.Sequence);
    }
}

/// <summary>処理事由 over HTTP and on screen (seeds M-10).</summary>
public sealed class ProcessingReasonApiTests(SqliteWebApp app) : IClassFixture<SqliteWebApp>
{
    [Fact]
    public async Task The_api_refuses_look_ups_until_a_reason_is_chosen_and_names_the_field()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await app.LogInAsync(client, "clerk01", chooseReason: false)).EnsureSuccessStatusCode();
        var refused = await client.GetAsync("/api/v1/residents?nameKana=ア");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("required", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rules").GetProperty("reason").GetString());

        var bad = await client.PutAsJsonAsync("/api/v1/session/reason", new { reason = "Other" });
        Assert.Equal("required", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rules").GetProperty("reasonNote").GetString());
        var chosen = await client.PutAsJsonAsync("/api/v1/session/reason", new { reason = "InternalRequest" });
        Assert.Equal("庁内他課からの依頼", (await chosen.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/residents?nameKana=ア")).StatusCode);

        await using var db = app.Node.Database.Open();
        var search = await db.AuditLog.Where(a => a.OperatorId == "clerk01" && a.Screen == "API 住民検索").OrderByDescending(a => a.Sequence).FirstAsync();
        Assert.StartsWith("［処理事由 庁内他課からの依頼］", search.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_screen_look_up_without_a_reason_goes_to_the_reason_screen_and_back()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await app.LogInAsync(client, "clerk02", chooseReason: false)).EnsureSuccessStatusCode();
        await using var db = app.Node.Database.Open();
        var atena = (await db.Residents.OrderBy(r => r.AtenaNumber).FirstAsync()).AtenaNumber.Value;
        var response = await client.GetAsync($"/residents/{atena}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/reason?returnUrl=%2Fresidents%2F{atena}", response.Headers.Location?.ToString());
    }
}
