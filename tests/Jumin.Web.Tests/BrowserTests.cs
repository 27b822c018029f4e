namespace Jumin.Web.Tests;

/// <summary>The counter UI in a real browser: Japanese, and usable with the keyboard alone (j400).</summary>
public sealed class BrowserTests(BrowserWebApp app, Chromium chromium) : BrowserSession(app, chromium), IClassFixture<BrowserWebApp>, IClassFixture<Chromium>
{
    [Fact]
    public async Task A_clerk_searches_opens_a_resident_and_goes_back_with_the_keyboard_only()
    {
        var page = await LoggedIn("clerk01");
        Assert.Contains("窓口 一郎", await page.TextContentAsync("[data-testid=operator]"), StringComparison.Ordinal);

        // The kana field has the focus on arrival; it takes hiragana; Enter searches.
        var surname = await App.CommonSurnameKanaAsync();
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
        Assert.Contains("nameKana=", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_birth_date_in_wareki_is_shown_in_wareki_and_bad_dates_are_explained()
    {
        var page = await LoggedIn("clerk01");
        var (year, wareki) = await App.CommonBirthYearAsync();
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
        await page.FillAsync("#kana", await App.CommonSurnameKanaAsync());
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
        await page.FillAsync("#kana", await App.CommonSurnameKanaAsync());
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
}
