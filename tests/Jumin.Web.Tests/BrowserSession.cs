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

/// <summary>
/// What the browser tests share: pages in fresh browser contexts (a fresh browser as far as the server can tell),
/// closed when the test ends, and the keyboard log-in. Each test class has its own host and browser, so the classes
/// run side by side.
/// </summary>
public abstract class BrowserSession(WebAppFixture app, Chromium chromium) : IAsyncLifetime
{
    private readonly List<IBrowserContext> contexts = [];

    protected WebAppFixture App => app;

    protected async Task<IPage> NewPage()
    {
        var context = await chromium.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, Locale = "ja-JP", ViewportSize = new() { Width = 1400, Height = 1000 } });
        contexts.Add(context);
        return await context.NewPageAsync();
    }

    protected async Task<IPage> LoggedIn(string userId)
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

    protected async Task<IPage> LoginPage()
    {
        var page = await NewPage();
        await page.GotoAsync("/login");
        await page.WaitForSelectorAsync("#userId:focus");
        return page;
    }

    protected static async Task<string?> LoginErrorAsync(IPage page) => (await page.TextContentAsync("[data-testid=login-error]"))?.Trim();

    protected static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Open pages keep their renderers busy; a test's pages end with it.</summary>
    public async Task DisposeAsync()
    {
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }
    }
}
