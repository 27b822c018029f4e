using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jumin.Web.Tests;

/// <summary>
/// Issue 15 items 10–12: bad input over the API comes back as a Japanese RFC 7807 problem naming the field (its JSON
/// path or query name, the one the client sent) and the rule, and nothing is written.
/// </summary>
public abstract class ApiInputTests(WebAppFixture app)
{
    private const string Valid = """
        {"changeDate":"2026-11-01","notificationDate":"2026-11-02",
         "newPersons":[{"kind":"japanese","familyName":"入力","givenName":"検査","familyNameKana":"ニュウリョク","givenNameKana":"ケンサ","sex":"1","birthDate":"1990-01-01","domicileStatus":"none"}],
         "newAddress":{"addressCode":"03299001001","postalCode":"0299901","address":"岩手県みどり市中央一丁目","banchi":"９番９号"},
         "previousAddress":{"address":"岩手県盛岡市内丸１番１号"},"newHead":"new:0"}
        """;

    private Task<HttpClient> LoggedIn(string userId) => app.LoggedInAsync(userId);

    private async Task<int> ChangeCountAsync()
    {
        await using var db = app.Node.Database.Open();
        return await db.Changes.CountAsync();
    }

    private static async Task<(string Field, string Rule, string Message)> SingleProblemAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        var errors = problem.GetProperty("errors").EnumerateObject().ToList();
        var field = Assert.Single(errors).Name;
        return (field, problem.GetProperty("rules").GetProperty(field).GetString()!, errors[0].Value[0].GetString()!);
    }

    private static ByteArrayContent Json(string text, string contentType = "application/json") => new ByteArrayContent(Encoding.UTF8.GetBytes(text))
    {
        Headers = { ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType) },
    };

    [Theory]
    [InlineData("{\"changeDate\":", "changeDate", "json")]
    [InlineData("not json at all", "body", "json")]
    [InlineData("{\"changeDate\":5}", "changeDate", "type")]
    [InlineData("{\"newPersons\":[{\"birthDate\":true}]}", "newPersons[0].birthDate", "type")]
    [InlineData("{\"reason\":\"誤記修正\"}", "reason", "type")]
    [InlineData("{\"changDate\":\"2026-11-01\"}", "changDate", "unknown-field")]
    [InlineData("{\"newPersons\":[{\"familyNam\":\"山田\"}]}", "newPersons[0].familyNam", "unknown-field")]
    public async Task A_body_that_does_not_bind_is_named_by_its_json_path_in_japanese(string body, string field, string rule)
    {
        var clerk = await LoggedIn("clerk01");
        var before = await ChangeCountAsync();

        var problem = await SingleProblemAsync(await clerk.PostAsync("/api/v1/changes/move-in", Json(body)));

        Assert.Equal((field, rule), (problem.Field, problem.Rule));
        Assert.Matches("[ぁ-んァ-ン]", problem.Message);
        Assert.Equal(before, await ChangeCountAsync());
    }

    [Fact]
    public async Task Bytes_that_are_not_utf8_are_refused_as_unreadable_not_guessed()
    {
        var clerk = await LoggedIn("clerk01");
        var body = new ByteArrayContent([.. "{\"note\":\""u8, 0xFF, 0xFE, .. "\"}"u8]);
        body.Headers.ContentType = new("application/json");

        var problem = await SingleProblemAsync(await clerk.PostAsync("/api/v1/changes/move-in", body));

        Assert.Equal(("note", "encoding"), (problem.Field, problem.Rule));
    }

    [Fact]
    public async Task A_body_in_another_charset_or_media_type_gets_a_japanese_415()
    {
        var clerk = await LoggedIn("clerk01");
        foreach (var contentType in new[] { "text/plain", "application/json; charset=shift_jis" })
        {
            var response = await clerk.PostAsync("/api/v1/changes/move-in", Json(Valid, contentType));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is HttpStatusCode.UnsupportedMediaType or HttpStatusCode.BadRequest, $"{contentType}: {(int)response.StatusCode} {text}");
            Assert.Matches("[ぁ-んァ-ン]", JsonDocument.Parse(text).RootElement.GetProperty("title").GetString()!);
        }
    }

    [Fact]
    public async Task Bare_status_answers_of_the_api_are_in_japanese()
    {
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var unauthenticated = await anonymous.GetAsync("/api/v1/residents?nameKana=" + Uri.EscapeDataString("ア"));
        var missing = await (await LoggedIn("clerk01")).GetAsync("/api/v1/no-such-thing");

        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("ログインしていないか、ログインの有効期限が切れています。", (await unauthenticated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal("指定されたものが見つかりません。", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("/newPersons/0/familyNameKana", "山田", "newPersons[0].familyNameKana", "kana")]
    [InlineData("/newPersons/0/givenNameKana", "けんさ", "newPersons[0].givenNameKana", "kana")]
    [InlineData("/newPersons/0/familyName", "入\u0000力", "newPersons[0].familyName", "control")]
    [InlineData("/newPersons/0/remarks", "LONG", "newPersons[0].remarks", "length")]
    [InlineData("/newAddress/katagaki", "LONG", "newAddress.katagaki", "length")]
    [InlineData("/note", "LONG", "note", "length")]
    [InlineData("/acknowledgedAlerts", "[\"A999\"]", "acknowledgedAlerts[0]", "unknown-alert")]
    [InlineData("/acknowledgedAlerts", "[\"E101\"]", "acknowledgedAlerts[0]", "unknown-alert")]
    public async Task A_value_no_register_may_hold_is_refused_naming_the_item_and_nothing_is_written(string pointer, string value, string field, string rule)
    {
        var clerk = await LoggedIn("clerk01");
        var before = await ChangeCountAsync();

        var problem = await SingleProblemAsync(await clerk.PostAsync("/api/v1/changes/move-in", Json(With(pointer, value))));

        Assert.Equal((field, rule), (problem.Field, problem.Rule));
        Assert.Equal(before, await ChangeCountAsync());
    }

    [Theory]
    [InlineData("/newPersons/0/birthDate", "令和99年1月1日", "birthDate", "E119")]
    [InlineData("/newAddress/addressCode", "13101001001", "newAddress.addressCode", "E120")]
    public async Task A_date_or_code_that_cannot_be_true_here_is_an_error_of_the_catalogue_and_nothing_is_written(string pointer, string value, string field, string code)
    {
        var clerk = await LoggedIn("clerk01");
        var before = await ChangeCountAsync();

        var problem = await SingleProblemAsync(await clerk.PostAsync("/api/v1/changes/move-in", Json(With(pointer, value))), HttpStatusCode.UnprocessableEntity);

        Assert.Equal((field, code), (problem.Field, problem.Rule));
        Assert.Equal(before, await ChangeCountAsync());
    }

    [Fact]
    public async Task The_valid_request_these_tests_spoil_is_accepted()
    {
        var response = await (await LoggedIn("clerk01")).PostAsync("/api/v1/changes/move-in/preview", Json(Valid));
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode, text);
        Assert.DoesNotContain("\"severity\":\"error\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_parameters_have_the_names_their_errors_use_and_an_unknown_one_is_refused()
    {
        var clerk = await LoggedIn("clerk02");

        var misspelt = await SingleProblemAsync(await clerk.GetAsync("/api/v1/residents?kana=" + Uri.EscapeDataString("ア")));
        var bad = await SingleProblemAsync(await clerk.GetAsync("/api/v1/residents?nameKana=abc"));

        Assert.Equal(("kana", "unknown-field"), (misspelt.Field, misspelt.Rule));
        Assert.Contains("nameKana", misspelt.Message, StringComparison.Ordinal);
        Assert.Equal(("nameKana", "kana"), (bad.Field, bad.Rule));
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("/api/v1/residents?nameKana=" + Uri.EscapeDataString("ア"))).StatusCode);
    }

    [Fact]
    public async Task The_processing_reason_is_sent_under_the_name_its_errors_use()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await app.LogInAsync(client, "clerk01", chooseReason: false)).EnsureSuccessStatusCode();

        var unknown = await SingleProblemAsync(await client.PutAsJsonAsync("/api/v1/session/reason", new { reason = "窓口" }));
        var misspelt = await SingleProblemAsync(await client.PutAsJsonAsync("/api/v1/session/reason", new { kind = "Counter" }));

        Assert.Equal(("reason", "unknown"), (unknown.Field, unknown.Rule));
        Assert.Equal(("kind", "unknown-field"), (misspelt.Field, misspelt.Rule));
    }

    /// <summary>The valid request with the item at <paramref name="pointer"/> set (LONG: 200,000 characters; a value starting with [ is JSON).</summary>
    private static string With(string pointer, string value)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(Valid)!;
        var parts = pointer.Trim('/').Split('/');
        var parent = parts[..^1].Aggregate(root, (node, part) => int.TryParse(part, out var i) ? node[i]! : node[part]!);
        parent[parts[^1]] = value.StartsWith('[') ? System.Text.Json.Nodes.JsonNode.Parse(value) : value == "LONG" ? new string('長', 200_000) : value;
        return root.ToJsonString();
    }
}

public sealed class SqliteApiInputTests(SqliteWebApp app) : ApiInputTests(app), IClassFixture<SqliteWebApp>;

public sealed class PostgresApiInputTests(PostgresWebApp app) : ApiInputTests(app), IClassFixture<PostgresWebApp>;
