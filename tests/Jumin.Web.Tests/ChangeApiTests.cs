using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Jumin.Web.Tests;

/// <summary>Every 異動 kind end to end over /api/v1: 仮登録 by a clerk, 本登録 by an approver, the register afterwards.</summary>
public abstract class ChangeApiTests(WebAppFixture app)
{
    private const string Address = "岩手県みどり市中央一丁目";

    private static string Today => NodaTime.SystemClock.Instance.GetCurrentInstant().InZone(Domain.Dates.JapanTime.Zone).Date.ToString("yyyy-MM-dd", null);

    private static string DaysAgo(int days) => NodaTime.SystemClock.Instance.GetCurrentInstant().InZone(Domain.Dates.JapanTime.Zone).Date.PlusDays(-days).ToString("yyyy-MM-dd", null);

    private Task<HttpClient> LoggedIn(string userId) => app.LoggedInAsync(userId);

    private async Task<JsonElement> Register(string slug, object body)
    {
        var clerk = await LoggedIn("clerk02");
        var entered = await clerk.PostAsJsonAsync($"/api/v1/changes/{slug}", body);
        var text = await entered.Content.ReadAsStringAsync();
        Assert.True(entered.StatusCode == HttpStatusCode.Created, $"{slug}: {(int)entered.StatusCode} {text}");
        var id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
        var approver = await LoggedIn("approver01");
        var registered = await approver.PostAsync($"/api/v1/changes/{id}/registration", null);
        var result = await registered.Content.ReadAsStringAsync();
        Assert.True(registered.IsSuccessStatusCode, $"{slug} 本登録: {(int)registered.StatusCode} {result}");
        var change = JsonDocument.Parse(result).RootElement;
        Assert.Equal("本登録", change.GetProperty("status").GetString());
        return change;
    }

