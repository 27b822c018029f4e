using System.Net;
using System.Text;

namespace Jumin.Web.Tests;

/// <summary>ログの分析 (j1370) over /api/v1/audit and the /audit screen: CSV for Excel, periods checked.</summary>
public sealed class AuditApiTests(SqliteWebApp app) : IClassFixture<SqliteWebApp>
{
    private Task<HttpClient> LoggedIn(string userId) => app.LoggedInAsync(userId);

    [Fact]
    public async Task Failed_logins_come_out_as_a_csv_that_excel_reads_and_a_bad_period_is_named()
    {
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.LogInAsync(anonymous, "clerk02", password: "not-the-password")).StatusCode);
        var auditor = await LoggedIn("auditor01");

        var response = await auditor.GetAsync("/api/v1/audit/reports/failed-logins?format=csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("\"日時\",\"利用者ID\",\"所属\",\"端末\",\"機能\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"clerk02\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"拒否\"", csv, StringComparison.Ordinal);

        var bad = await auditor.GetAsync("/api/v1/audit/reports/off-hours?from=2026-12-01&to=2026-11-01");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("期間", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await auditor.GetAsync("/api/v1/audit/reports/everything")).StatusCode);

        var page = await auditor.GetStringAsync("/audit?report=failed-logins");
        Assert.Contains("ログイン失敗一覧", page, StringComparison.Ordinal);
        Assert.Contains("clerk02", page, StringComparison.Ordinal);
    }
}
