using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jumin.JukiNet.Hosting;
using Jumin.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jumin.Web.Tests;

/// <summary>
/// The embedded default: the registry, its CS, a second municipality's CS, two 都道府県サーバ and the 全国サーバ in one
/// process; the demo register is sent up by the 初期移行 and checked by 整合性確認.
/// </summary>
public sealed class JukiNetApiTests(JukiNetWebApp app) : IClassFixture<JukiNetWebApp>
{
    private Task<HttpClient> LoggedIn(string userId) => app.LoggedInAsync(userId);

    /// <summary>The link's status once the registry has nothing waiting for its CS.</summary>
    private async Task<JsonElement> SentAsync(HttpClient client)
    {
        var status = default(JsonElement);
        await app.WhenDeliveredAsync("既存住基システムの送信待ちが 0 件になること", async () =>
        {
            status = await client.GetFromJsonAsync<JsonElement>("/api/v1/jukinet/status");
            return status.GetProperty("waiting").GetInt32() == 0;
        });
        return status;
    }

    [Fact]
    public async Task The_embedded_network_has_two_prefectures_two_municipalities_and_the_national_server()
    {
        var connection = app.Services.GetRequiredService<JukiNetConnection>();
        await connection.Ready;
        var roles = connection.Network!.Directory.Entries.GroupBy(e => e.Role).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(1, roles[JukiNet.Protocol.NodeRole.National]);
        Assert.Equal(2, roles[JukiNet.Protocol.NodeRole.Prefecture]);
        Assert.Equal(2, roles[JukiNet.Protocol.NodeRole.Cs]);
    }