    private static IEnumerable<JsonElement> After(JsonElement change) => change.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("after"));

    private static string AtenaOf(JsonElement change, string givenName) =>
        After(change).First(r => r.GetProperty("name").GetString()!.EndsWith(givenName, StringComparison.Ordinal)).GetProperty("atenaNumber").GetString()!;

    private async Task<JsonElement> Resident(string atena) => await (await LoggedIn("clerk01")).GetFromJsonAsync<JsonElement>($"/api/v1/residents/{atena}");

    private static object Japanese(string family, string given, string sex, string birth) => new
    {
        kind = "japanese",
        familyName = family,
        givenName = given,
        familyNameKana = "シケン",
        givenNameKana = "タロウ",
        sex,
        birthDate = birth,
        domicile = "岩手県盛岡市内丸１０番地",
        headOfFamilyRegister = $"{family}　{given}",
    };

    /// <summary>A couple moved in 40 days ago: (世帯主, 妻, 世帯番号).</summary>
    private async Task<(string Head, string Wife, string Household)> Couple(string family, string banchi)
    {
        var change = await Register("move-in", new
        {
            changeDate = DaysAgo(40),
            notificationDate = DaysAgo(38),
            newPersons = new[] { Japanese(family, "一郎", "1", "昭和55年5月5日"), Japanese(family, "和子", "2", "S57.7.7") },
            newAddress = new { addressCode = "03299001001", postalCode = "029-9901", address = Address, banchi },
            previousAddress = new { address = "岩手県盛岡市内丸１番１号" },
            newHead = "new:0",
            relationships = new[] { new { person = "new:1", relationship = "妻" } },
        });
        var head = AtenaOf(change, "一郎");
        return (head, AtenaOf(change, "和子"), After(change).First().GetProperty("householdNumber").GetString()!);
    }

    /// <summary>
    /// The 異動入力 screen opened for a person under a 照会抑止 (j410) says so, with the refusal's status, instead of
    /// failing with a server error; nothing of the person is shown.
    /// </summary>
    [Fact]
    public async Task The_change_screen_for_a_person_under_an_inquiry_restriction_says_why_and_shows_nothing_of_them()
    {
        var (head, _, _) = await Couple("抑止", "３番");
        var approver = (await app.Node.Accounts.FindOperatorAsync("approver01", "TEST", "本庁"))!;
        var today = NodaTime.SystemClock.Instance.GetCurrentInstant().InZone(Domain.Dates.JapanTime.Zone).Date;
        await app.Node.Restrictions.SetAsync(approver, new Registry.Protection.RestrictionInput(
            Domain.Protection.RestrictionScope.Person, head, Domain.Protection.RestrictedProcess.Inquiry, Domain.Protection.RestrictionLevel.Error, today, null, "本人申出"));

        var page = await (await LoggedIn("clerk01")).GetAsync($"/changes/new/relocation?atena={head}");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("data-testid=\"refusal\"", html, StringComparison.Ordinal);
        Assert.Contains("抑止", html, StringComparison.Ordinal);
        Assert.DoesNotContain("抑止　一郎", html, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue 15 item 1: a 転入 preview with a resident's 個人番号 tells a clerk who may not see 個人番号 only that the
    /// number is registered, not whose it is; the match is audited against that resident (j600, j1390).
    /// </summary>
    [Fact]
    public async Task A_move_in_preview_does_not_name_the_holder_of_a_number_to_a_clerk_who_may_not_see_numbers()
    {
        await using var db = app.Node.Database.Open();
        var holder = (await db.ResidentHistory.Where(r => r.IndividualNumber != null).OrderBy(r => r.AtenaNumber).FirstAsync(r => r.Status == Domain.Residents.ResidentStatus.Resident)).AtenaNumber.Value;
        var record = (await (await LoggedIn("clerk02")).GetFromJsonAsync<JsonElement>($"/api/v1/residents/{holder}")).GetProperty("current");
        var number = record.GetProperty("individualNumber").GetString();
        var name = record.GetProperty("name").GetString()!;
        object Body() => new
        {
            changeDate = DaysAgo(1),
            newPersons = new[] { new { kind = "japanese", familyName = "番号", givenName = "照合", familyNameKana = "バンゴウ", givenNameKana = "ショウゴウ", sex = "1", birthDate = "昭和60年1月1日", domicile = "岩手県盛岡市内丸１０番地", headOfFamilyRegister = "番号　照合", individualNumber = number } },
            newAddress = new { addressCode = "03299001001", postalCode = "029-9901", address = Address, banchi = "１番" },
            previousAddress = new { address = "岩手県盛岡市内丸１番１号" },
            newHead = "new:0",
        };

        var hidden = await (await LoggedIn("clerk01")).PostAsJsonAsync("/api/v1/changes/move-in/preview", Body());
        var text = await hidden.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, hidden.StatusCode);
        Assert.Contains("E101", text, StringComparison.Ordinal);
        Assert.Contains("表示権限のある職員に依頼", text, StringComparison.Ordinal);
        Assert.DoesNotContain(holder, text, StringComparison.Ordinal);
        Assert.DoesNotContain(name, text, StringComparison.Ordinal);
        Assert.Contains(await db.AuditLog.Where(a => a.OperatorId == "clerk01" && a.TargetAtenaNumber == holder).ToListAsync(), a => a.Detail!.Contains("個人番号等が一致（E101）"));

        var named = await (await (await LoggedIn("clerk02")).PostAsJsonAsync("/api/v1/changes/move-in/preview", Body())).Content.ReadAsStringAsync();
        Assert.Contains($"宛名番号{holder}", named, StringComparison.Ordinal);
    }

    /// <summary>Issue 15 item 3: a 仮登録 is not the register yet; 照会 alone does not read it (j530, j1380).</summary>
    [Fact]
    public async Task A_pending_change_is_read_only_by_those_who_enter_or_decide_changes()
    {
        var (head, wife, _) = await Couple("試験照", "９番９号");
        var clerk = await LoggedIn("clerk01");
        var entered = await clerk.PostAsJsonAsync("/api/v1/changes/relocation", new
        {
            changeDate = DaysAgo(1),
            movers = new[] { head, wife },
            newAddress = new { addressCode = "03299001001", postalCode = "029-9901", address = Address, banchi = "１０番１０号" },
        });
        Assert.Equal(HttpStatusCode.Created, entered.StatusCode);
        var pending = JsonDocument.Parse(await entered.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        var registered = (await (await LoggedIn("inquiry01")).GetFromJsonAsync<JsonElement>("/api/v1/changes?status=registered")).EnumerateArray().First().GetProperty("id").GetInt64();

        var reader = await LoggedIn("inquiry01");
        foreach (var path in new[] { "/api/v1/changes", "/api/v1/changes?status=withdrawn", $"/api/v1/changes/{pending}" })
        {
            var refused = await reader.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            var body = await refused.Content.ReadAsStringAsync();
            Assert.Contains("異動入力または審査・決裁の権限が必要です", body, StringComparison.Ordinal);
            Assert.DoesNotContain("試験照", body, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/v1/changes/{registered}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync($"/api/v1/changes/{pending}")).StatusCode);
        Assert.Contains($"\"id\":{pending},", await (await LoggedIn("approver01")).GetStringAsync("/api/v1/changes"), StringComparison.Ordinal);

        await using var db = app.Node.Database.Open();
        Assert.Equal(3, await db.AuditLog.CountAsync(a => a.OperatorId == "inquiry01" && a.Outcome == (int)Domain.Audit.AuditOutcome.Refused && a.Detail!.Contains("異動入力または審査・決裁")));
        var screen = await reader.GetAsync("/changes");
        Assert.Equal(HttpStatusCode.Redirect, screen.StatusCode);
        Assert.Equal("/forbidden", screen.Headers.Location!.ToString());
    }

    [Fact]
    public async Task MoveIn_Relocation_and_MoveOut_with_the_move_in_notice()
    {
        var (head, wife, household) = await Couple("試験甲", "１番１号");
        var dossier = await Resident(wife);
        Assert.Equal("妻", dossier.GetProperty("current").GetProperty("relationship").GetString());
        Assert.Equal("国内転入", dossier.GetProperty("current").GetProperty("changeReason").GetString());

        var moved = await Register("relocation", new { changeDate = DaysAgo(10), notificationDate = DaysAgo(9), movers = new[] { head, wife }, newAddress = new { addressCode = "03299001001", postalCode = "0299901", address = Address, banchi = "２番３号", katagaki = "みどり荘２０１" } });
        Assert.All(After(moved), r => Assert.Equal(household, r.GetProperty("householdNumber").GetString()));
        Assert.Contains("みどり荘２０１", (await Resident(head)).GetProperty("current").GetProperty("address").GetString());

        var outChange = await Register("move-out", new { changeDate = DaysAgo(5), notificationDate = DaysAgo(5), movers = new[] { head, wife }, destination = new { address = "宮城県仙台市青葉区" } });
        Assert.All(After(outChange), r => Assert.Equal("国内転出", r.GetProperty("removalReason").GetString()));
        var missing = await (await LoggedIn("clerk01")).GetFromJsonAsync<JsonElement>("/api/v1/move-in-notices/missing?days=1");
        Assert.Contains(missing.EnumerateArray(), m => m.GetProperty("person").GetProperty("atenaNumber").GetString() == wife);

        await Register("move-in-notice", new { changeDate = DaysAgo(5), movers = new[] { head, wife }, moveInNoticeDate = Today, destination = new { address = "宮城県仙台市青葉区国分町三丁目７番１号", confirmedMoveOutDate = DaysAgo(4) } });
        missing = await (await LoggedIn("clerk01")).GetFromJsonAsync<JsonElement>("/api/v1/move-in-notices/missing?days=1");
        Assert.DoesNotContain(missing.EnumerateArray(), m => m.GetProperty("person").GetProperty("atenaNumber").GetString() == wife);
    }

    [Fact]
    public async Task Birth_separation_merger_and_head_change()
    {
        var (head, wife, household) = await Couple("試験乙", "３番３号");
        var born = await Register("birth", new { changeDate = DaysAgo(3), newPersons = new[] { new { familyName = "試験乙", givenName = "三郎", familyNameKana = "シケン", givenNameKana = "サブロウ", sex = "1" } }, joinHousehold = household, relationships = new[] { new { person = "new:0", relationship = "子" } } });
        var child = AtenaOf(born, "三郎");
        var childRow = (await Resident(child)).GetProperty("current");
        Assert.Equal("出生", childRow.GetProperty("changeReason").GetString());
        Assert.Equal("岩手県盛岡市内丸１０番地", childRow.GetProperty("domicile").GetString());

        var separated = await Register("household-separation", new { changeDate = Today, movers = new[] { wife }, newHead = wife });
        var newHousehold = After(separated).Single(r => r.GetProperty("atenaNumber").GetString() == wife).GetProperty("householdNumber").GetString();
        Assert.NotEqual(household, newHousehold);

        await Register("household-merger", new { changeDate = Today, movers = new[] { wife }, joinHousehold = household, relationships = new[] { new { person = wife, relationship = "妻" } } });
        Assert.Equal(household, (await Resident(wife)).GetProperty("current").GetProperty("householdNumber").GetString());

        var changed = await Register("household-head-change", new { changeDate = Today, newHead = wife, relationships = new[] { new { person = head, relationship = "夫" }, new { person = child, relationship = "子" } } });
        Assert.Equal(3, After(changed).Count());
        Assert.Equal("世帯主", (await Resident(wife)).GetProperty("current").GetProperty("relationship").GetString());
        Assert.Equal("夫", (await Resident(head)).GetProperty("current").GetProperty("relationship").GetString());
    }

    [Fact]
    public async Task Death_of_the_head_leaving_two_members_needs_the_alert_acknowledged()
    {
        var (head, _, household) = await Couple("試験丙", "５番５号");
        await Register("birth", new { changeDate = DaysAgo(2), newPersons = new[] { new { familyName = "試験丙", givenName = "花", familyNameKana = "シケン", givenNameKana = "ハナ", sex = "2" } }, joinHousehold = household, relationships = new[] { new { person = "new:0", relationship = "子" } } });
        var clerk = await LoggedIn("clerk01");
        var body = new { changeDate = Today, movers = new[] { head } };
        var alert = await clerk.PostAsJsonAsync("/api/v1/changes/death", body);
        Assert.Equal(HttpStatusCode.Conflict, alert.StatusCode);
        var problem = await alert.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("A202", problem.GetProperty("findings")[0].GetProperty("code").GetString());

        var died = await Register("death", new { changeDate = Today, movers = new[] { head }, acknowledgedAlerts = new[] { "A202" } });
        Assert.Equal("死亡", After(died).Single().GetProperty("removalReason").GetString());
        Assert.Equal("世帯主変更依頼通知書", died.GetProperty("headNotices")[0].GetProperty("document").GetString());
    }

    [Fact]
    public async Task Corrections_codes_numbers_removals_and_cancellation()
    {
        var (head, wife, _) = await Couple("試験丁", "７番７号");
        await Register("correction", new { changeDate = Today, reason = 304, movers = new[] { head }, corrections = new[] { new { person = head, items = new { givenName = "壱郎" } } } });
        Assert.Equal("試験丁　壱郎", (await Resident(wife)).GetProperty("current").GetProperty("householdHeadName").GetString());

        await Register("resident-code-change", new { changeDate = Today, basis = "application", reason = 308, movers = new[] { wife }, corrections = new[] { new { person = wife, items = new { residentCode = "12345678901" } } } });
        var history = (await Resident(wife)).GetProperty("history");
        Assert.Equal("住民票コードの変更請求", history[history.GetArrayLength() - 1].GetProperty("changeReason").GetString());

        await Register("individual-number-change", new { changeDate = Today, basis = "ex-officio", reason = 307, movers = new[] { wife }, corrections = new[] { new { person = wife, items = new { individualNumber = "983205673214" } } } });
        Assert.Equal("983205673214", (await (await LoggedIn("clerk02")).GetFromJsonAsync<JsonElement>($"/api/v1/residents/{wife}")).GetProperty("current").GetProperty("individualNumber").GetString());

        var removed = await Register("ex-officio-removal", new { changeDate = Today, movers = new[] { head, wife } });
        var cancelled = await Register("cancellation", new { changeDate = Today, basis = "ex-officio", cancelsChange = removed.GetProperty("id").GetInt64() });
        Assert.All(After(cancelled), r => Assert.Equal("異動の取消し（増）", r.GetProperty("changeReason").GetString()));
        Assert.Equal("住民", (await Resident(wife)).GetProperty("current").GetProperty("status").GetString());

        await Register("disappearance", new { changeDate = Today, basis = "family-register-notice", movers = new[] { head }, acknowledgedAlerts = new[] { "A203" } });
        Assert.Equal("世帯主", (await Resident(wife)).GetProperty("current").GetProperty("relationship").GetString());
    }

    [Fact]
    public async Task Foreign_residents_from_abroad_naturalisation_loss_of_nationality_and_immigration_notices()
    {
        object Foreign(string alphabet, string birth) => new
        {
            kind = "foreign",
            familyName = "",
            givenName = "",
            alphabetName = alphabet,
            givenNameKana = "テスト",
            sex = "2",
            birthDate = birth,
            nationality = "フィリピン",
            article3045Category = 1,
            statusOfResidence = "技能実習",
            periodOfStay = "1年",
            periodOfStayExpiresOn = "2027-12-31",
        };
        var arrived = await Register("move-in-from-abroad", new
        {
            changeDate = DaysAgo(30),
            notificationDate = DaysAgo(29),
            newPersons = new[] { Foreign("SANTOS MARIA", "1995-03-04") },
            newAddress = new { addressCode = "03299001001", postalCode = "0299901", address = Address, banchi = "９番９号" },
            previousAddress = new { address = "フィリピン" },
            newHead = "new:0",
        });
        var maria = AtenaOf(arrived, "");
        var entered = await Register("article-30-46", new
        {
            changeDate = DaysAgo(20),
            notificationDate = DaysAgo(20),
            newPersons = new[] { Foreign("REYES ANA", "1996-05-06") },
            newAddress = new { addressCode = "03299001001", postalCode = "0299901", address = Address, banchi = "９番１０号" },
            newHead = "new:0",
        });
        var ana = After(entered).Single().GetProperty("atenaNumber").GetString()!;
        await Register("article-30-47", new
        {
            changeDate = DaysAgo(15),
            notificationDate = DaysAgo(15),
            newPersons = new[] { Foreign("CRUZ LEA", "2026-01-02") },
            newAddress = new { addressCode = "03299001001", postalCode = "0299901", address = Address, banchi = "９番１０号" },
            joinHousehold = After(entered).Single().GetProperty("householdNumber").GetString(),
            relationships = new[] { new { person = "new:0", relationship = "子" } },
        });

        await Register("immigration-notice", new { changeDate = DaysAgo(5), movers = new[] { maria }, corrections = new[] { new { person = maria, items = new { statusOfResidence = "特定技能", periodOfStayExpiresOn = "2029-03-31" } } } });
        Assert.Equal("特定技能", (await Resident(maria)).GetProperty("current").GetProperty("statusOfResidence").GetString());

        var naturalised = await Register("naturalisation", new { changeDate = DaysAgo(2), movers = new[] { maria }, corrections = new[] { new { person = maria, items = new { familyName = "三島", givenName = "真理亜", familyNameKana = "ミシマ", givenNameKana = "マリア", domicile = "岩手県みどり市中央一丁目９番地", headOfFamilyRegister = "三島　真理亜" } } } });
        Assert.Equal(2, After(naturalised).Count());
        var japanese = (await Resident(maria)).GetProperty("current");
        Assert.Equal("日本人住民", japanese.GetProperty("kind").GetString());
        Assert.Equal("職権記載（帰化等）", japanese.GetProperty("changeReason").GetString());

        var lost = await Register("nationality-loss", new { changeDate = Today, movers = new[] { maria }, corrections = new[] { new { person = maria, items = new { nationality = "フィリピン", alphabetName = "MISHIMA MARIA" } } } });
        Assert.Equal("外国人住民", (await Resident(maria)).GetProperty("current").GetProperty("kind").GetString());
        Assert.Equal(2, After(lost).Count());

        await Register("immigration-notice", new { changeDate = Today, movers = new[] { ana }, removeFromRegister = true, acknowledgedAlerts = new[] { "A203" } });
        Assert.Equal("職権消除", (await Resident(ana)).GetProperty("current").GetProperty("removalReason").GetString());
    }

    [Fact]
    public async Task Ex_officio_entry_with_an_unknown_previous_address_and_a_returning_resident()
    {
        var entered = await Register("ex-officio-entry", new
        {
            changeDate = DaysAgo(3),
            newPersons = new[] { Japanese("試験戊", "五郎", "1", "平成2年2月2日") },
            newAddress = new { addressCode = "03299001001", postalCode = "0299901", address = Address, banchi = "１１番地" },
            previousAddress = new { address = "不明" },
            newHead = "new:0",
        });
        var goro = AtenaOf(entered, "五郎");
        Assert.Equal("不明", (await Resident(goro)).GetProperty("current").GetProperty("previousAddress").GetString());
        await Register("move-out-abroad", new { changeDate = DaysAgo(2), movers = new[] { goro }, destination = new { address = "アメリカ合衆国" } });
        var back = await Register("move-in-from-abroad", new
        {
            changeDate = Today,
            movers = new[] { goro },
            newAddress = new { addressCode = "03299001001", postalCode = "0299901", address = Address, banchi = "１２番地" },
            previousAddress = new { address = "アメリカ合衆国" },
            newHead = goro,
        });
        Assert.Equal(goro, After(back).Single().GetProperty("atenaNumber").GetString());
        Assert.Equal(3, (await Resident(goro)).GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task Household_change_at_the_same_address_and_nationality_acquisition()
    {
        var (_, _, household) = await Couple("試験庚", "１５番地");
        var (_, otherWife, _) = await Couple("試験辛", "１５番地");
        var changed = await Register("household-change", new { changeDate = Today, movers = new[] { otherWife }, joinHousehold = household, relationships = new[] { new { person = otherWife, relationship = "同居人" } } });
        Assert.Equal(household, After(changed).Single(r => r.GetProperty("atenaNumber").GetString() == otherWife).GetProperty("householdNumber").GetString());
        Assert.Equal("同居人", (await Resident(otherWife)).GetProperty("current").GetProperty("relationship").GetString());

        var arrived = await Register("move-in-from-abroad", new
        {
            changeDate = DaysAgo(10),
            notificationDate = DaysAgo(9),
            newPersons = new[] { new { kind = "foreign", alphabetName = "KIM MINJI", givenNameKana = "キム　ミンジ", sex = "2", birthDate = "2001-02-03", nationality = "韓国", article3045Category = 1, statusOfResidence = "留学" } },
            newAddress = new { addressCode = "03299001001", postalCode = "0299901", address = Address, banchi = "１６番地" },
            previousAddress = new { address = "韓国" },
            newHead = "new:0",
        });
        var kim = After(arrived).Single().GetProperty("atenaNumber").GetString()!;
        var acquired = await Register("nationality-acquisition", new { changeDate = Today, movers = new[] { kim }, corrections = new[] { new { person = kim, items = new { familyName = "金", givenName = "敏智", familyNameKana = "キン", givenNameKana = "ミンジ", domicile = "岩手県みどり市中央一丁目１６番地", headOfFamilyRegister = "金　敏智" } } } });
        Assert.Equal(["職権消除（帰化等）", "職権記載（帰化等）"], After(acquired).Select(r => r.GetProperty("changeReason").GetString()));
        var current = (await Resident(kim)).GetProperty("current");
        Assert.Equal("日本人住民", current.GetProperty("kind").GetString());
        Assert.Equal("金　敏智", current.GetProperty("householdHeadName").GetString());
    }

    [Theory]
    [InlineData("move-in", """{"changeDate":"令和0年1月1日"}""", "changeDate", "era-year")]
    [InlineData("relocation", """{"changeDate":"2026-01-01","movers":["0000000018"]}""", "movers[0]", "check-digit")]
    [InlineData("move-in", """{"changeDate":"2026-01-01","relationships":[{"person":"new:0","relationship":"祖父"}]}""", "relationships[0].relationship", "unknown-term")]
    [InlineData("birth", """{"newPersons":[{"sex":"3"}]}""", "newPersons[0].sex", "value")]
    public async Task Unparseable_input_is_refused_naming_the_field_and_the_rule_and_nothing_is_written(string slug, string body, string field, string rule)
    {
        var client = await LoggedIn("clerk01");
        await using var db = app.Node.Database.Open();
        var changesBefore = await db.Changes.CountAsync();
        var response = await client.PostAsync($"/api/v1/changes/{slug}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(rule, problem.GetProperty("rules").GetProperty(field).GetString());
        Assert.Equal(changesBefore, await db.Changes.CountAsync());
    }

    [Fact]
    public async Task A_rule_violation_is_a_422_naming_the_item_the_approver_cannot_approve_their_own_and_a_stale_change_is_a_409()
    {
        var (head, wife, household) = await Couple("試験己", "１３番地");
        var clerk = await LoggedIn("clerk01");
        var future = await clerk.PostAsJsonAsync("/api/v1/changes/relocation", new { changeDate = "2099-01-01", movers = new[] { head, wife }, newAddress = new { addressCode = "03299001001", postalCode = "0299901", address = Address, banchi = "１番" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, future.StatusCode);
        var problem = await future.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("E104", problem.GetProperty("rules").GetProperty("changeDate").GetString());
        Assert.Contains("異動日", problem.GetProperty("errors").GetProperty("changeDate")[0].GetString());

        var approver = await LoggedIn("approver01");
        var own = await approver.PostAsJsonAsync("/api/v1/changes/correction", new { changeDate = Today, movers = new[] { wife }, corrections = new[] { new { person = wife, items = new { remarks = "本人申出" } } } });
        var ownId = (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Forbidden, (await approver.PostAsync($"/api/v1/changes/{ownId}/registration", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsync($"/api/v1/changes/{ownId}/registration", null)).StatusCode);

        var birth = await clerk.PostAsJsonAsync("/api/v1/changes/birth", new { changeDate = Today, newPersons = new[] { new { familyName = "試験己", givenName = "六子", familyNameKana = "シケン", givenNameKana = "ムツコ", sex = "2" } }, joinHousehold = household, relationships = new[] { new { person = "new:0", relationship = "子" } } });
        var birthId = (await birth.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await approver.PostAsync($"/api/v1/changes/{ownId}/withdrawal", null)).StatusCode);
        await Register("correction", new { changeDate = Today, movers = new[] { head }, corrections = new[] { new { person = head, items = new { remarks = "確認済" } } } });
        var stale = await (await LoggedIn("approver01")).PostAsync($"/api/v1/changes/{birthId}/registration", null);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains(head, (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_second_clerk_opening_the_same_person_is_told_who_is_editing_j1380()
    {
        var (head, _, _) = await Couple("試験壬", "１７番地");
        var first = await (await LoggedIn("clerk01")).GetStringAsync($"/changes/new/relocation?atena={head}");
        Assert.DoesNotContain("data-testid=\"locked\"", first, StringComparison.Ordinal);
        var second = await (await LoggedIn("clerk02")).GetStringAsync($"/changes/new/relocation?atena={head}");
        Assert.Contains("窓口 一郎（clerk01", second, StringComparison.Ordinal);
        Assert.Contains("閲覧はできますが、異動は入力できません", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_has_a_path_per_change_kind()
    {
        var doc = await (await LoggedIn("clerk01")).GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        foreach (var kind in Domain.Changes.ChangeKinds.All)
        {
            Assert.True(paths.TryGetProperty($"/api/v1/changes/{Domain.Changes.ChangeKinds.Slug(kind)}", out _), Domain.Changes.ChangeKinds.Slug(kind));
        }
        Assert.True(paths.TryGetProperty("/api/v1/changes/{id}/registration", out _));
    }
}

public sealed class SqliteChangeApiTests(SqliteWebApp app) : ChangeApiTests(app), IClassFixture<SqliteWebApp>;

public sealed class PostgresChangeApiTests(PostgresWebApp app) : ChangeApiTests(app), IClassFixture<PostgresWebApp>;
