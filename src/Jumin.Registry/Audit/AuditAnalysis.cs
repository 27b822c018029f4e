using System.Globalization;
using Jumin.Domain.Audit;
using Jumin.Domain.Dates;
using Jumin.Registry.Access;
using Jumin.Registry.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Jumin.Registry.Audit;

/// <summary>The analyses j1370 names (ログの分析), each also as a CSV file.</summary>
public enum AuditReport
{
    /// <summary>深夜・休業日におけるアクセス一覧.</summary>
    OffHours = 1,

    /// <summary>ログイン失敗一覧.</summary>
    FailedLogins,

    /// <summary>ID別ログイン数一覧.</summary>
    LoginsPerUser,

    /// <summary>大量検索実行一覧 — users who searched or viewed more than a threshold in a day.</summary>
    MassSearches,

    /// <summary>宛名番号等から該当者の検索実行一覧 — searches by an identifier.</summary>
    IdentifierSearches,
}

/// <summary>A search over the audit log (j1370: オンラインでの検索・抽出・照会).</summary>
public sealed record AuditQuery
{
    public string? OperatorId { get; init; }

    /// <summary>対象者の宛名番号.</summary>
    public string? Target { get; init; }

    /// <summary>機能名 (part of it), e.g. 照会, 証明書発行, 認証.</summary>
    public string? Function { get; init; }

    public required LocalDate From { get; init; }

    public required LocalDate To { get; init; }

    /// <summary>How many entries a screen shows at most; the CSV export has no limit.</summary>
    public const int ScreenLimit = 1000;

    public int Limit { get; init; } = ScreenLimit;
}

/// <summary>One line of a report: when, who, from where, what, whom, outcome, detail — or a count.</summary>
public sealed record AuditReportLine(string At, string OperatorId, string Terminal, string Function, string Screen, string? Target, string Outcome, string? Detail, string? Department = null);

/// <summary>
/// ログの分析 (j1370) and the half-yearly 利用者一覧 for the account review (seed 004 R-USE-08), for users
/// with the ログ閲覧 right. Reading the log is itself logged.
/// </summary>
public sealed class AuditAnalysis(RegistryDatabase database, AuditTrail audit, OffHours offHours)
{
    public const string Function = "ログ閲覧";

    /// <summary>How many searches and views in one day make a 大量検索.</summary>
    public int MassSearchThreshold { get; init; } = 200;

    public static string Japanese(AuditReport report) => report switch
    {
        AuditReport.OffHours => "深夜・休業日におけるアクセス一覧",
        AuditReport.FailedLogins => "ログイン失敗一覧",
        AuditReport.LoginsPerUser => "ID別ログイン数一覧",
        AuditReport.MassSearches => "大量検索実行一覧",
        AuditReport.IdentifierSearches => "宛名番号等から該当者の検索実行一覧",
        _ => report.ToString(),
    };

    public static string Slug(AuditReport report) => report switch
    {
        AuditReport.OffHours => "off-hours",
        AuditReport.FailedLogins => "failed-logins",
        AuditReport.LoginsPerUser => "logins-per-user",
        AuditReport.MassSearches => "mass-searches",
        AuditReport.IdentifierSearches => "identifier-searches",
        _ => report.ToString(),
    };

    public static AuditReport? FromSlug(string? slug) => Enum.GetValues<AuditReport>().Cast<AuditReport?>().FirstOrDefault(r => Slug(r!.Value) == slug);

