using Jumin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jumin.Web.Tests;

/// <summary>証明書発行 at the counter in a real browser: from the 住民票 to the printed PDF and the 交付履歴.</summary>
public sealed class CertificateBrowserTests(BrowserWebApp app, Chromium chromium) : BrowserSession(app, chromium), IClassFixture<BrowserWebApp>, IClassFixture<Chromium>
{
    [Fact]
    public async Task A_clerk_issues_a_household_copy_from_the_resident_page_with_the_keyboard_and_finds_it_in_the_issue_history()
    {
        string head;
        List<string> names;
        await using (var db = App.Node.Database.Open())
        {
            var household = await db.Residents.Where(r => r.Status == 1 && r.Kind == 1).GroupBy(r => r.HouseholdNumber).Where(g => g.Count() >= 3)
                .OrderByDescending(g => g.Key).Select(g => g.Key).FirstAsync();
            var members = await db.Residents.Where(r => r.HouseholdNumber == household && r.Status == 1).Select(r => r.AtenaNumber).ToListAsync();
            var rows = await db.ResidentHistory.Where(h => members.Contains(h.AtenaNumber)).ToListAsync();
            var latest = rows.GroupBy(r => r.AtenaNumber).Select(g => g.OrderBy(r => r.HistoryNumber).Last()).ToList();
            head = latest.First(r => r.Relationship?.IsHead == true).AtenaNumber.Value;
            names = [.. latest.Select(r => r.FullName.Replace("　", "", StringComparison.Ordinal))];
        }
        var page = await LoggedIn("clerk02");
        await page.GotoAsync($"/residents/{head}");
        await page.Keyboard.PressAsync("Alt+6");
        await page.WaitForSelectorAsync("#kind:focus");

        // A third party without a purpose: refused, the field named, nothing printed.
        await page.SelectOptionAsync("#requesterKind", "third-party");
        await page.FillAsync("#requesterName", "第三　請求");
        await page.FillAsync("#requesterAddress", "宮城県仙台市青葉区本町１－１");
        await page.Keyboard.PressAsync("Alt+i");
        await page.WaitForSelectorAsync("[data-testid=certificate-errors]");
        Assert.Contains("請求事由", await page.TextContentAsync("[data-testid=certificate-errors]"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("[data-testid=certificate-result]").CountAsync());

        // 本人 (the 世帯主) asks for 世帯全員: 見本 first, then 発行.
        await page.SelectOptionAsync("#requesterKind", "self");
        await page.Keyboard.PressAsync("Alt+p");
        await page.WaitForSelectorAsync("[data-testid=certificate-result]:has-text('見本')");
        var preview = await page.APIRequest.GetAsync((await page.GetAttributeAsync("#open-pdf", "href"))!);
        var previewText = PdfFiles.Text(await preview.BodyAsync());
        Assert.Contains("見本", previewText, StringComparison.Ordinal);
        Assert.DoesNotContain("照合番号", previewText, StringComparison.Ordinal);

        await page.Keyboard.PressAsync("Alt+i");
        await page.WaitForSelectorAsync("[data-testid=certificate-result]:has-text('交付しました')");
        var issueNumber = (await page.TextContentAsync("[data-testid=issue-number]"))!.Trim();
        // The terminal's configured name, without the client address the host adds to it.
        Assert.Matches(@"^\d{8} みどり市 窓口端末1 プリンタ001 \d{3}$", issueNumber);
        var pdf = await page.APIRequest.GetAsync((await page.GetAttributeAsync("#open-pdf", "href"))!);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        var text = PdfFiles.Text(await pdf.BodyAsync());
        Assert.All(names, n => Assert.Contains(n, text, StringComparison.Ordinal));
        Assert.Contains("この写しは、世帯全員の住民票の原本と相違ないことを証明する。", text, StringComparison.Ordinal);

        await page.Keyboard.PressAsync("Alt+y");
        await page.WaitForSelectorAsync("#issues");
        Assert.Contains(issueNumber, await page.Locator("[data-testid=history-issue-number]").AllTextContentsAsync());
        Assert.Contains("住民票の写し", await page.TextContentAsync("#issues"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_protected_person_is_marked_on_the_resident_page_in_the_household_and_in_the_search_results()
    {
        string head;
        string member;
        string kana;
        await using (var db = App.Node.Database.Open())
        {
            var household = await db.Residents.Where(r => r.Status == 1 && r.Kind == 1).GroupBy(r => r.HouseholdNumber).Where(g => g.Count() >= 2)
                .OrderBy(g => g.Key).Select(g => g.Key).Skip(5).FirstAsync();
            var members = await db.Residents.Where(r => r.HouseholdNumber == household && r.Status == 1).OrderBy(r => r.MemberOrder).ToListAsync();
            (head, member) = (members[0].AtenaNumber.Value, members[1].AtenaNumber.Value);
            var row = await db.ResidentHistory.Where(h => h.AtenaNumber == members[1].AtenaNumber).OrderByDescending(h => h.HistoryNumber).FirstAsync();
            kana = row.FamilyNameKana + row.GivenNameKana;
        }
        var approver = await App.Node.Accounts.FindOperatorAsync("approver01", "TEST", "本庁");
        await App.Node.SupportMeasures.RegisterAsync(approver!, new Registry.Protection.SupportMeasureInput { AtenaNumber = Domain.Identifiers.AtenaNumber.Parse(member), StartsOn = NodaTime.SystemClock.Instance.GetCurrentInstant().InZone(Domain.Dates.JapanTime.Zone).Date });

        var page = await LoggedIn("clerk01");
        await page.GotoAsync($"/residents/{member}");
        Assert.Contains("支援措置対象者", await page.TextContentAsync("[data-testid=support-measure]"), StringComparison.Ordinal);
        await page.GotoAsync($"/residents/{head}");
        Assert.Equal(1, await page.Locator("[data-testid=member-protected]").CountAsync());
        await page.GotoAsync($"/?nameKana={Uri.EscapeDataString(kana)}");
        Assert.True(await page.Locator("[data-testid=hit-protected]").CountAsync() >= 1);
    }
}
