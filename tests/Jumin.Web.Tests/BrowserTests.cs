using Microsoft.Playwright;

namespace Jumin.Web.Tests;

/// <summary>One headless Debian Chromium for the browser tests of a class (no browser download: /usr/bin/chromium).</summary>
public sealed class Chromium : IAsyncLifetime
{
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("JUMIN_TEST_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright?.Dispose();
    }
}

/// <summary>The counter UI in a real browser: Japanese, and usable with the keyboard alone (j400).</summary>
public sealed partial class BrowserTests(BrowserWebApp app, Chromium chromium) : IClassFixture<BrowserWebApp>, IClassFixture<Chromium>
{
    private async Task<IPage> NewPage()
    {
        var context = await chromium.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, Locale = "ja-JP", ViewportSize = new() { Width = 1400, Height = 1000 } });
        return await context.NewPageAsync();
    }

    private async Task<IPage> LoggedIn(string userId)
    {
        var page = await NewPage();
        await page.GotoAsync("/");
        Assert.EndsWith("/login?ReturnUrl=%2F", page.Url, StringComparison.Ordinal);
        // The browser puts the focus on the user ID after loading; typing before that would lose keys.
        await page.WaitForSelectorAsync("#userId:focus");
        await app.TypeLoginAsync(page, userId);
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync("/reason?returnUrl=%2F");
        await WebAppFixture.ChooseReasonAsync(page);
        Assert.Contains("処理事由: 窓口での届出・請求", await page.TextContentAsync("[data-testid=reason]"), StringComparison.Ordinal);
        return page;
    }

    private async Task<IPage> LoginPage()
    {
        var page = await NewPage();
        await page.GotoAsync("/login");
        await page.WaitForSelectorAsync("#userId:focus");
        return page;
    }

    private static async Task<string?> LoginErrorAsync(IPage page) => (await page.TextContentAsync("[data-testid=login-error]"))?.Trim();

    [Fact]
    public async Task A_login_takes_the_code_of_the_authenticator_app_once_and_refuses_in_Japanese_without_saying_what_was_wrong()
    {
        var page = await LoginPage();
        await app.TypeLoginAsync(page, "approver01", password: "wrong-password-1");
        Assert.Equal("利用者ID、パスワードまたは確認コードが違います。", await LoginErrorAsync(page));
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);

        // The right code, then the same code again from another browser within its 30 seconds.
        var code = app.CodeFor("approver01");
        page = await LoginPage();
        await app.TypeLoginAsync(page, "approver01", code: code);
        await page.WaitForURLAsync(app.BaseUrl + "/");
        Assert.Contains("審査 三郎", await page.TextContentAsync("[data-testid=operator]"), StringComparison.Ordinal);
        var replay = await LoginPage();
        await app.TypeLoginAsync(replay, "approver01", code: code);
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
            await app.TypeLoginAsync(page, "auditor01", code: "000000" == app.CodeFor("auditor01") ? "111111" : "000000");
        }
        Assert.StartsWith("ログインに続けて失敗したため、アカウントはロックされています。", await LoginErrorAsync(page), StringComparison.Ordinal);
        page = await LoginPage();
        await app.TypeLoginAsync(page, "auditor01");
        Assert.StartsWith("ログインに続けて失敗したため", await LoginErrorAsync(page), StringComparison.Ordinal);

        var admin = await app.Node.Accounts.FindOperatorAsync("admin01", "TEST", "本庁");
        await app.Node.AccountAdministration.UnlockAsync(admin!, "auditor01");
        page = await LoginPage();
        await app.TypeLoginAsync(page, "auditor01");
        await page.WaitForURLAsync(app.BaseUrl + "/audit");
    }

    [Fact]
    public async Task An_administrator_registers_an_account_on_the_rights_screen_and_sees_its_secret_only_once()
    {
        var page = await LoginPage();
        await app.TypeLoginAsync(page, "admin01");
        await page.WaitForURLAsync(app.BaseUrl + "/operations");
        await page.Keyboard.PressAsync("Alt+G");
        await page.WaitForURLAsync(app.BaseUrl + "/accounts");

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
        var admin = (await app.Node.Accounts.FindOperatorAsync("admin01", "TEST", "本庁"))!;
        var terminals = await app.Node.Terminals.ListAsync();
        foreach (var local in terminals.Where(t => t.Active))
        {
            await app.Node.Terminals.RetireAsync(admin, local.TerminalId);
        }
        try
        {
            var page = await LoginPage();
            await app.TypeLoginAsync(page, "clerk02");
            Assert.Equal("この端末は登録されていないため、ログインできません。端末の登録は管理者に依頼してください。", await LoginErrorAsync(page));
            await page.GotoAsync("/");
            Assert.Contains("/login", page.Url, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var local in terminals.Where(t => t.Active))
            {
                await app.Node.Terminals.RegisterAsync(admin, local.TerminalId, local.Name, local.Place, local.Address);
            }
        }
    }

    [Fact]
    public async Task A_clerk_searches_opens_a_resident_and_goes_back_with_the_keyboard_only()
    {
        var page = await LoggedIn("clerk01");
        Assert.Contains("窓口 一郎", await page.TextContentAsync("[data-testid=operator]"), StringComparison.Ordinal);

        // The kana field has the focus on arrival; it takes hiragana; Enter searches.
        var surname = await app.CommonSurnameKanaAsync();
        await page.Keyboard.TypeAsync(new string([.. surname.Select(c => c is >= 'ァ' and <= 'ヶ' ? (char)(c - 0x60) : c)]));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#results a.result-link:focus");
        var count = int.Parse((await page.TextContentAsync("[data-testid=result-count]"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(count > 1, $"several {surname} in the demo register");

        // The first result has the focus; ↓ moves to the second, Enter opens it.
        await page.Keyboard.PressAsync("ArrowDown");
        var chosen = await page.EvaluateAsync<string>("document.activeElement.textContent");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/residents/*");
        Assert.Equal(chosen, await page.TextContentAsync("[data-testid=name]"));
        await Expect(page.Locator("h2#household")).ToContainTextAsync("世帯");
        Assert.True(await page.Locator("#history-table tbody tr").CountAsync() >= 1);
        Assert.Equal("（表示権限なし）", await page.TextContentAsync("[data-testid=individual-number]"));

        // Esc returns to the search with its results.
        await page.Keyboard.PressAsync("Escape");
        await page.WaitForSelectorAsync("#results");
        Assert.Contains("kana=", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_birth_date_in_wareki_is_shown_in_wareki_and_bad_dates_are_explained()
    {
        var page = await LoggedIn("clerk01");
        var (year, wareki) = await app.CommonBirthYearAsync();
        await page.FillAsync("#birth", wareki);
        await page.PressAsync("#birth", "Enter");
        await page.WaitForSelectorAsync("#results");
        var births = await page.Locator("#results tbody tr td:nth-child(4)").AllTextContentsAsync();
        Assert.NotEmpty(births);
        Assert.All(births.Where(b => !b.StartsWith($"{year}年", StringComparison.Ordinal)), b => Assert.StartsWith(wareki, b, StringComparison.Ordinal));

        await page.FillAsync("#birth", "令和0年1月1日");
        await page.PressAsync("#birth", "Enter");
        var error = await page.TextContentAsync("[data-testid=search-errors] li[data-field=birthDate]");
        Assert.Equal("生年月日: 令和0年は存在しません。元号の年は元年（1年）からです。", error?.Trim());
        Assert.Equal(0, await page.Locator("#results").CountAsync());
    }

    [Fact]
    public async Task A_user_with_the_right_sees_the_individual_number_and_can_search_by_it()
    {
        var page = await LoggedIn("clerk02");
        await page.FillAsync("#kana", await app.CommonSurnameKanaAsync());
        await page.PressAsync("#kana", "Enter");
        await page.ClickAsync("#results a.result-link");
        var number = (await page.TextContentAsync("[data-testid=individual-number]"))!.Replace(" ", "", StringComparison.Ordinal);
        Assert.Matches("^[0-9]{12}$", number);
        var name = await page.TextContentAsync("[data-testid=name]");

        await page.GotoAsync("/");
        await page.FillAsync("#individualNumber", number);
        await page.PressAsync("#individualNumber", "Enter");
        await page.WaitForSelectorAsync("#results");
        Assert.Equal(1, await page.Locator("#results tbody tr").CountAsync());
        Assert.Equal(name, await page.TextContentAsync("#results a.result-link"));
        Assert.DoesNotContain(number, page.Url, StringComparison.Ordinal);

        Directory.CreateDirectory("screenshots");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "search.png"), FullPage = true });

        await page.ClickAsync("header form button");
        await page.WaitForURLAsync("**/login");
        await page.GotoAsync("/");
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_memo_is_added_shown_as_text_and_an_empty_one_is_explained()
    {
        var page = await LoggedIn("clerk01");
        await page.FillAsync("#kana", await app.CommonSurnameKanaAsync());
        await page.PressAsync("#kana", "Enter");
        await page.WaitForSelectorAsync("#results a.result-link:focus");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/residents/*");

        await page.FillAsync("#memo-text", "<b>窓口で</b>転居予定と申出");
        await page.ClickAsync("form.memo-add button");
        await page.WaitForSelectorAsync("[data-testid=memo]");
        Assert.Equal("<b>窓口で</b>転居予定と申出", await page.InputValueAsync("[data-testid=memo] textarea"));
        Assert.Equal(0, await page.Locator(".memos b").CountAsync());
        Assert.Contains("clerk01", await page.TextContentAsync("[data-testid=memo] small"), StringComparison.Ordinal);

        await page.ClickAsync("form.memo-add button");
        Assert.Equal("メモ: メモを入力してください。", (await page.TextContentAsync("[data-testid=memo-error]"))?.Trim());
        Assert.Equal(1, await page.Locator("[data-testid=memo]").CountAsync());

        Directory.CreateDirectory("screenshots");
        await page.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "resident.png"), FullPage = true });
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
