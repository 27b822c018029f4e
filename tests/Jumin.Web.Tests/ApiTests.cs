using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jumin.Web.Tests;

/// <summary>The /api/v1 contract: session, search, 住民票照会, RFC 7807 errors naming the field and the rule.</summary>
public abstract class ApiTests(WebAppFixture app)
{
    private Task<HttpClient> LoggedIn(string userId) => app.LoggedInAsync(userId);

    [Fact]
    public async Task Without_a_session_the_api_answers_401_with_problem_details()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/api/v1/residents?nameKana=サトウ");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_without_saying_whether_the_user_exists()
    {
        var client = app.CreateClient();
        var wrong = await app.LogInAsync(client, "clerk01", password: "not-the-password");
        var unknown = await app.LogInAsync(client, "no-such-user");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        var a = await wrong.Content.ReadFromJsonAsync<JsonElement>();
        var b = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(a.GetProperty("title").GetString(), b.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Search_returns_people_with_wareki_birth_dates()
    {
        var client = await LoggedIn("clerk01");
        var (year, wareki) = await app.CommonBirthYearAsync();
        var result = await client.GetFromJsonAsync<JsonElement>("/api/v1/residents?birthDate=" + Uri.EscapeDataString(wareki));
        var residents = result.GetProperty("residents").EnumerateArray().ToList();
        Assert.NotEmpty(residents);
        Assert.All(residents.Where(r => r.GetProperty("kind").GetString() == "日本人住民"), r => Assert.StartsWith(wareki, r.GetProperty("birthDate").GetString(), StringComparison.Ordinal));
        var sameBySeireki = await client.GetFromJsonAsync<JsonElement>($"/api/v1/residents?birthDate={year}");
        Assert.Equal(residents.Count, sameBySeireki.GetProperty("residents").GetArrayLength());
    }

    [Fact]
    public async Task A_person_found_by_their_former_surname_is_listed_with_the_name_that_matched()
    {
        string atena, formerKana;
        await using (var db = app.Node.Database.Open())
        {
            var row = await db.ResidentHistory.Where(h => h.FormerSurnameKana != null && h.FormerSurnameKana != h.FamilyNameKana).OrderBy(h => h.AtenaNumber).FirstAsync();
            (atena, formerKana) = (row.AtenaNumber.Value, row.FormerSurnameKana!);
        }
        var client = await LoggedIn("clerk01");

        var result = await client.GetFromJsonAsync<JsonElement>("/api/v1/residents?match=exact&nameKana=" + Uri.EscapeDataString(formerKana));
        var found = result.GetProperty("residents").EnumerateArray().Single(r => r.GetProperty("atenaNumber").GetString() == atena);
        Assert.Equal("旧氏", found.GetProperty("matchedOn").GetString());
        Assert.Contains("（旧氏で一致）", await client.GetStringAsync("/?match=exact&nameKana=" + Uri.EscapeDataString(formerKana)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("birthDate=" + "%E4%BB%A4%E5%92%8C0%E5%B9%B4", "birthDate", "era-year")]
    [InlineData("birthDate=2023-02-30", "birthDate", "day")]
    [InlineData("atenaNumber=0000000018", "atenaNumber", "check-digit")]
    [InlineData("residentCode=123", "residentCode", "length")]
    [InlineData("sex=3", "sex", "value")]
    [InlineData("status=9", "status", "value")]
    [InlineData("", "criteria", "required")]
    public async Task Bad_criteria_get_a_problem_naming_the_field_and_the_rule(string query, string field, string rule)
    {
        // clerk02 may search by every item, so each rule is the one checked.
        var client = await LoggedIn("clerk02");
        var response = await client.GetAsync("/api/v1/residents?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages));
        Assert.NotEmpty(messages.EnumerateArray().First().GetString()!);
        Assert.Equal(rule, problem.GetProperty("rules").GetProperty(field).GetString());
    }

    [Fact]
    public async Task An_invalid_individual_number_is_refused_and_nothing_is_written_but_the_refusal()
    {
        var client = await LoggedIn("clerk02");
        await using var db = app.Node.Database.Open();
        var before = await db.SearchHistory.CountAsync();
        var response = await client.GetAsync("/api/v1/residents?individualNumber=123456789012");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("check-digit", problem.GetProperty("rules").GetProperty("individualNumber").GetString());
        Assert.Equal(before, await db.SearchHistory.CountAsync());
    }

    [Fact]
    public async Task The_dossier_shows_the_individual_number_only_to_users_with_the_right()
    {
        await using var db = app.Node.Database.Open();
        var atena = (await db.ResidentHistory.Where(r => r.IndividualNumber != null).OrderBy(r => r.AtenaNumber).FirstAsync()).AtenaNumber.Value;

        var clerk = await (await LoggedIn("clerk01")).GetFromJsonAsync<JsonElement>($"/api/v1/residents/{atena}");
        Assert.Equal(JsonValueKind.Null, clerk.GetProperty("current").GetProperty("individualNumber").ValueKind);
        Assert.All(clerk.GetProperty("history").EnumerateArray(), h => Assert.Equal(JsonValueKind.Null, h.GetProperty("individualNumber").ValueKind));

        var allowed = await (await LoggedIn("clerk02")).GetFromJsonAsync<JsonElement>($"/api/v1/residents/{atena}");
        Assert.Matches("^[0-9]{12}$", allowed.GetProperty("current").GetProperty("individualNumber").GetString());
        Assert.Equal(1, allowed.GetProperty("history")[0].GetProperty("historyNumber").GetInt32());
        Assert.NotEmpty(allowed.GetProperty("household").EnumerateArray());
    }

    [Fact]
    public async Task Unknown_and_malformed_atena_numbers_are_told_apart()
    {
        var client = await LoggedIn("clerk01");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/residents/{Domain.Identifiers.AtenaNumber.FromSerial(999_999_990)}")).StatusCode);
        var malformed = await client.GetAsync("/api/v1/residents/12345");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("length", (await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rules").GetProperty("atenaNumber").GetString());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        var document = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/residents", out _));
        Assert.True(paths.TryGetProperty("/api/v1/residents/{atenaNumber}", out _));
        Assert.True(paths.TryGetProperty("/api/v1/session", out _));
    }

    [Fact]
    public async Task Every_api_call_is_in_a_verifiable_audit_log()
    {
        var client = await LoggedIn("clerk01");
        await client.GetAsync("/api/v1/residents?nameKana=" + Uri.EscapeDataString("スズキ"));
        await using var db = app.Node.Database.Open();
        var last = await db.AuditLog.OrderByDescending(a => a.Sequence).FirstAsync();
        Assert.Equal("clerk01", last.OperatorId);
        Assert.Equal("API 住民検索", last.Screen);
        Assert.Equal("窓口端末1 (127.0.0.1)", last.Terminal);
        Assert.True((await app.Node.Audit.VerifyAsync(app.Node.Database)).IsIntact);
    }
}

public sealed class SqliteApiTests(SqliteWebApp app) : ApiTests(app), IClassFixture<SqliteWebApp>;

public sealed class PostgresApiTests(PostgresWebApp app) : ApiTests(app), IClassFixture<PostgresWebApp>;
