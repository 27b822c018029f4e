using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Jumin.Web.Tests;

/// <summary>Web hygiene (issue 5 §9): CSRF tokens, cookies, security headers, forged sessions — refused and told nothing.</summary>
public sealed partial class WebHygieneTests(SqliteWebApp app) : IClassFixture<SqliteWebApp>
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private HttpClient NewClient() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private async Task<(HttpClient Client, string Token)> LoginPageAsync()
    {
        var client = NewClient();
        var page = await client.GetStringAsync("/login");
        return (client, AntiforgeryField().Match(page).Groups[1].Value);
    }

    [Fact]
    public async Task A_form_post_without_or_with_a_tampered_csrf_token_is_refused_and_changes_nothing()
    {
        var (client, token) = await LoginPageAsync();
        Assert.NotEmpty(token);
        var form = (string? t) => new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userId"] = "clerk01",
            ["password"] = app.Password("clerk01"),
            ["code"] = app.CodeFor("clerk01"),
            ["__RequestVerificationToken"] = t ?? "",
        });

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/login", form(null))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/login", form(token[..^4] + "AAAA"))).StatusCode);
        // Still not logged in.
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);

        var ok = await client.PostAsync("/login", form(token));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal("/", ok.Headers.Location?.ToString());
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_same_site_strict_and_a_forged_one_is_refused()
    {
        var client = NewClient();
        var login = await app.LogInAsync(client, "clerk01");
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("jumin.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        var forged = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/residents?nameKana=ア");
        request.Headers.Add("Cookie", "jumin.session=CfDJ8" + new string('A', 200));
        var response = await forged.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("ア", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_page_carries_the_security_headers_and_personal_data_is_never_cached()
    {
        var client = NewClient();
        await app.LogInAsync(client, "clerk01");
        foreach (var path in new[] { "/login", "/", "/api/v1/search-history" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        }
        // No script writes personal data to the browser's storage.
        var script = await client.GetStringAsync("/js/keyboard.js");
        Assert.DoesNotContain("localStorage", script, StringComparison.Ordinal);
        Assert.DoesNotContain("sessionStorage", script, StringComparison.Ordinal);
    }
}

/// <summary>After login each user lands on a screen they may use.</summary>
public sealed partial class WebHygieneTests
{
    [Theory]
    [InlineData("clerk01", "/")]
    [InlineData("auditor01", "/audit")]
    [InlineData("contractor01", "/operations")]
    public async Task Each_user_lands_on_a_screen_they_may_use(string userId, string home)
    {
        var (client, token) = await LoginPageAsync();
        var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userId"] = userId,
            ["password"] = app.Password(userId),
            ["code"] = app.CodeFor(userId),
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(home, response.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(home)).StatusCode);
    }
}
