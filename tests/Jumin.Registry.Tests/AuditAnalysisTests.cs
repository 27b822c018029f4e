using Jumin.Domain.Dates;
using Jumin.Registry.Access;
using Jumin.Registry.Audit;
using Jumin.Testing;
using NodaTime;
using NodaTime.Testing;

namespace Jumin.Registry.Tests;

/// <summary>ログの分析 (j1370) over a real audit log written at known times, and the 利用者一覧 (seed 004).</summary>
public abstract class AuditAnalysisTests(DatabaseProvider provider) : IAsyncLifetime
{
    // 2026-11-27 is a Friday; 11-28 a Saturday; 11-23 was 勤労感謝の日.
    private static readonly ZonedDateTime FridayMorning = new LocalDateTime(2026, 11, 27, 10, 0).InZoneStrictly(JapanTime.Zone);

    private readonly FakeClock clock = new(FridayMorning.ToInstant());

    private TestRegistry registry = null!;

    private AuditAnalysis Analysis => registry.Node.AuditAnalysis;

    public async Task InitializeAsync() => registry = await TestRegistry.CreateAsync(provider, demoResidents: 30, clock: clock);

    public async Task DisposeAsync() => await registry.DisposeAsync();

    private void At(int day, int hour, int minute = 0) =>
        clock.Reset(new LocalDateTime(2026, 11, day, hour, minute).InZoneStrictly(JapanTime.Zone).ToInstant());

    private async Task LoginAsync(string userId, string? password = null) =>
        await registry.LoginAsync(userId, password);

    [Fact]
    public async Task Night_and_holiday_access_failed_logins_logins_per_user_and_identifier_searches_are_listed()
    {
        var clerk = await registry.OperatorAsync("clerk01");
        var auditor = await registry.OperatorAsync("auditor01");
        string person;
        await using (var db = registry.Node.Database.Open())
        {
            person = (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Residents)).AtenaNumber.Value;
        }

        At(27, 10);
        await LoginAsync("clerk01");
        At(27, 23, 30);
        await LoginAsync("clerk01");
        await registry.Node.Search.SearchAsync(clerk, new() { AtenaNumber = person });
        At(28, 11);
        await LoginAsync("clerk02", "wrong-password");
        await LoginAsync("clerk02", "wrong-password-again");
        At(23, 14);
        await LoginAsync("approver01");
        At(30, 9);

        var offHours = await Analysis.ReportAsync(auditor, AuditReport.OffHours, new LocalDate(2026, 11, 20), new LocalDate(2026, 11, 30));
        Assert.Equal(["approver01", "clerk01", "clerk01", "clerk02", "clerk02"], offHours.Select(l => l.OperatorId).Order());
        Assert.DoesNotContain(offHours, l => l.At == "2026-11-27 10:00:00");

        var failed = await Analysis.ReportAsync(auditor, AuditReport.FailedLogins, new LocalDate(2026, 11, 20), new LocalDate(2026, 11, 30));
        Assert.Equal(2, failed.Count);
        Assert.All(failed, l => Assert.Equal(("clerk02", "拒否"), (l.OperatorId, l.Outcome)));

        var perUser = await Analysis.ReportAsync(auditor, AuditReport.LoginsPerUser, new LocalDate(2026, 11, 20), new LocalDate(2026, 11, 30));
        Assert.Equal("成功2回・失敗0回", perUser.Single(l => l.OperatorId == "clerk01").Outcome);
        Assert.Equal("成功0回・失敗2回", perUser.Single(l => l.OperatorId == "clerk02").Outcome);

        var identifiers = await Analysis.ReportAsync(auditor, AuditReport.IdentifierSearches, new LocalDate(2026, 11, 20), new LocalDate(2026, 11, 30));
        Assert.Contains($"宛名番号={person}", Assert.Single(identifiers).Detail, StringComparison.Ordinal);

        var csv = await CsvOf(destination => AuditAnalysis.WriteCsvAsync(failed, destination));
        Assert.StartsWith("\uFEFF\"日時\",\"利用者ID\"", csv, StringComparison.Ordinal);
        Assert.Equal(3, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);

