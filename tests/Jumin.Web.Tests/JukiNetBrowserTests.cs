using Jumin.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Jumin.Web.Tests;

/// <summary>The 住基ネット screen in a real browser, by keyboard: Alt+N, a 住民票コード, Enter; Alt+T for 転入通知.</summary>
public sealed class JukiNetBrowserTests(JukiNetBrowserWebApp app, Chromium chromium) : BrowserSession(app, chromium), IClassFixture<JukiNetBrowserWebApp>, IClassFixture<Chromium>
{
    [Fact]
    public async Task A_clerk_reaches_the_screen_by_keyboard_is_told_a_bad_code_and_takes_in_notices()
    {
        await App.Services.GetRequiredService<JukiNetConnection>().Ready;
        var page = await JukiNetScreenAsync();
        Assert.Contains("みどり市 市町村CS", await page.TextContentAsync("h1"), StringComparison.Ordinal);
        await page.WaitForSelectorAsync("[data-testid=link-status]");

        await page.WaitForSelectorAsync("#code:focus");
        await page.Keyboard.TypeAsync("12ab");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Contains("住民票コード", await page.TextContentAsync("[data-testid=code-error]"), StringComparison.Ordinal);

        await page.Keyboard.PressAsync("Alt+t");
        await page.WaitForSelectorAsync("[data-testid=intake]");
        Assert.Contains("仮登録 0 件", await page.TextContentAsync("[data-testid=intake]"), StringComparison.Ordinal);

        // 住民票コードの変更 (j880) for a demo resident: Alt+U, the 宛名番号, Tab, Space (変更請求), Shift+Tab, Enter.
        string atena;
        await using (var db = App.Node.Database.Open())
        {
            atena = (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Residents.Where(r => r.Status == 1).OrderBy(r => r.AtenaNumber))).AtenaNumber.Value;
        }
        await page.Keyboard.PressAsync("Alt+u");
        await page.Keyboard.TypeAsync(atena);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Shift+Tab");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("[data-testid=assigned]");
        Assert.Contains("空き番の残り 199 件", await page.TextContentAsync("[data-testid=assigned]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clerk_applies_for_a_card_by_keyboard_and_is_told_which_field_is_missing_j1110()
    {
        var connection = App.Services.GetRequiredService<JukiNetConnection>();
        await connection.Ready;
        string atena;
        await using (var db = App.Node.Database.Open())
        {
            var rows = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.LatestRows(db.Residents.Where(r => r.Status == 1)).Where(h => h.ResidentCode != null).Take(50));
            atena = rows.Where(h => h.IndividualNumber is not null).Skip(7).First().AtenaNumber.Value;
        }
        var reason = Jumin.Domain.Audit.ProcessingReason.Create(Jumin.Domain.Audit.ProcessingReasonKind.Counter);
        var clerk = (await App.Node.Accounts.FindOperatorAsync("clerk01", "TEST-TERMINAL", "本庁 市民課"))! with { Reason = reason };
        var approver = (await App.Node.Accounts.FindOperatorAsync("approver01", "TEST-TERMINAL", "本庁 市民課"))! with { Reason = reason };
        var made = await connection.Cards!.CreateDestinationAsync(clerk, Jumin.Domain.Identifiers.AtenaNumber.Parse(atena), null, null);
        await connection.Cards.ConfirmDestinationAsync(approver, made.Id);
        // Sent by the registry to its CS, then by the CS to the 全国サーバ: wait until the card system has it.
        await App.WhenDeliveredAsync("カード管理システムに送付先情報が届くこと", async () =>
            (await connection.Cards.StatusAsync(clerk, Jumin.Domain.Identifiers.AtenaNumber.Parse(atena))).DestinationReceived);

        var page = await JukiNetScreenAsync();

        // Alt+K, the 宛名番号, Tab to 操作, ↓ (交付申請), Tab to 理由, Enter.
        await page.Keyboard.PressAsync("Alt+k");
        await page.Keyboard.TypeAsync(atena);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("[data-testid=card-done]");
        Assert.Contains("交付申請を行いました", await page.TextContentAsync("[data-testid=card-done]"), StringComparison.Ordinal);
        Assert.Contains("未交付", await page.TextContentAsync("[data-testid=cards] table"), StringComparison.Ordinal);

        // 一時停止 without a reason: the 理由 field says what is missing, and the card is unchanged.
        await page.Keyboard.PressAsync("Alt+k");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("[data-testid=card-error]:has-text('一時停止')");
        Assert.Contains("一時停止には理由を入力してください", await page.TextContentAsync("[data-testid=card-error]"), StringComparison.Ordinal);
        var status = await connection.Cards.StatusAsync(clerk, Jumin.Domain.Identifiers.AtenaNumber.Parse(atena));
        Assert.Equal("未交付", Assert.Single(status.Cards).Status);
    }

    /// <summary>clerk01 logged in by keyboard, on the 住基ネット screen by Alt+N.</summary>
    private async Task<IPage> JukiNetScreenAsync()
    {
        var page = await NewPage();
        await page.GotoAsync("/");
        await page.WaitForSelectorAsync("#userId:focus");
        await App.TypeLoginAsync(page, "clerk01");
        await page.WaitForURLAsync(App.BaseUrl + "/");
        await page.Keyboard.PressAsync("Alt+n");
        await page.WaitForURLAsync(App.BaseUrl + "/jukinet");
        return page;
    }
}
