using Microsoft.Playwright;

namespace Jumin.Web.Tests;

/// <summary>Logging in at a counter in a real browser: the second factor, lockout, terminals, accounts (j1380).</summary>
public sealed class LoginBrowserTests(BrowserWebApp app, Chromium chromium) : BrowserSession(app, chromium), IClassFixture<BrowserWebApp>, IClassFixture<Chromium>
{
    [Fact]
    public async Task A_login_takes_the_code_of_the_authenticator_app_once_and_refuses_in_Japanese_without_saying_what_was_wrong()
    {
        var page = await LoginPage();
        await App.TypeLoginAsync(page, "approver01", password: "wrong-password-1");
        Assert.Equal("利用者ID、パスワードまたは確認コードが違います。", await LoginErrorAsync(page));
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);

        // The right code, then the same code again from another browser within its 30 seconds.
        var code = App.CodeFor("approver01");
        page = await LoginPage();
        await App.TypeLoginAsync(page, "approver01", code: code);
        await page.WaitForURLAsync(App.BaseUrl + "/");
        Assert.Contains("審査 三郎", await page.TextContentAsync("[data-testid=operator]"), StringComparison.Ordinal);
        var replay = await LoginPage();
        await App.TypeLoginAsync(replay, "approver01", code: code);
        Assert.Equal("利用者ID、パスワードまたは確認コードが違います。", await LoginErrorAsync(replay));
        Assert.Contains("/login", replay.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_account_until_an_administrator_unlocks_it()
    {
        IPage page = null!;
        for (var i = 0; i < Registry.Accounts.AccountService.MaxFailedAttempts; i++)
        {
            page = await LoginPage();
            await App.TypeLoginAsync(page, "auditor01", code: "000000" == App.CodeFor("auditor01") ? "111111" : "000000");
        }
        Assert.StartsWith("ログインに続けて失敗したため、アカウントはロックされています。", await LoginErrorAsync(page), StringComparison.Ordinal);
        page = await LoginPage();
        await App.TypeLoginAsync(page, "auditor01");
        Assert.StartsWith("ログインに続けて失敗したため", await LoginErrorAsync(page), StringComparison.Ordinal);

        var admin = await App.Node.Accounts.FindOperatorAsync("admin01", "TEST", "本庁");
        await App.Node.AccountAdministration.UnlockAsync(admin!, "auditor01");
        page = await LoginPage();
        await App.TypeLoginAsync(page, "auditor01");
        await page.WaitForURLAsync(App.BaseUrl + "/audit");
    }

    [Fact]
    public async Task An_administrator_registers_an_account_on_the_rights_screen_and_sees_its_secret_only_once()
    {
        var page = await LoginPage();
        await App.TypeLoginAsync(page, "admin01");
        await page.WaitForURLAsync(App.BaseUrl + "/operations");
        await page.Keyboard.PressAsync("Alt+G");
        await page.WaitForURLAsync(App.BaseUrl + "/accounts");

        await page.FillAsync("#new-user", "browser01");
        await page.FillAsync("#new-name", "画面 登録");
        await page.FillAsync("#new-department", "市民課");
        await page.SelectOptionAsync("#new-role", "clerk");
        await page.FillAsync("#new-password", "short");
        await page.PressAsync("#new-password", "Enter");
        Assert.Contains("パスワード: パスワードは12文字以上にしてください。", await page.TextContentAsync("[data-testid=errors]"), StringComparison.Ordinal);

        await page.FillAsync("#new-user", "browser01");
        await page.FillAsync("#new-name", "画面 登録");
        await page.FillAsync("#new-department", "市民課");
        await page.FillAsync("#new-password", "a-long-password-1");
        await page.PressAsync("#new-password", "Enter");
        var secret = (await page.TextContentAsync("[data-testid=secret]"))!.Trim();
        Assert.Matches("^[A-Z2-7]{32}$", secret);
        Assert.Contains("browser01", await page.TextContentAsync("[data-testid=accounts]"), StringComparison.Ordinal);

        await page.GotoAsync("/accounts");
        Assert.Equal(0, await page.Locator("[data-testid=secret]").CountAsync());
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_browser_on_an_unregistered_terminal_cannot_log_in()
    {
        var admin = (await App.Node.Accounts.FindOperatorAsync("admin01", "TEST", "本庁"))!;
        var terminals = await App.Node.Terminals.ListAsync();
        foreach (var local in terminals.Where(t => t.Active))
        {
            await App.Node.Terminals.RetireAsync(admin, local.TerminalId);
        }
        try
        {
            var page = await LoginPage();
            await App.TypeLoginAsync(page, "clerk02");
            Assert.Equal("この端末は登録されていないため、ログインできません。端末の登録は管理者に依頼してください。", await LoginErrorAsync(page));
            await page.GotoAsync("/");
            Assert.Contains("/login", page.Url, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var local in terminals.Where(t => t.Active))
            {
                await App.Node.Terminals.RegisterAsync(admin, local.TerminalId, local.Name, local.Place, local.Address);
            }
        }
    }
}