        var search = await Analysis.SearchAsync(auditor, new AuditQuery { From = new LocalDate(2026, 11, 27), To = new LocalDate(2026, 11, 27), OperatorId = "clerk01", Function = "認証" });
        Assert.Equal(2, search.Count);
        // Each entry names the operator's 所属 as it was at login, and the chain still verifies.
        var department = (await registry.OperatorAsync("clerk01")).Department;
        Assert.False(string.IsNullOrEmpty(department));
        Assert.All(search, l => Assert.Equal(department, l.Department));
        Assert.True((await registry.Node.Audit.VerifyAsync(registry.Node.Database)).IsIntact);
        // Reading the log is itself in the log.
        var reading = await Analysis.SearchAsync(auditor, new AuditQuery { From = new LocalDate(2026, 11, 30), To = new LocalDate(2026, 11, 30), OperatorId = "auditor01", Function = AuditAnalysis.Function });
        Assert.True(reading.Count >= 5);
    }

    [Fact]
    public async Task A_day_of_many_reads_is_a_mass_search_and_only_the_log_viewer_may_look()
    {
        var clerk = await registry.OperatorAsync("clerk02");
        var analysis = new AuditAnalysis(registry.Node.Database, registry.Node.Audit, Domain.Audit.OffHours.Default) { MassSearchThreshold = 5 };
        for (var i = 0; i < 6; i++)
        {
            await registry.Node.Search.SearchAsync(clerk, new() { NameKana = "ア" });
        }
        var auditor = await registry.OperatorAsync("auditor01");

        var mass = await analysis.ReportAsync(auditor, AuditReport.MassSearches, new LocalDate(2026, 11, 27), new LocalDate(2026, 11, 27));

        Assert.Equal(("clerk02", "2026-11-27", "6件"), (Assert.Single(mass).OperatorId, mass[0].At, mass[0].Outcome));
        await Assert.ThrowsAsync<AccessDeniedException>(() => analysis.ReportAsync(clerk, AuditReport.MassSearches, new LocalDate(2026, 11, 27), new LocalDate(2026, 11, 27)));
    }

    [Fact]
    public async Task The_half_yearly_account_review_lists_every_account_with_its_rights_and_last_login()
    {
        await LoginAsync("approver01");

        var auditor = await registry.OperatorAsync("auditor01");
        var csv = await CsvOf(destination => Analysis.AccountReviewCsvAsync(auditor, destination));

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 7, lines.Length);
        var approver = lines.Single(l => l.StartsWith("\"approver01\"", StringComparison.Ordinal));
        Assert.Contains("審査・決裁", approver, StringComparison.Ordinal);
        Assert.Contains("個人番号", approver, StringComparison.Ordinal);
        Assert.Contains("2026-11-27 10:00:00", approver, StringComparison.Ordinal);
        Assert.Contains("\"なし\"", lines.Single(l => l.StartsWith("\"admin01\"", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    /// <summary>Issue 15 item 17: text a spreadsheet would run as a formula (a 処理事由 or memo typed so) stays text in the CSV.</summary>
    [Fact]
    public async Task A_field_that_starts_like_a_formula_is_written_as_text()
    {
        string[] formulas = ["=HYPERLINK(\"https://example.invalid\",\"開く\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1"];
        var lines = formulas.Select(f => new AuditReportLine("2026-11-27 10:00:00", "clerk01", "T1", "照会", "住民票照会", null, "成功", f)).ToList();

        var csv = await CsvOf(destination => AuditAnalysis.WriteCsvAsync(lines, destination));

        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1..];
        Assert.Equal(formulas.Length, rows.Length);
        foreach (var (formula, row) in formulas.Zip(rows))
        {
            Assert.EndsWith($",\"成功\",\"'{formula.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", row, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_csv_export_of_a_search_holds_every_matching_entry_beyond_the_screen_limit()
    {
        var auditor = await registry.OperatorAsync("auditor01");
        var clerk = await registry.OperatorAsync("clerk01");
        At(27, 10);
        var events = Enumerable.Range(0, AuditQuery.ScreenLimit + 200).Select(i => registry.Node.Audit.Event(clerk, AuditFunctions.View, "住民票照会", detail: $"照会{i}")).ToList();
        await registry.Node.Audit.AppendAloneAsync(registry.Node.Database, events);
        var query = new AuditQuery { From = new LocalDate(2026, 11, 27), To = new LocalDate(2026, 11, 27), OperatorId = "clerk01", Function = AuditFunctions.View };

        Assert.Equal(AuditQuery.ScreenLimit, (await Analysis.SearchAsync(auditor, query)).Count);
        var csv = await CsvOf(destination => Analysis.SearchCsvAsync(auditor, query, destination));

        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1..];
        Assert.Equal(AuditQuery.ScreenLimit + 200, rows.Length);
        Assert.Contains("照会1199", rows[0], StringComparison.Ordinal);
        Assert.Contains("照会0", rows[^1], StringComparison.Ordinal);
        // The export is in the log, with its count.
        var exports = await Analysis.SearchAsync(auditor, query with { OperatorId = "auditor01", Function = AuditAnalysis.Function });
        Assert.Contains(exports, l => l.Detail!.EndsWith("/ 1200件 CSV出力", StringComparison.Ordinal));
    }

    private static async Task<string> CsvOf(Func<Stream, Task> write)
    {
        using var destination = new MemoryStream();
        await write(destination);
        return System.Text.Encoding.UTF8.GetString(destination.ToArray());
    }
}

public sealed class SqliteAuditAnalysisTests() : AuditAnalysisTests(DatabaseProvider.Sqlite);

public sealed class PostgresAuditAnalysisTests() : AuditAnalysisTests(DatabaseProvider.Postgres);