    /// <summary>The entries matching the query, newest first, at most <see cref="AuditQuery.Limit"/> (for a screen).</summary>
    public async Task<IReadOnlyList<AuditReportLine>> SearchAsync(Operator op, AuditQuery query, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.LogView, "監査ログ検索", cancellationToken);
        await using var db = database.Open();
        var found = await Matching(db, query).OrderByDescending(a => a.Sequence).Take(query.Limit).ToListAsync(cancellationToken);
        await LogReadingAsync(db, op, $"{Describe(query)} / {found.Count}件", query.Target, cancellationToken);
        return [.. found.Select(Line)];
    }

    /// <summary>
    /// Every entry matching the query, newest first, as CSV to <paramref name="destination"/>: no limit, read and written
    /// row by row, so an auditor's export of a year holds every entry. The export is logged with its count.
    /// </summary>
    public async Task SearchCsvAsync(Operator op, AuditQuery query, Stream destination, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.LogView, "監査ログ検索", cancellationToken);
        var count = 0;
        await using (var db = database.Open())
        {
            await WriteCsvAsync(Counted(Matching(db, query).OrderByDescending(a => a.Sequence).AsAsyncEnumerable()), destination, cancellationToken);
        }
        await using (var db = database.Open())
        {
            await LogReadingAsync(db, op, $"{Describe(query)} / {count}件 CSV出力", query.Target, cancellationToken);
        }

        async IAsyncEnumerable<AuditReportLine> Counted(IAsyncEnumerable<AuditLogRow> rows)
        {
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                count++;
                yield return Line(row);
            }
        }
    }

    private static string Describe(AuditQuery query) =>
        $"監査ログ検索 {query.From:uuuu-MM-dd}～{query.To:uuuu-MM-dd} 利用者={query.OperatorId} 対象者={query.Target} 機能={query.Function}";

    private static IQueryable<AuditLogRow> Matching(RegistryDbContext db, AuditQuery query)
    {
        var (start, end) = Range(query.From, query.To);
        var rows = db.AuditLog.AsNoTracking().Where(a => a.At >= start && a.At < end);
        if (!string.IsNullOrWhiteSpace(query.OperatorId))
        {
            rows = rows.Where(a => a.OperatorId == query.OperatorId.Trim());
        }
        if (!string.IsNullOrWhiteSpace(query.Target))
        {
            rows = rows.Where(a => a.TargetAtenaNumber == query.Target.Trim());
        }
        if (!string.IsNullOrWhiteSpace(query.Function))
        {
            var function = query.Function.Trim();
            rows = rows.Where(a => a.Function.Contains(function));
        }
        return rows;
    }

    /// <summary>One of the j1370 analyses over a period (Japan dates, both included).</summary>
    public async Task<IReadOnlyList<AuditReportLine>> ReportAsync(Operator op, AuditReport report, LocalDate from, LocalDate to, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.LogView, Japanese(report), cancellationToken);
        await using var db = database.Open();
        var (start, end) = Range(from, to);
        var inPeriod = db.AuditLog.AsNoTracking().Where(a => a.At >= start && a.At < end);
        List<AuditReportLine> lines;
        switch (report)
        {
            case AuditReport.OffHours:
                lines = [];
                // Day by day, so that only the night hours of working days are read, never the whole period.
                for (var day = from; day <= to; day = day.PlusDays(1))
                {
                    var dayStart = day.AtStartOfDayInZone(JapanTime.Zone).ToInstant().ToDateTimeUtc();
                    var dayEnd = day.PlusDays(1).AtStartOfDayInZone(JapanTime.Zone).ToInstant().ToDateTimeUtc();
                    IQueryable<AuditLogRow> slice;
                    if (OffHours.IsClosedDay(day))
                    {
                        slice = inPeriod.Where(a => a.At >= dayStart && a.At < dayEnd);
                    }
                    else
                    {
                        var morning = day.At(offHours.NightEnds).InZoneLeniently(JapanTime.Zone).ToInstant().ToDateTimeUtc();
                        var night = day.At(offHours.NightStarts).InZoneLeniently(JapanTime.Zone).ToInstant().ToDateTimeUtc();
                        slice = inPeriod.Where(a => (a.At >= dayStart && a.At < morning) || (a.At >= night && a.At < dayEnd));
                    }
                    lines.AddRange((await slice.OrderBy(a => a.Sequence).ToListAsync(cancellationToken)).Select(Line));
                }
                break;
            case AuditReport.FailedLogins:
                lines = [.. (await inPeriod.Where(a => a.Function == AuditFunctions.Login && a.Outcome == (int)AuditOutcome.Refused).OrderBy(a => a.Sequence).ToListAsync(cancellationToken)).Select(Line)];
                break;
            case AuditReport.LoginsPerUser:
                var logins = await inPeriod.Where(a => a.Function == AuditFunctions.Login)
                    .GroupBy(a => a.OperatorId)
                    .Select(g => new { OperatorId = g.Key, Succeeded = g.Count(a => a.Outcome == (int)AuditOutcome.Succeeded), Failed = g.Count(a => a.Outcome != (int)AuditOutcome.Succeeded), Last = g.Max(a => a.At) })
                    .ToListAsync(cancellationToken);
                lines = [.. logins.OrderBy(l => l.OperatorId, StringComparer.Ordinal).Select(l => new AuditReportLine(Timestamp(l.Last), l.OperatorId, "", AuditFunctions.Login, "", null, $"成功{l.Succeeded}回・失敗{l.Failed}回", $"最終 {Timestamp(l.Last)}"))];
                break;
            case AuditReport.MassSearches:
                var reads = await inPeriod.Where(a => a.Function == AuditFunctions.Search || a.Function == AuditFunctions.View)
                    .Select(a => new { a.OperatorId, a.At }).ToListAsync(cancellationToken);
                lines = [.. reads.GroupBy(r => (r.OperatorId, Day: Instant.FromDateTimeUtc(DateTime.SpecifyKind(r.At, DateTimeKind.Utc)).InZone(JapanTime.Zone).Date))
                    .Where(g => g.Count() > MassSearchThreshold)
                    .OrderBy(g => g.Key.Day).ThenBy(g => g.Key.OperatorId, StringComparer.Ordinal)
                    .Select(g => new AuditReportLine(g.Key.Day.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture), g.Key.OperatorId, "", "照会・検索", "", null, $"{g.Count()}件", $"1日{MassSearchThreshold}件超"))];
                break;
            case AuditReport.IdentifierSearches:
                lines = [.. (await inPeriod.Where(a => a.Function == AuditFunctions.Search && a.Detail != null
                        && (a.Detail.Contains("宛名番号=") || a.Detail.Contains("世帯番号=") || a.Detail.Contains("住民票コード=") || a.Detail.Contains("個人番号=") || a.Detail.Contains("在留カード等番号=")))
                    .OrderBy(a => a.Sequence).ToListAsync(cancellationToken)).Select(Line)];
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(report));
        }
        await LogReadingAsync(db, op, $"{Japanese(report)} {from:uuuu-MM-dd}～{to:uuuu-MM-dd} / {lines.Count}件", null, cancellationToken);
        return lines;
    }

    /// <summary>利用者一覧 for the half-yearly review (seed 004 R-USE-08): every account with its rights, as CSV to <paramref name="destination"/>.</summary>
    public async Task AccountReviewCsvAsync(Operator op, Stream destination, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.LogView, "利用者一覧（半期点検）", cancellationToken);
        await using var db = database.Open();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.UserId).ToListAsync(cancellationToken);
        var lastLogins = await db.AuditLog.AsNoTracking().Where(a => a.Function == AuditFunctions.Login && a.Outcome == (int)AuditOutcome.Succeeded)
            .GroupBy(a => a.OperatorId).Select(g => new { g.Key, Last = g.Max(a => a.At) }).ToDictionaryAsync(x => x.Key, x => x.Last, cancellationToken);
        await LogReadingAsync(db, op, $"利用者一覧（半期点検） {users.Count}件 出力", null, cancellationToken);
        await using var csv = CsvText.Create(destination);
        await csv.WriteRecordAsync(["利用者ID", "氏名", "所属", "役割", "操作権限", "表示項目の権限", "作成日時", "最終ログイン", "ロック"], cancellationToken);
        foreach (var u in users)
        {
            await csv.WriteRecordAsync([
                u.UserId,
                u.DisplayName,
                u.Department,
                string.Join("・", u.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Roles.Japanese)),
                string.Join("・", Permissions.Parse<Permission>(u.Permissions).Order().Select(p => p.Japanese())),
                string.Join("・", Permissions.Parse<VisibleItem>(u.VisibleItems).Order().Select(i => i.Japanese())),
                Timestamp(u.CreatedAt),
                lastLogins.TryGetValue(u.UserId, out var last) ? Timestamp(last) : "なし",
                u.LockedUntil is { } until && until > audit.Clock.GetCurrentInstant().ToDateTimeUtc() ? "ロック中" : "",
            ], cancellationToken);
        }
    }

    /// <summary>Report or search lines as CSV (<see cref="CsvText"/>) to <paramref name="destination"/>.</summary>
    public static Task WriteCsvAsync(IEnumerable<AuditReportLine> lines, Stream destination, CancellationToken cancellationToken = default) =>
        WriteCsvAsync(lines.ToAsyncEnumerable(), destination, cancellationToken);

    private static async Task WriteCsvAsync(IAsyncEnumerable<AuditReportLine> lines, Stream destination, CancellationToken cancellationToken)
    {
        await using var csv = CsvText.Create(destination);
        await csv.WriteRecordAsync(["日時", "利用者ID", "所属", "端末", "機能", "画面", "対象者（宛名番号）", "結果", "内容"], cancellationToken);
        await foreach (var l in lines.WithCancellation(cancellationToken))
        {
            await csv.WriteRecordAsync([l.At, l.OperatorId, l.Department ?? "", l.Terminal, l.Function, l.Screen, l.Target ?? "", l.Outcome, l.Detail ?? ""], cancellationToken);
        }
    }

    private static AuditReportLine Line(AuditLogRow a) => new(
        Timestamp(a.At), a.OperatorId, a.Terminal, a.Function, a.Screen, a.TargetAtenaNumber,
        ((AuditOutcome)a.Outcome) switch { AuditOutcome.Succeeded => "成功", AuditOutcome.Refused => "拒否", _ => ((AuditOutcome)a.Outcome).ToString() },
        a.Detail,
        a.OperatorDepartment);

    private static string Timestamp(DateTime utc) =>
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(JapanTime.Zone).ToString("uuuu-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static (DateTime Start, DateTime End) Range(LocalDate from, LocalDate to) =>
        (from.AtStartOfDayInZone(JapanTime.Zone).ToInstant().ToDateTimeUtc(), to.PlusDays(1).AtStartOfDayInZone(JapanTime.Zone).ToInstant().ToDateTimeUtc());

    private async Task LogReadingAsync(RegistryDbContext db, Operator op, string detail, string? target, CancellationToken cancellationToken)
    {
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await audit.AppendAsync(db, [audit.Event(op, Function, "ログ分析", target, detail: detail)], cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }
}
