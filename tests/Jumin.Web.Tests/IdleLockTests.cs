using Microsoft.EntityFrameworkCore;

namespace Jumin.Web.Tests;

/// <summary>画面ロック (issue 5 §2): an idle screen locks, shows no personal data, and opens again only with the password.</summary>
public sealed class IdleLockTests(IdleLockWebApp app, Chromium chromium) : IClassFixture<IdleLockWebApp>, IClassFixture<Chromium>
{
    [Fact]
    public async Task An_idle_screen_locks_hides_the_resident_refuses_other_pages_and_returns_after_the_password()
    {
        string atena;
        string name;
        await using (var db = app.Node.Database.Open())
        {
            var row = await db.ResidentHistory.OrderBy(h => h.AtenaNumber).FirstAsync();
            (atena, name) = (row.AtenaNumber.Value, row.FamilyName);
        }
        var context = await chromium.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, Locale = "ja-JP" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.WaitForSelectorAsync("#userId:focus");
        await app.TypeLoginAsync(page, "clerk01");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        // The 処理事由 through the API (sharing the browser's cookies): the reason screen would itself lock after two idle seconds.
        Assert.Equal(200, (await page.APIRequest.PutAsync("/api/v1/session/reason", new() { DataObject = new { reason = "Counter" } })).Status);
        await page.GotoAsync($"/residents/{atena}");
        Assert.Contains(name, await page.TextContentAsync("[data-testid=name]"), StringComparison.Ordinal);

        // Two seconds without input: the screen goes to the lock page.
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/lock"), new() { Timeout = 15_000 });
        Assert.DoesNotContain(name, await page.ContentAsync(), StringComparison.Ordinal);
        await page.GotoAsync($"/residents/{atena}");
        Assert.Contains("/lock", page.Url, StringComparison.Ordinal);
        var api = await page.APIRequest.GetAsync($"/api/v1/residents/{atena}");
        Assert.Equal(423, api.Status);

        await page.FillAsync("#password", "wrong-password");
        await page.PressAsync("#password", "Enter");
        Assert.Equal("パスワードが違います。", (await page.TextContentAsync("[data-testid=lock-error]"))?.Trim());
        await page.FillAsync("#password", app.Password("clerk01"));
        await page.PressAsync("#password", "Enter");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex($"/residents/{atena}$"));
        Assert.Contains(name, await page.TextContentAsync("[data-testid=name]"), StringComparison.Ordinal);
    }
}