    [Fact]
    public async Task The_demo_register_reaches_the_national_server_and_the_consistency_check_finds_no_difference_j1100()
    {
        var clerk = await LoggedIn("clerk01");
        var status = await SentAsync(clerk);
        Assert.Equal(0, status.GetProperty("waiting").GetInt32());
        Assert.Equal(0, status.GetProperty("rejected").GetInt32());

        var connection = app.Services.GetRequiredService<JukiNetConnection>();
        int withCode;
        await using (var registry = app.Node.Database.Open())
        {
            withCode = await registry.Residents.Join(registry.ResidentHistory, r => new { r.AtenaNumber, HistoryNumber = r.LatestHistoryNumber }, h => new { h.AtenaNumber, h.HistoryNumber }, (r, h) => h).CountAsync(h => h.ResidentCode != null);
        }
        await app.WhenDeliveredAsync("全国サーバに全員の本人確認情報が届くこと", async () =>
        {
            await using var national = connection.Network![LocalNetwork.National].Node.Database.Open();
            return await national.Identities.CountAsync() == withCode;
        });
        await using (var national = connection.Network![LocalNetwork.National].Node.Database.Open())
        {
            Assert.Equal(withCode, await national.Identities.CountAsync());
        }

        var admin = await LoggedIn("admin01");
        var report = await admin.PostAsync("/api/v1/jukinet/consistency", null);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        var body = await report.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("consistent").GetBoolean(), body.ToString());
        Assert.Equal(3, body.GetProperty("levels").GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsync("/api/v1/jukinet/consistency", null)).StatusCode);
    }

    [Fact]
    public async Task A_bad_resident_code_is_refused_naming_the_field_and_an_unknown_one_is_explained()
    {
        var clerk = await LoggedIn("clerk01");
        await app.Services.GetRequiredService<JukiNetConnection>().Ready;

        var bad = await clerk.PostAsJsonAsync("/api/v1/jukinet/departure-certificates", new { residentCode = "12ab" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("residentCode", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var unknown = await clerk.PostAsJsonAsync("/api/v1/jukinet/departure-certificates", new { residentCode = "98765432109" });
        Assert.Equal(HttpStatusCode.Conflict, unknown.StatusCode);
        Assert.Contains("本人確認情報がありません", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clerk_gets_a_new_resident_code_from_the_CS_as_a_provisional_change_j870()
    {
        var clerk = await LoggedIn("clerk01");
        await app.Services.GetRequiredService<JukiNetConnection>().Ready;
        string atena;
        await using (var db = app.Node.Database.Open())
        {
            atena = (await db.Residents.Where(r => r.Status == 1).OrderByDescending(r => r.AtenaNumber).FirstAsync()).AtenaNumber.Value;
        }

        var bad = await clerk.PostAsJsonAsync("/api/v1/jukinet/resident-codes", new { atenaNumber = "1", change = true });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("atenaNumber", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var assigned = await clerk.PostAsJsonAsync("/api/v1/jukinet/resident-codes", new { atenaNumber = atena, change = true });
        Assert.Equal(HttpStatusCode.Created, assigned.StatusCode);
        var body = await assigned.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("changeId").GetInt64() > 0);
        Assert.Equal(199, body.GetProperty("remaining").GetInt32());
    }

    [Fact]
    public async Task The_screen_shows_what_was_sent_and_takes_in_move_in_notices()
    {
        var clerk = await LoggedIn("clerk01");
        await SentAsync(clerk);

        var page = await clerk.GetStringAsync("/jukinet");

        Assert.Contains("data-testid=\"link-status\"", page, StringComparison.Ordinal);
        Assert.Contains("みどり市 市町村CS", page, StringComparison.Ordinal);
        var intake = await clerk.PostAsync("/api/v1/jukinet/move-in-notices", null);
        Assert.Equal(HttpStatusCode.OK, intake.StatusCode);
        Assert.Equal(0, (await intake.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entered").GetArrayLength());
    }

    [Fact]
    public async Task A_destination_confirmed_by_another_user_lets_the_window_apply_for_a_card_and_operate_on_it_j1110_j1120()
    {
        var clerk = await LoggedIn("clerk01");
        var approver = await LoggedIn("approver01");
        await app.Services.GetRequiredService<JukiNetConnection>().Ready;
        string atena;
        await using (var db = app.Node.Database.Open())
        {
            var candidates = await db.LatestRows(db.Residents.Where(r => r.Status == 1)).Where(h => h.ResidentCode != null).Take(50).ToListAsync();
            atena = candidates.Where(h => h.IndividualNumber is not null).Skip(3).First().AtenaNumber.Value;
        }

        var made = await clerk.PostAsJsonAsync("/api/v1/jukinet/card-destinations", new { atenaNumber = atena, deliveryAddress = "東京都あおば区中央一丁目５番６号　山田方" });
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var id = (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Conflict, (await approver.PostAsync($"/api/v1/jukinet/card-destinations/{id + 1000}/confirm", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsync($"/api/v1/jukinet/card-destinations/{id}/confirm", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await approver.PostAsync($"/api/v1/jukinet/card-destinations/{id}/confirm", null)).StatusCode);
        await app.WhenDeliveredAsync("送付先情報が送信済みになること", async () =>
            (await clerk.GetFromJsonAsync<JsonElement>($"/api/v1/jukinet/card-destinations?atenaNumber={atena}"))[0].GetProperty("state").GetString() == "送信済み");
        // The CS passes it on to the 全国サーバ on its own outbox: wait until the card system has it.
        await app.WhenDeliveredAsync("カード管理システムに送付先情報が届くこと", async () =>
            (await clerk.GetFromJsonAsync<JsonElement>($"/api/v1/jukinet/cards/{atena}")).GetProperty("destinationReceived").GetBoolean());

        var unknownOperation = await clerk.PostAsJsonAsync($"/api/v1/jukinet/cards/{atena}/operations", new { operation = "発行" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownOperation.StatusCode);
        Assert.Contains("operation", await unknownOperation.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var applied = await clerk.PostAsJsonAsync($"/api/v1/jukinet/cards/{atena}/operations", new { operation = "交付申請" });
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Equal("未交付", (await applied.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var noReason = await clerk.PostAsJsonAsync($"/api/v1/jukinet/cards/{atena}/operations", new { operation = "一時停止" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var notYet = await clerk.PostAsJsonAsync($"/api/v1/jukinet/cards/{atena}/operations", new { operation = "一時停止", reason = "紛失" });
        Assert.Equal(HttpStatusCode.Conflict, notYet.StatusCode);
        Assert.Contains("未交付のカードには一時停止を行えません", await notYet.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await clerk.PostAsJsonAsync($"/api/v1/jukinet/cards/{atena}/operations", new { operation = "交付" })).StatusCode);

        var status = await clerk.GetFromJsonAsync<JsonElement>($"/api/v1/jukinet/cards/{atena}");
        Assert.Equal("運用中", status.GetProperty("cards")[0].GetProperty("status").GetString());
        Assert.True(status.GetProperty("destinationReceived").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await clerk.PostAsync("/api/v1/jukinet/card-notices", null)).StatusCode);
        var auditor = await LoggedIn("auditor01");
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsJsonAsync($"/api/v1/jukinet/cards/{atena}/operations", new { operation = "廃止", reason = "x" })).StatusCode);
    }

    [Fact]
    public async Task The_move_in_screen_is_filled_from_a_departure_certificate_posted_by_the_jukinet_screen_j670()
    {
        var clerk = await LoggedIn("clerk01");
        var page = await clerk.GetStringAsync("/changes/new/move-in");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        var filled = await clerk.PostAsync("/changes/new/move-in?handler=FromDeparture", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Form.People[0].Kind"] = "japanese",
            ["Form.People[0].FamilyName"] = "佐藤",
            ["Form.People[0].GivenName"] = "一郎",
            ["Form.People[0].FamilyNameKana"] = "サトウ",
            ["Form.People[0].GivenNameKana"] = "イチロウ",
            ["Form.People[0].BirthDate"] = "1978-04-01",
            ["Form.People[0].Sex"] = "1",
            ["Form.People[0].ResidentCode"] = "10000000011",
            ["Form.PreviousAddress"] = "東京都あおば区中央一丁目５番６号",
        }));

        Assert.Equal(HttpStatusCode.OK, filled.StatusCode);
        var html = await filled.Content.ReadAsStringAsync();
        Assert.Contains("value=\"佐藤\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"1978-04-01\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"10000000011\"", html, StringComparison.Ordinal);
        Assert.Contains("東京都あおば区中央一丁目５番６号", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.PostAsync("/changes/new/birth?handler=FromDeparture", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }))).StatusCode);
    }

    /// <summary>
    /// Issue 15 item 5: a 転出証明書情報 shows 本籍 and 住民票コード only with their 表示項目 (j1390, j670); what the clerk
    /// may not see goes on to the 転入 sealed, not in the page.
    /// </summary>
    [Fact]
    public async Task A_departure_certificate_shows_only_the_items_the_clerk_may_see_and_carries_the_rest_sealed()
    {
        var certificate = new Jumin.JukiNet.Identity.DepartureCertificateMessage("10000000011", "032000", "佐藤", "一郎", "サトウ", "イチロウ", "1978-04-01", 1,
            "東京都あおば区中央一丁目５番６号", "123456789018", "佐藤　一郎", "世帯主", "東京都あおば区中央一丁目１番地", "佐藤　一郎", "2026-12-01", "岩手県みどり市");
        var clerk01 = (await app.Node.Accounts.FindOperatorAsync("clerk01", "TEST", "本庁"))!;
        var admin01 = (await app.Node.Accounts.FindOperatorAsync("admin01", "TEST", "本庁"))!;

        var shown = Contracts.DepartureCertificateDto.For(certificate, clerk01.VisibleItems);
        Assert.Null(shown.ResidentCode);
        Assert.Null(shown.IndividualNumber);
        Assert.Equal("東京都あおば区中央一丁目１番地", shown.Domicile);
        Assert.Equal(["住民票コード", "個人番号"], shown.HiddenItems);
        var none = Contracts.DepartureCertificateDto.For(certificate, admin01.VisibleItems);
        Assert.Null(none.Domicile);
        Assert.Null(none.HeadOfFamilyRegister);
        Assert.Contains("本籍・筆頭者", none.HiddenItems);

        var report = new Jumin.JukiNet.Identity.ConsistencyReport([new("既存住基", "市町村CS", 1, [new("10000000011", "個人番号", "****9018", "****1234"), new("10000000011", "氏名", "佐藤　一郎", "佐藤　一朗")])]);
        var masked = Contracts.ConsistencyReportView.For(report, admin01.VisibleItems).Levels[0].Differences;
        Assert.All(masked, d => Assert.Equal("（表示権限なし）", d.ResidentCode));
        Assert.Equal(("（表示権限なし）", "佐藤　一郎"), (masked[0].Left, masked[1].Left));

        var protection = app.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>();
        var sealedItems = Infrastructure.WithheldItems.Seal(protection, certificate, clerk01.VisibleItems);
        Assert.DoesNotContain("10000000011", sealedItems!, StringComparison.Ordinal);
        Assert.Equal(new Infrastructure.WithheldItems(null, null, "10000000011", "123456789018"), Infrastructure.WithheldItems.Unseal(protection, sealedItems));
        Assert.Null(Infrastructure.WithheldItems.Unseal(protection, sealedItems![..^2] + "xx"));

        var clerk = await LoggedIn("clerk01");
        var page = await clerk.GetStringAsync("/changes/new/move-in");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var filled = await clerk.PostAsync("/changes/new/move-in?handler=FromDeparture", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Form.People[0].Kind"] = "japanese",
            ["Form.People[0].FamilyName"] = "佐藤",
            ["Form.People[0].Sealed"] = sealedItems,
        }));
        var html = await filled.Content.ReadAsStringAsync();
        Assert.Contains(System.Net.WebUtility.HtmlEncode(sealedItems), html, StringComparison.Ordinal);
        Assert.DoesNotContain("10000000011", html, StringComparison.Ordinal);
        Assert.Contains("空欄なら転出証明書情報の値（表示権限なし）", html, StringComparison.Ordinal);

        // Entered by the clerk, the 転入 carries the sealed 住民票コード and 個人番号 to the register.
        var today = NodaTime.SystemClock.Instance.GetCurrentInstant().InZone(Domain.Dates.JapanTime.Zone).Date;
        var entered = await clerk.PostAsync("/changes/new/move-in?handler=Enter", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Form.ChangeDate"] = today.PlusDays(-1).ToString("yyyy-MM-dd", null),
            ["Form.NotificationDate"] = today.ToString("yyyy-MM-dd", null),
            ["Form.Basis"] = "notification",
            ["Form.Town"] = "03299001001",
            ["Form.Banchi"] = "１番",
            ["Form.HouseholdMode"] = "new",
            ["Form.NewHead"] = "new:0",
            ["Form.PreviousAddress"] = certificate.Address,
            ["Form.People[0].Kind"] = "japanese",
            ["Form.People[0].FamilyName"] = "佐藤",
            ["Form.People[0].GivenName"] = "一郎",
            ["Form.People[0].FamilyNameKana"] = "サトウ",
            ["Form.People[0].GivenNameKana"] = "イチロウ",
            ["Form.People[0].BirthDate"] = "1978-04-01",
            ["Form.People[0].Sex"] = "1",
            ["Form.People[0].Domicile"] = "東京都あおば区中央一丁目１番地",
            ["Form.People[0].HeadOfFamilyRegister"] = "佐藤　一郎",
            ["Form.People[0].Sealed"] = sealedItems,
        }));
        Assert.True(entered.StatusCode == HttpStatusCode.Redirect, $"{(int)entered.StatusCode} {await entered.Content.ReadAsStringAsync()}");
        var change = await (await LoggedIn("clerk02")).GetFromJsonAsync<JsonElement>($"/api/v1{entered.Headers.Location}");
        var after = change.GetProperty("rows")[0].GetProperty("after");
        Assert.Equal("10000000011", after.GetProperty("residentCode").GetString());
        Assert.Equal("123456789018", after.GetProperty("individualNumber").GetString());
    }
}
