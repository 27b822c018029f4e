using Jumin.Domain;
using Jumin.Domain.Dates;
using Jumin.Registry.Access;
using Jumin.Registry.Audit;
using Jumin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Jumin.Web.Api;

/// <summary>ログの分析 (j1370) and the 利用者一覧 for the half-yearly review, for users with the ログ閲覧 right.</summary>
internal static class AuditApi
{
    public static void MapAuditApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/audit").RequireAuthorization(OperatorClaims.Policy(Permission.LogView)).WithTags("ログ");

        api.MapGet("/entries", async (string? from, string? to, string? @operator, string? target, string? function, string? format, HttpContext context, AuditAnalysis analysis, AuditTrail audit, [FromServices] JapaneseDateParser dates) =>
        {
            var errors = new List<FieldValidationException>();
            var (start, end) = DateFields.Period(from, to, JapanTime.Today(audit.Clock), dates, errors);
            if (errors.Count > 0)
            {
                return ApiResults.Invalid(errors);
            }
            var query = new AuditQuery { From = start, To = end, OperatorId = @operator, Target = target, Function = function };
            if (string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
            {
                var op = context.User.ToOperator();
                return Results.Stream(destination => analysis.SearchCsvAsync(op, query, destination, context.RequestAborted), "text/csv; charset=utf-8", "audit-log.csv");
            }
            return Results.Ok(await analysis.SearchAsync(context.User.ToOperator(), query, context.RequestAborted));
        }).WithSummary("監査ログの検索（利用者・対象者・機能・期間、j1370）: 新しい順に最大1,000件。format=csv で条件に合うすべての記録を CSV に");

        api.MapGet("/reports/{report}", async (string report, string? from, string? to, string? format, HttpContext context, AuditAnalysis analysis, AuditTrail audit, [FromServices] JapaneseDateParser dates) =>
        {
            var kind = AuditAnalysis.FromSlug(report);
            var errors = new List<FieldValidationException>();
            if (kind is null)
            {
                errors.Add(new("report", "分析", new("value", $"分析「{report}」はありません（{string.Join(", ", Enum.GetValues<AuditReport>().Select(AuditAnalysis.Slug))}）。")));
            }
            var (start, end) = DateFields.Period(from, to, JapanTime.Today(audit.Clock), dates, errors);
            if (errors.Count > 0)
            {
                return ApiResults.Invalid(errors);
            }
            var lines = await analysis.ReportAsync(context.User.ToOperator(), kind!.Value, start, end, context.RequestAborted);
            return Respond(lines, format, report);
        }).WithSummary("ログの分析（j1370: off-hours, failed-logins, logins-per-user, mass-searches, identifier-searches）。format=csv で CSV");

        api.MapGet("/account-review", async (HttpContext context, AuditAnalysis analysis) =>
            Results.Stream(destination => analysis.AccountReviewCsvAsync(context.User.ToOperator(), destination, context.RequestAborted), "text/csv; charset=utf-8", "account-review.csv"))
            .WithSummary("利用者一覧（半期ごとの点検用 CSV）");
    }

    private static IResult Respond(IReadOnlyList<AuditReportLine> lines, string? format, string name) =>
        string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            ? Results.Stream(destination => AuditAnalysis.WriteCsvAsync(lines, destination), "text/csv; charset=utf-8", $"{name}.csv")
            : Results.Ok(lines);

}
