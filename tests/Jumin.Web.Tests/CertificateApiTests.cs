using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Jumin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jumin.Web.Tests;

/// <summary>証明書発行, 交付履歴, 支援措置 and コンビニ交付 end to end over /api/v1, with the PDFs read back.</summary>
public abstract class CertificateApiTests(WebAppFixture app)
{
    private Task<HttpClient> LoggedIn(string userId) => app.LoggedInAsync(userId);

    /// <summary>A 日本人 世帯 of two or more current members, a different one for each <paramref name="index"/>, head first.</summary>
    private async Task<IReadOnlyList<string>> HouseholdAsync(int index)
    {
        await using var db = app.Node.Database.Open();
        var household = await db.Residents.Where(r => r.Status == 1 && r.Kind == 1).GroupBy(r => r.HouseholdNumber).Where(g => g.Count() >= 2)
            .OrderBy(g => g.Key).Skip(index).Select(g => g.Key).FirstAsync();
        return await db.Residents.Where(r => r.HouseholdNumber == household && r.Status == 1).OrderBy(r => r.MemberOrder).Select(r => r.AtenaNumber.Value).ToListAsync();
    }

    private static object Body(string subject, string requester = "self", bool whole = true, object? items = null, long? approval = null) => new
    {
        subject,
        wholeHousehold = whole,
        items = items ?? new { },
        requester = new { kind = requester, name = "請求　太郎", address = "宮城県仙台市青葉区本町１－１", identification = "drivers-licence", purpose = requester is "third-party" or "official" ? "債権回収のため" : null },
        supportApprovalId = approval,
    };

