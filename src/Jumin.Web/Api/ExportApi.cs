using Jumin.Domain;
using Jumin.Registry.Access;
using Jumin.Registry.Exports;
using Jumin.Web.Infrastructure;

namespace Jumin.Web.Api;

public sealed record BulkExportRequestDto(string? Purpose, string? Medium, string? AddressPrefix, string[]? Items);

public sealed record BulkExportDecisionDto(string? Note);

/// <summary>データ抽出 with the responsible manager's prior approval (seed 001 M-17) under <c>/api/v1/exports</c>.</summary>
internal static class ExportApi
{
    public static void MapExportApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/exports").RequireAuthorization().WithTags("データ抽出");

        api.MapPost("", async (BulkExportRequestDto request, HttpContext context, BulkExportService exports) =>
        {
            var errors = new List<FieldValidationException>();
            var items = EnumFields.ParseAll<ExportItem>(request.Items ?? [], "items", "出力項目", errors) ?? [];
            if (errors.Count > 0)
            {
                return ApiResults.Invalid(errors);
            }
            var id = await exports.RequestAsync(context.User.ToOperator(), new(request.Purpose ?? "", request.Medium ?? "", request.AddressPrefix ?? "", items), context.RequestAborted);
            return Results.Created($"/api/v1/exports/{id}", new { Id = id });
        }).WithSummary("データ抽出の申請（利用目的・出力先・住所・項目。個人番号は出力できない）").RequireAuthorization(OperatorClaims.Policy(Permission.Euc));

        api.MapGet("", async (HttpContext context, BulkExportService exports) =>
            Results.Ok((await exports.ListAsync(context.User.ToOperator(), context.RequestAborted)).Select(e => new
            {
                e.Id,
                e.RequestedBy,
                RequestedAt = e.RequestedAt.ToString(),
                e.Purpose,
                e.Medium,
                e.AddressPrefix,
                Items = e.Items.Select(i => i.ToString()),
                Status = e.Status.ToString(),
                e.DecidedBy,
                DecidedAt = e.DecidedAt?.ToString(),
                e.DecisionNote,
                ExecutedAt = e.ExecutedAt?.ToString(),
                e.RowCount,
                e.ExcludedCount,
                e.FileSha256,
            })))
            .WithSummary("データ抽出の申請一覧（申請者は自分の分、管理責任者は全件）")
            .RequireAuthorization(OperatorClaims.ExportListPolicy);

        api.MapPost("/{id:long}/approval", async (long id, BulkExportDecisionDto request, HttpContext context, BulkExportService exports) =>
            {
                await exports.DecideAsync(context.User.ToOperator(), id, approve: true, request.Note, context.RequestAborted);
                return Results.NoContent();
            }).WithSummary("データ抽出の事前承認（管理責任者。自分の申請は不可）").RequireAuthorization(OperatorClaims.Policy(Permission.BulkExportApproval));

        api.MapPost("/{id:long}/rejection", async (long id, BulkExportDecisionDto request, HttpContext context, BulkExportService exports) =>
            {
                await exports.DecideAsync(context.User.ToOperator(), id, approve: false, request.Note, context.RequestAborted);
                return Results.NoContent();
            }).WithSummary("データ抽出の却下（理由が必要）").RequireAuthorization(OperatorClaims.Policy(Permission.BulkExportApproval));

        api.MapPost("/{id:long}/file", async (long id, HttpContext context, BulkExportService exports) =>
            {
                var file = await exports.RunAsync(context.User.ToOperator(), id, context.RequestAborted);
                context.Response.Headers["X-Export-Rows"] = file.Rows.ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.Response.Headers["X-Export-Excluded"] = file.Excluded.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.File(file.Content, "text/csv; charset=utf-8", file.FileName);
            }).WithSummary("承認済みのデータ抽出を出力（申請者本人、承認の当日に一度だけ。件数とSHA-256を記録）").RequireAuthorization(OperatorClaims.Policy(Permission.Euc));
    }
}
