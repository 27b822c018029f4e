using Jumin.Web.Contracts;
using Jumin.Domain;
using Jumin.Domain.Changes;
using Jumin.Registry.Access;
using Jumin.Registry.Changes;
using Jumin.Registry.Persistence;
using Jumin.Registry.Residents;
using Jumin.Web.Infrastructure;

namespace Jumin.Web.Api;

/// <summary>
/// 異動 (j460–j990) and 審査・決裁 (j530) over <c>/api/v1/changes</c>: one path per kind for 仮登録
/// and 入力確認, then the approval queue, 本登録 (one or 一括), 取下げ, and the j1440 catalogue.
/// </summary>
internal static class ChangeApi
{
    public static void MapChangeApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization();

        foreach (var kind in ChangeKinds.All)
        {
            api.MapPost($"/changes/{kind.Slug()}", (ChangeRequestDto dto, HttpContext context, ChangeService changes, ChangeRequestBinding binding, ResidentPresentation presentation) =>
                EnterAsync(kind, dto, context, changes, binding, presentation))
                .WithSummary($"{kind.JapaneseName()}の仮登録（{kind.Functions()}）").WithTags("異動").RequireAuthorization(OperatorClaims.Policy(Permission.ChangeEntry));
            api.MapPost($"/changes/{kind.Slug()}/preview", async (ChangeRequestDto dto, HttpContext context, ChangeService changes, ChangeRequestBinding binding, ResidentPresentation presentation) =>
            {
                var errors = new List<FieldValidationException>();
                var request = binding.Bind(kind, dto, changes.Today(), errors);
                if (request is null)
                {
                    return ApiResults.Invalid(errors);
                }
                var op = context.User.ToOperator();
                var plan = await changes.PreviewAsync(op, request, context.RequestAborted);
                return Results.Ok(new PreviewDto(kind.Slug(), [.. plan.Findings.Select(ChangeDtoMapping.Finding)], ChangeDtoMapping.Rows(presentation, plan, op.VisibleItems), ChangeDtoMapping.Notices(plan)));
            }).WithSummary($"{kind.JapaneseName()}の入力確認（j540、登録しない）").WithTags("異動").RequireAuthorization(OperatorClaims.Policy(Permission.ChangeEntry));
        }

        api.MapGet("/changes", async (string? status, string? place, HttpContext context, ChangeService changes) =>
        {
            var wanted = status?.ToLowerInvariant() switch
            {
                null or "" or "provisional" => ChangeStatus.Provisional,
                "registered" => ChangeStatus.Registered,
                "withdrawn" => ChangeStatus.Withdrawn,
                _ => (ChangeStatus?)null,
            };
            if (wanted is null)
            {
                return ApiResults.Invalid("status", "状態", new("value", "状態は provisional（仮登録）・registered（本登録）・withdrawn（取下げ）のいずれかです。"));
            }
            var rows = await changes.ListAsync(context.User.ToOperator(), wanted.Value, place, cancellationToken: context.RequestAborted);
            return Results.Ok(rows.Select(r => new
            {
                r.Id,
                Kind = ((ChangeKind)r.Kind).Slug(),
                KindName = ((ChangeKind)r.Kind).JapaneseName(),
                Status = ChangeDtoMapping.StatusName(r.Status),
                r.Summary,
                r.EnteredBy,
                EnteredAt = ChangeDtoMapping.Timestamp(r.EnteredAt),
                r.EnteredPlace,
                r.DecidedBy,
            }));
        }).WithSummary("仮登録一覧・本登録一覧（j530）").WithTags("審査・決裁").RequireAuthorization(OperatorClaims.Policy(Permission.Inquiry));

        api.MapGet("/changes/{id:long}", async (long id, HttpContext context, ChangeService changes, ResidentPresentation presentation) =>
        {
            var op = context.User.ToOperator();
            var entry = await changes.GetAsync(op, id, context.RequestAborted);
            return entry is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"異動番号{id}の異動はありません。")
                : Results.Ok(ChangeDtoMapping.Change(presentation, entry, op.VisibleItems));
        }).WithSummary("異動の内容（入力確認 j540: 変更前・変更後）").WithTags("審査・決裁").RequireAuthorization(OperatorClaims.Policy(Permission.Inquiry));

        api.MapPost("/changes/{id:long}/registration", async (long id, HttpContext context, ChangeService changes, ResidentPresentation presentation) =>
            {
                var op = context.User.ToOperator();
                return Results.Ok(ChangeDtoMapping.Change(presentation, await changes.RegisterAsync(op, id, context.RequestAborted), op.VisibleItems));
            }).WithSummary("本登録（審査・決裁 j530）").WithTags("審査・決裁").RequireAuthorization(OperatorClaims.Policy(Permission.Approval));

        api.MapPost("/changes/registrations", async (BulkRegistrationRequest request, HttpContext context, ChangeService changes) =>
            {
                var results = await changes.RegisterManyAsync(context.User.ToOperator(), request.Ids, cancellationToken: context.RequestAborted);
                return Results.Ok(results.Select(r => new BulkRegistrationResultDto(r.Id, r.Refusal is null, r.Refusal)));
            }).WithSummary("一括本登録（上限あり、j530）").WithTags("審査・決裁").RequireAuthorization(OperatorClaims.Policy(Permission.Approval));

        api.MapPost("/changes/{id:long}/withdrawal", async (long id, HttpContext context, ChangeService changes) =>
            {
                await changes.WithdrawAsync(context.User.ToOperator(), id, context.RequestAborted);
                return Results.NoContent();
            }).WithSummary("仮登録の取下げ").WithTags("審査・決裁").RequireAuthorization(OperatorClaims.WithdrawPolicy);

        api.MapGet("/move-in-notices/missing", async (int? days, HttpContext context, ChangeService changes, ResidentPresentation presentation) =>
        {
            var rows = await changes.MissingMoveInNoticesAsync(context.User.ToOperator(), changes.Today(), days ?? 14, context.RequestAborted);
            return Results.Ok(rows.Select(r => new
            {
                Person = presentation.Summary(r),
                PlannedMoveOutDate = presentation.Date(r.PlannedMoveOutDate),
                r.PlannedDestination,
            }));
        }).WithSummary("転入通知未着者一覧（j710）").WithTags("異動").RequireAuthorization(OperatorClaims.Policy(Permission.Inquiry));

        api.MapGet("/change-findings", () => Results.Ok(FindingCatalogue.All.Select(r => new { r.Code, Severity = r.Severity == FindingSeverity.Error ? "error" : "alert", r.Title, r.Function })))
            .WithSummary("エラー・アラート項目一覧（j1440）").WithTags("異動");
    }

    private static async Task<IResult> EnterAsync(ChangeKind kind, ChangeRequestDto dto, HttpContext context, ChangeService changes, ChangeRequestBinding binding, ResidentPresentation presentation)
    {
        var errors = new List<FieldValidationException>();
        var request = binding.Bind(kind, dto, changes.Today(), errors);
        if (request is null)
        {
            return ApiResults.Invalid(errors);
        }
        var op = context.User.ToOperator();
        var entry = await changes.EnterAsync(op, request, dto.AcknowledgedAlerts ?? [], context.RequestAborted);
        return Results.Created($"/api/v1/changes/{entry.Id}", ChangeDtoMapping.Change(presentation, entry, op.VisibleItems));
    }
}