    [Fact]
    public async Task A_household_copy_is_issued_as_a_pdf_recorded_in_the_issue_history_and_verifiable_by_its_code()
    {
        var members = await HouseholdAsync(0);
        var clerk = await LoggedIn("clerk01");

        var response = await clerk.PostAsJsonAsync("/api/v1/certificates/resident-record", Body(members[0]));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var result = JsonDocument.Parse(text).RootElement;
        var pdf = Convert.FromBase64String(result.GetProperty("pdf").GetString()!);
        var printed = PdfFiles.Text(pdf);
        Assert.Contains("この写しは、世帯全員の住民票の原本と相違ないことを証明する。", printed);
        var copy = result.GetProperty("copies")[0];
        Assert.Equal(members.Order(), copy.GetProperty("subjects").EnumerateArray().Select(s => s.GetString()!).Order());

        var history = await clerk.GetFromJsonAsync<JsonElement>($"/api/v1/certificates?subject={members[^1]}");
        var entry = Assert.Single(history.EnumerateArray());
        Assert.Equal(copy.GetProperty("issueNumber").GetString(), entry.GetProperty("issueNumber").GetString());
        Assert.Equal("住民票の写し", entry.GetProperty("kindName").GetString());
        Assert.Equal("clerk01", entry.GetProperty("operatorId").GetString());

        var code = copy.GetProperty("verificationCodes")[0].GetString();
        Assert.Equal(entry.GetProperty("id").GetInt64(), (await clerk.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/verification/{code}")).GetProperty("id").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync("/api/v1/certificates/verification/AAAA-BBBB-CCCC")).StatusCode);

        // The PDF itself with Accept: application/pdf.
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/certificates/entry-certificate") { Content = JsonContent.Create(Body(members[0], whole: false)) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/pdf"));
        var raw = await clerk.SendAsync(request);
        Assert.Equal("application/pdf", raw.Content.Headers.ContentType?.MediaType);
        Assert.Contains("上記の事項は、住民票の原本と相違ないことを証明する。", PdfFiles.Text(await raw.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Bad_requests_name_the_field_and_the_rule_and_print_nothing()
    {
        var members = await HouseholdAsync(1);
        var clerk = await LoggedIn("clerk01");

        var unreadable = await clerk.PostAsJsonAsync("/api/v1/certificates/resident-record", new { subject = "12345", requester = new { kind = "friend", name = "x", identification = "passport" } });
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        var errors = JsonDocument.Parse(await unreadable.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("subject", out _));
        Assert.Contains("請求者の区分", errors.GetProperty("requester.kind")[0].GetString(), StringComparison.Ordinal);

        // clerk01 may not see the 個人番号 (j1390), and a third party may not have it.
        var refused = await clerk.PostAsJsonAsync("/api/v1/certificates/resident-record", Body(members[0], items: new { individualNumber = true }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("C304", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("rules").GetProperty("items.individualNumber").GetString());
        var thirdParty = await (await LoggedIn("clerk02")).PostAsJsonAsync("/api/v1/certificates/resident-record", Body(members[0], "third-party", items: new { individualNumber = true }));
        Assert.Equal("C303", JsonDocument.Parse(await thirdParty.Content.ReadAsStringAsync()).RootElement.GetProperty("rules").GetProperty("items.individualNumber").GetString());

        await using var db = app.Node.Database.Open();
        Assert.False(await db.CertificateIssueSubjects.AnyAsync(s => s.AtenaNumber == Domain.Identifiers.AtenaNumber.Parse(members[0])));
        Assert.True(await db.AuditLog.AnyAsync(a => a.TargetAtenaNumber == members[0] && a.Function == Registry.Audit.AuditFunctions.CertificateIssue && a.Outcome == (int)Domain.Audit.AuditOutcome.Refused));
    }

    [Fact]
    public async Task A_protected_member_stops_a_household_copy_for_anyone_else_until_an_approver_lets_one_request_through()
    {
        var members = await HouseholdAsync(2);
        var approver = await LoggedIn("approver01");
        var clerk = await LoggedIn("clerk02");
        var protectedPerson = members[1];
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsJsonAsync($"/api/v1/residents/{protectedPerson}/support-measures", new { startsOn = "2026-11-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await approver.PostAsJsonAsync($"/api/v1/residents/{protectedPerson}/support-measures", new { startsOn = "令和8年11月1日" })).StatusCode);

        var dossier = await clerk.GetFromJsonAsync<JsonElement>($"/api/v1/residents/{members[0]}");
        Assert.Equal([protectedPerson], dossier.GetProperty("protectedMembers").EnumerateArray().Select(e => e.GetString()));
        var refused = await clerk.PostAsJsonAsync("/api/v1/certificates/resident-record", Body(members[0], "third-party"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("C306", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("rules").GetProperty("supportApprovalId").GetString());

        var measure = (await approver.GetFromJsonAsync<JsonElement>($"/api/v1/residents/{protectedPerson}/support-measures"))[0];
        Assert.Equal("2027-10-31", measure.GetProperty("endsOn").GetString());
        var approval = await approver.PostAsJsonAsync($"/api/v1/residents/{protectedPerson}/support-approvals", new { requesterName = "請求　太郎", reason = "裁判所の嘱託によるもの" });
        var approvalId = JsonDocument.Parse(await approval.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        var issued = await clerk.PostAsJsonAsync("/api/v1/certificates/resident-record", Body(members[0], "third-party", approval: approvalId));
        Assert.True(issued.IsSuccessStatusCode, await issued.Content.ReadAsStringAsync());
    }

    /// <summary>Issue 15 item 2 (seed 001): a 支援措置 stops コンビニ交付 for the person, even with their own card and PIN.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_kiosk_refuses_a_person_under_a_support_measure_without_saying_why(bool householdMember)
    {
        var members = await HouseholdAsync(householdMember ? 5 : 4);
        var (holder, protectedPerson) = householdMember ? (members[0], members[1]) : (members[0], members[0]);
        var clerk = await LoggedIn("clerk02");
        var card = await clerk.PostAsJsonAsync($"/api/v1/residents/{holder}/konbini-cards", new { pin = "2580" });
        var serial = JsonDocument.Parse(await card.Content.ReadAsStringAsync()).RootElement.GetProperty("serial").GetString();
        Assert.Equal(HttpStatusCode.Created, (await (await LoggedIn("approver01")).PostAsJsonAsync($"/api/v1/residents/{protectedPerson}/support-measures", new { startsOn = DateTime.Today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) })).StatusCode);

        var kiosk = app.CreateClient();
        foreach (var body in new object[] { new { serial, pin = "2580", wholeHousehold = householdMember }, new { serial, pin = "2580", kind = "entry-certificate", wholeHousehold = householdMember } })
        {
            var refused = await kiosk.PostAsJsonAsync("/api/v1/konbini/certificates", body);
            var text = await refused.Content.ReadAsStringAsync();
            Assert.False(refused.IsSuccessStatusCode, text);
            Assert.Contains("コンビニでは交付できません", text, StringComparison.Ordinal);
            Assert.DoesNotContain("支援措置", text, StringComparison.Ordinal);
        }
        Assert.Empty((await clerk.GetFromJsonAsync<JsonElement>($"/api/v1/certificates?subject={holder}")).EnumerateArray());
        await using var db = app.Node.Database.Open();
        Assert.Equal(2, await db.AuditLog.CountAsync(a => a.OperatorId == "konbini" && a.TargetAtenaNumber == holder && a.Outcome == (int)Domain.Audit.AuditOutcome.Refused && a.Detail!.Contains("C317")));
    }

    [Fact]
    public async Task The_kiosk_takes_the_card_and_pin_and_returns_an_image_only_certificate()
    {
        var members = await HouseholdAsync(3);
        var clerk = await LoggedIn("clerk02");
        var card = await clerk.PostAsJsonAsync($"/api/v1/residents/{members[0]}/konbini-cards", new { pin = "2580" });
        var serial = JsonDocument.Parse(await card.Content.ReadAsStringAsync()).RootElement.GetProperty("serial").GetString();
        var kiosk = app.CreateClient();

        var wrong = await kiosk.PostAsJsonAsync("/api/v1/konbini/certificates", new { serial, pin = "0000" });
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(2, JsonDocument.Parse(await wrong.Content.ReadAsStringAsync()).RootElement.GetProperty("attemptsLeft").GetInt32());
        var issued = await kiosk.PostAsJsonAsync("/api/v1/konbini/certificates", new { serial, pin = "2580", wholeHousehold = true });

        Assert.Equal("application/pdf", issued.Content.Headers.ContentType?.MediaType);
        var pdf = await issued.Content.ReadAsByteArrayAsync();
        Assert.Equal((0, 1), PdfFiles.Content(pdf));
        var history = await clerk.GetFromJsonAsync<JsonElement>($"/api/v1/certificates?subject={members[0]}");
        Assert.Equal("コンビニ交付", Assert.Single(history.EnumerateArray()).GetProperty("channel").GetString());
    }
}

public sealed class SqliteCertificateApiTests(SqliteWebApp app) : CertificateApiTests(app), IClassFixture<SqliteWebApp>;

public sealed class PostgresCertificateApiTests(PostgresWebApp app) : CertificateApiTests(app), IClassFixture<PostgresWebApp>;
