using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Jumin.Web.Tests;

/// <summary>
/// 操作権限 (j1380) and 表示項目 (j1390): every endpoint and screen with every demo account — allowed or
/// refused as the account's rights say — and the four items hidden from those without the right.
/// </summary>
public abstract class AuthorizationTests(WebAppFixture app)
{
    private static readonly string[] Users = ["clerk01", "clerk02", "approver01", "auditor01", "admin01", "contractor01", "inquiry01"];

    private Task<HttpClient> LoggedIn(string userId) => app.LoggedInAsync(userId);

    /// <summary>
    /// Who may: 照会 = clerks, approver and inquiry01 (照会 only); 異動入力 = clerks and approver (a clerk too);
    /// 審査・決裁 = approver; 仮登録 are read only with 異動入力 or 審査・決裁.
    /// </summary>
    public static TheoryData<string, string, string> Matrix()
    {
        var data = new TheoryData<string, string, string>();
        var inquiry = "clerk01 clerk02 approver01";
        var reader = inquiry + " inquiry01";
        foreach (var (method, path, allowed) in new[]
        {
            ("GET", "/api/v1/residents?nameKana=サ", reader),
            ("GET", "/api/v1/residents/{atena}", reader),
            ("GET", "/api/v1/search-history", reader),
            ("GET", "/api/v1/changes", inquiry),
            ("GET", "/api/v1/changes?status=registered", reader),
            ("GET", "/api/v1/move-in-notices/missing", reader),
            ("POST", "/api/v1/changes/relocation/preview", inquiry),
            ("POST", "/api/v1/changes/registrations", "approver01"),
            ("GET", "/", reader),
            ("GET", "/residents/{atena}", reader),
            ("GET", "/changes", inquiry),
            ("GET", "/changes/new/move-in", inquiry),
            ("GET", "/changes/missing-notices", reader),
            ("POST", "/api/v1/certificates/resident-record/preview", inquiry),
            ("GET", "/api/v1/certificates?subject={atena}", reader),
            ("GET", "/api/v1/residents/{atena}/restrictions", reader),
            ("GET", "/api/v1/residents/{atena}/support-measures", "approver01"),
            ("GET", "/api/v1/support-measures/ending-soon", "approver01"),
            ("GET", "/certificates/new?subject={atena}", inquiry),
            ("GET", "/certificates/history?subject={atena}", reader),
            ("GET", "/residents/{atena}/protection", reader),
            ("GET", "/api/v1/audit/entries?operator=clerk01", "auditor01"),
            ("GET", "/api/v1/audit/reports/failed-logins?format=csv", "auditor01"),
            ("GET", "/api/v1/audit/account-review", "auditor01"),
            ("GET", "/audit?report=off-hours", "auditor01"),
            ("GET", "/api/v1/operations/status", "admin01 contractor01"),
            ("GET", "/operations", "admin01 contractor01"),
            ("GET", "/api/v1/accounts", "admin01"),
            ("GET", "/api/v1/terminals", "admin01"),
            ("GET", "/accounts", "admin01"),
            ("GET", "/api/v1/exports", "clerk02 approver01"),
            ("GET", "/exports", "clerk02 approver01"),
            ("GET", "/jukinet", "clerk01 clerk02 approver01 admin01"),
        })
        {
            foreach (var user in Users)
            {
                data.Add($"{method} {path}", user, allowed.Split(' ').Contains(user) ? "allow" : "deny");
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Every_endpoint_and_screen_allows_exactly_the_users_with_the_right(string call, string user, string expected)
    {
        var atena = await AnyResidentAsync();
        var (method, path) = (call.Split(' ')[0], call.Split(' ')[1].Replace("{atena}", atena, StringComparison.Ordinal));
        var client = await app.SharedSessionAsync(user);
        var response = method == "GET"
            ? await client.GetAsync(path)
            : await client.PostAsJsonAsync(path, path.EndsWith("registrations", StringComparison.Ordinal) ? new { ids = Array.Empty<long>() }
                : path.Contains("/certificates/", StringComparison.Ordinal) ? new { subject = atena, requester = new { kind = "self", name = "本人", identification = "passport" } }
                : (object)new { changeDate = "2020-01-01", movers = new[] { atena }, newAddress = new { addressCode = "03299001001", postalCode = "0299901", address = "岩手県みどり市中央一丁目", banchi = "１番" } });
        if (expected == "allow")
        {
            Assert.True(response.IsSuccessStatusCode, $"{user} {call}: {(int)response.StatusCode}");
        }
        else
        {
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/forbidden", StringComparison.Ordinal)),
                $"{user} {call}: {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    [Fact]
    public async Task The_four_items_are_hidden_from_users_without_the_right_j1390()
    {
        await using var db = app.Node.Database.Open();
        var foreign = (await db.ResidentHistory.Where(r => r.Kind == Domain.Residents.ResidentKind.Foreign && r.StatusOfResidence != null).OrderBy(r => r.AtenaNumber).FirstAsync()).AtenaNumber.Value;
        var japanese = (await db.ResidentHistory.Where(r => r.Kind == Domain.Residents.ResidentKind.Japanese && r.Domicile != null && r.ResidentCode != null).OrderBy(r => r.AtenaNumber).FirstAsync()).AtenaNumber.Value;

        // clerk01 sees 戸籍の表示 and 在留資格等, not the 個人番号 nor the 住民票コード.
        var clerk = await LoggedIn("clerk01");
        var j = (await clerk.GetFromJsonAsync<JsonElement>($"/api/v1/residents/{japanese}")).GetProperty("current");
        Assert.NotEqual(JsonValueKind.Null, j.GetProperty("domicile").ValueKind);
        Assert.Equal(JsonValueKind.Null, j.GetProperty("residentCode").ValueKind);
        Assert.Equal(JsonValueKind.Null, j.GetProperty("individualNumber").ValueKind);
        Assert.Equal(["個人番号", "住民票コード"], j.GetProperty("hiddenItems").EnumerateArray().Select(e => e.GetString()));
        var page = await clerk.GetStringAsync($"/residents/{japanese}");
        Assert.Contains("data-testid=\"resident-code\">（表示権限なし）", page, StringComparison.Ordinal);

        // A user who may see nothing of the four (an approver made so for the test would do; the auditor may not even open a 住民票).
        Assert.Equal(HttpStatusCode.Forbidden, (await (await LoggedIn("auditor01")).GetAsync($"/api/v1/residents/{foreign}")).StatusCode);

        var all = await LoggedIn("clerk02");
        var f = (await all.GetFromJsonAsync<JsonElement>($"/api/v1/residents/{foreign}")).GetProperty("current");
        Assert.NotEqual(JsonValueKind.Null, f.GetProperty("statusOfResidence").ValueKind);
        Assert.Empty(f.GetProperty("hiddenItems").EnumerateArray());
        var r = (await all.GetFromJsonAsync<JsonElement>($"/api/v1/residents/{japanese}")).GetProperty("current");
        Assert.Matches("^[0-9]{11}$", r.GetProperty("residentCode").GetString());
    }

    [Fact]
    public async Task A_contractor_reads_people_only_during_an_approved_emergency_access_and_its_session_ends_when_revoked()
    {
        var contractor = await LoggedIn("contractor01");
        Assert.Equal(HttpStatusCode.Forbidden, (await contractor.GetAsync("/api/v1/residents?nameKana=ア")).StatusCode);
        var admin = await LoggedIn("admin01");
        var grant = await admin.PostAsJsonAsync("/api/v1/accounts/contractor01/break-glass", new { reason = "照会画面の障害調査", minutes = 30 });
        Assert.Equal(HttpStatusCode.Created, grant.StatusCode);
        var id = JsonDocument.Parse(await grant.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/v1/accounts/clerk01/break-glass", new { reason = "x", minutes = 30 })).StatusCode);

        var emergency = await LoggedIn("contractor01");
        Assert.Equal(HttpStatusCode.OK, (await emergency.GetAsync("/api/v1/residents?nameKana=ア")).StatusCode);
        Assert.Contains("緊急時アクセス中", await emergency.GetStringAsync("/operations"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/break-glass/{id}/revocation", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await emergency.GetAsync("/api/v1/residents?nameKana=ア")).StatusCode);
    }

    [Fact]
    public async Task A_refused_call_is_in_the_audit_log()
    {
        var auditor = await LoggedIn("auditor01");
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsJsonAsync("/api/v1/changes/registrations", new { ids = new[] { 1L } })).StatusCode);
        await using var db = app.Node.Database.Open();
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/api/v1/residents?nameKana=サ")).StatusCode);
        var node = app.Node;
        var op = await node.Accounts.FindOperatorAsync("auditor01", "TEST", "本庁");
        await Assert.ThrowsAsync<Registry.Access.AccessDeniedException>(() => node.Search.SearchAsync(op!, new() { NameKana = "サ" }));
        Assert.Contains(await db.AuditLog.Where(a => a.OperatorId == "auditor01").ToListAsync(), a => a.Outcome == (int)Domain.Audit.AuditOutcome.Refused && a.Detail!.Contains("照会"));
    }

    private async Task<string> AnyResidentAsync()
    {
        await using var db = app.Node.Database.Open();
        return (await db.Residents.OrderBy(r => r.AtenaNumber).FirstAsync(r => r.Status == 1)).AtenaNumber.Value;
    }
}

public sealed class SqliteAuthorizationTests(SqliteWebApp app) : AuthorizationTests(app), IClassFixture<SqliteWebApp>;

public sealed class PostgresAuthorizationTests(PostgresWebApp app) : AuthorizationTests(app), IClassFixture<PostgresWebApp>;
