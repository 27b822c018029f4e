using System.Globalization;
using Microsoft.Playwright;

namespace Jumin.Web.Tests;

/// <summary>異動 at the counter in a real browser: entered by a clerk with the keyboard, registered by an approver (j530).</summary>
public sealed class ChangeBrowserTests(BrowserWebApp app, Chromium chromium) : BrowserSession(app, chromium), IClassFixture<BrowserWebApp>, IClassFixture<Chromium>
{
    private static string DaysAgo(int days) =>
        NodaTime.SystemClock.Instance.GetCurrentInstant().InZone(Domain.Dates.JapanTime.Zone).Date.PlusDays(-days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>確認 (Alt+C) shows the 入力確認; the alerts are acknowledged; 仮登録 (Alt+S) opens the entered change.</summary>
    private static async Task<long> PreviewAndEnterAsync(IPage page, params string[] alerts)
    {
        await page.Keyboard.PressAsync("Alt+c");
        await page.WaitForSelectorAsync("[data-testid=preview]");
        Assert.Equal("", string.Join(" / ", await page.Locator(".finding.error").AllTextContentsAsync()));
        foreach (var code in alerts)
        {
            await page.CheckAsync($".finding.alert[data-code={code}] input");
        }
        Assert.Equal(0, await page.Locator(".finding.alert input:not(:checked)").CountAsync());
        await page.Keyboard.PressAsync("Alt+s");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/changes/\d+$"));
        Assert.Equal("仮登録", (await page.TextContentAsync("[data-testid=change-status]"))?.Trim());
        return long.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
    }

    private static async Task RegisterAsync(IPage approver, long id)
    {
        await approver.GotoAsync($"/changes/{id}");
        await approver.Keyboard.PressAsync("Alt+a");
        await approver.WaitForSelectorAsync("[data-testid=change-status]:has-text('本登録')");
    }

    [Fact]
    public async Task A_move_in_entered_with_the_keyboard_is_registered_from_the_approval_queue()
    {
        var clerk = await LoggedIn("clerk02");
        await clerk.GotoAsync("/changes/new/move-in");
        await clerk.WaitForSelectorAsync("#changeDate:focus");
        // The 異動日 has the focus on arrival; Tab moves through the form in reading order.
        await clerk.Keyboard.TypeAsync(DaysAgo(7));
        foreach (var _ in new[] { "届出日", "留意事項", "住民種別", "氏" })
        {
            await clerk.Keyboard.PressAsync("Tab");
        }
        await clerk.Keyboard.TypeAsync("鍵盤");
        await clerk.Keyboard.PressAsync("Tab");
        await clerk.Keyboard.TypeAsync("花子");
        await clerk.Keyboard.PressAsync("Tab");
        await clerk.Keyboard.TypeAsync("ケンバン");
        await clerk.Keyboard.PressAsync("Tab");
        await clerk.Keyboard.TypeAsync("ハナコ");
        await clerk.FillAsync("#p0-birth", "平成2年3月4日");
        await clerk.SelectOptionAsync("#p0-sex", "2");
        await clerk.FillAsync("#p0-domicile", "青森県青森市長島一丁目１番");
        await clerk.FillAsync("#p0-hof", "鍵盤　花子");
        // One more person in the same 届出 keeps the 氏 and 本籍 (j550).
        await clerk.Keyboard.PressAsync("Alt+p");
        await clerk.WaitForSelectorAsync("[data-person='1']");
        Assert.Equal("鍵盤", await clerk.InputValueAsync("#p1-family"));
        await clerk.FillAsync("#p1-given", "一郎");
        await clerk.FillAsync("#p1-givenKana", "イチロウ");
        await clerk.FillAsync("#p1-birth", "S63.1.2");
        await clerk.SelectOptionAsync("#p1-sex", "1");
        await clerk.FillAsync("#p1-rel", "夫");
        await clerk.SelectOptionAsync("#town", "03299001001");
        await clerk.FillAsync("#banchi", "１番２号");
        await clerk.FillAsync("#prev", "青森県青森市長島一丁目１番１号");

        var id = await PreviewAndEnterAsync(clerk);

        Assert.Contains("鍵盤　花子 他1名", await clerk.TextContentAsync("main"), StringComparison.Ordinal);
        var approver = await LoggedIn("approver01");
        await approver.GotoAsync("/changes");
        await approver.CheckAsync($"tr[data-change='{id}'] input[name=ids]");
        await approver.ClickAsync("#register-selected");
        await approver.WaitForSelectorAsync("[data-testid=bulk-message]");
        Assert.StartsWith("1件を本登録しました", (await approver.TextContentAsync("[data-testid=bulk-message]"))!.Trim(), StringComparison.Ordinal);

        await clerk.GotoAsync($"/changes/{id}");
        Assert.Equal("本登録", (await clerk.TextContentAsync("[data-testid=change-status]"))?.Trim());
        await clerk.ClickAsync("section[data-atena] h2 a");
        await clerk.WaitForURLAsync("**/residents/*");
        Assert.Equal("住民", (await clerk.TextContentAsync("[data-testid=status]"))?.Trim());
        Assert.Contains("中央一丁目１番２号", await clerk.TextContentAsync("[data-testid=address]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Relocation_birth_separation_and_move_out_are_entered_from_the_residents_page()
    {
        var clerkOp = await App.Node.Accounts.FindOperatorAsync("clerk02", "TEST", "本庁 市民課");
        var approverOp = await App.Node.Accounts.FindOperatorAsync("approver01", "TEST", "本庁 市民課");
        var couple = await App.Node.Changes.EnterAsync(clerkOp!, Testing.ChangeRequests.CoupleMovesIn(NodaTime.LocalDate.FromDateTime(DateTime.Parse(DaysAgo(30), CultureInfo.InvariantCulture)), family: "画面"), []);
        var registered = await App.Node.Changes.RegisterAsync(approverOp!, couple.Id);
        var head = registered.Plan.NewRows[0].AtenaNumber.Value;
        var wife = registered.Plan.NewRows[1].AtenaNumber.Value;
        var clerk = await LoggedIn("clerk02");
        var approver = await LoggedIn("approver01");

        // 転居 of the whole 世帯: both members ticked, the 世帯 stays as it is.
        await clerk.GotoAsync($"/residents/{head}");
        await clerk.Keyboard.PressAsync("Alt+1");
        await clerk.WaitForURLAsync("**/changes/new/relocation*");
        await clerk.WaitForSelectorAsync("#changeDate:focus");
        await clerk.Keyboard.TypeAsync(DaysAgo(5));
        await clerk.CheckAsync($"#mover-{wife}");
        await clerk.SelectOptionAsync("#town", "03299005000");
        await clerk.FillAsync("#banchi", "５番６号");
        await clerk.FillAsync("#katagaki", "若葉ハイツ１０２");
        await RegisterAsync(approver, await PreviewAndEnterAsync(clerk));
        await clerk.GotoAsync($"/residents/{wife}");
        Assert.Contains("若葉町５番６号　若葉ハイツ１０２", await clerk.TextContentAsync("[data-testid=address]"), StringComparison.Ordinal);

        // 出生 into this 世帯.
        await clerk.Keyboard.PressAsync("Alt+4");
        await clerk.WaitForURLAsync("**/changes/new/birth*");
        await clerk.WaitForSelectorAsync("#changeDate:focus");
        // j510: the 世帯's 本籍 is offered for the 本籍 field.
        Assert.Equal(1, await clerk.Locator("#domicile-candidates option[value='岩手県盛岡市内丸１０番地']").CountAsync());
        await clerk.Keyboard.TypeAsync(DaysAgo(2));
        await clerk.FillAsync("#p0-family", "画面");
        await clerk.FillAsync("#p0-given", "三太");
        await clerk.FillAsync("#p0-familyKana", "ガメン");
        await clerk.FillAsync("#p0-givenKana", "サンタ");
        await clerk.SelectOptionAsync("#p0-sex", "1");
        await clerk.FillAsync("#p0-rel", "子");
        await clerk.SelectOptionAsync("#basis", "family-register-notice");
        await RegisterAsync(approver, await PreviewAndEnterAsync(clerk));
        await clerk.GotoAsync($"/residents/{head}");
        Assert.Equal(3, await clerk.Locator("#household-members tbody tr").CountAsync());

        // 世帯分離 of the wife: a new 世帯 with her as 世帯主.
        await clerk.GotoAsync($"/residents/{wife}");
        await clerk.Keyboard.PressAsync("Alt+3");
        await clerk.WaitForURLAsync("**/changes/new/household-separation*");
        await clerk.WaitForSelectorAsync("#changeDate:focus");
        await clerk.Keyboard.TypeAsync(DaysAgo(0));
        await RegisterAsync(approver, await PreviewAndEnterAsync(clerk));
        await clerk.GotoAsync($"/residents/{wife}");
        Assert.Equal(1, await clerk.Locator("#household-members tbody tr").CountAsync());

        // 転出 of the 世帯主, leaving the child alone: made 世帯主 by 職権 after the alert (j490).
        await clerk.GotoAsync($"/residents/{head}");
        await clerk.Keyboard.PressAsync("Alt+2");
        await clerk.WaitForURLAsync("**/changes/new/move-out*");
        await clerk.WaitForSelectorAsync("#changeDate:focus");
        await clerk.Keyboard.TypeAsync(DaysAgo(-7));
        await clerk.FillAsync("#dest", "宮城県仙台市青葉区");
        var moveOut = await PreviewAndEnterAsync(clerk, "A203");
        await RegisterAsync(approver, moveOut);
        await clerk.GotoAsync($"/changes/{moveOut}");
        var certificate = await clerk.TextContentAsync("[data-testid=move-out-certificate]");
        Assert.Contains("画面　太郎", certificate, StringComparison.Ordinal);
        Assert.DoesNotContain("画面　三太", certificate, StringComparison.Ordinal);
        Assert.Contains("世帯主変更通知書", await clerk.TextContentAsync("[data-testid=head-notice]"), StringComparison.Ordinal);
        await clerk.GotoAsync($"/residents/{head}");
        Assert.Equal("転出", (await clerk.TextContentAsync("[data-testid=status]"))?.Trim());

        Directory.CreateDirectory("screenshots");
        await clerk.GotoAsync($"/changes/{moveOut}");
        await clerk.ScreenshotAsync(new() { Path = Path.Combine("screenshots", "change.png"), FullPage = true });
    }

    [Fact]
    public async Task A_bad_date_is_explained_beside_the_form_and_nothing_is_entered()
    {
        var clerk = await LoggedIn("clerk01");
        await clerk.GotoAsync("/changes/new/move-in");
        await clerk.WaitForSelectorAsync("#changeDate:focus");
        await clerk.Keyboard.TypeAsync("令和0年1月1日");
        await clerk.Keyboard.PressAsync("Alt+s");
        await clerk.WaitForSelectorAsync("[data-testid=input-errors]");
        Assert.Contains("異動日: 令和0年は存在しません", await clerk.TextContentAsync("[data-testid=input-errors] li[data-field=changeDate]"), StringComparison.Ordinal);
        Assert.Contains("/changes/new/move-in", clerk.Url, StringComparison.Ordinal);
    }
}
