using Jumin.Web.Contracts;
using Jumin.Domain;
using Jumin.Domain.Identifiers;
using Jumin.Registry.Access;
using Jumin.Registry.Accounts;
using Jumin.Registry.Residents;
using Jumin.Registry;
using Jumin.Registry.Audit;
using Jumin.Domain.Protection;
using Jumin.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;

namespace Jumin.Web.Api;

/// <summary>The REST API of the registry node, <c>/api/v1</c> (OpenAPI at <c>/openapi/v1.json</c>).</summary>
internal static class RegistryApi
{
    public static void MapRegistryApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1");

        api.MapPost("/session", async (LoginRequest request, AccountService accounts, HttpContext context) =>
        {
            var (outcome, op) = await accounts.LoginAsync(new LoginAttempt(request.UserId ?? "", request.Password ?? "", request.Code, ClientAddress.Of(context)), context.RequestAborted);
            if (op is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: LoginRefusals.Text(outcome));
            }
            await context.SignInAsync(OperatorClaims.Scheme, OperatorClaims.ToPrincipal(op));
            return Results.Ok(new SessionDto(op.UserId, op.DisplayName, [.. op.Roles], op.CanViewIndividualNumber, [.. op.Permissions.Select(p => p.ToString())], [.. op.VisibleItems.Select(i => i.ToString())]));
        }).WithSummary("ログイン（セッション開始）: 利用者ID・パスワード・確認コード（二要素認証）、登録端末からのみ").AllowAnonymous();

        api.MapPost("/session/lock", async (HttpContext context, AuditTrail audit, RegistryNode node) =>
        {
            await context.SignInAsync(OperatorClaims.Scheme, OperatorClaims.Locked(context.User));
            await audit.AppendAloneAsync(node.Database, [audit.Event(context.User.ToOperator(), AuditFunctions.Login, "画面ロック", detail: "無操作のため画面ロック")], context.RequestAborted);
            return Results.NoContent();
        }).WithSummary("画面ロック（無操作時。解除にはパスワードが必要）").RequireAuthorization();

        api.MapPut("/session/reason", async (ProcessingReasonRequest request, HttpContext context) =>
        {
            var reason = Domain.Audit.ProcessingReason.Create(
                Enum.TryParse<Domain.Audit.ProcessingReasonKind>(request.Reason, out var kind) && !int.TryParse(request.Reason, out _) ? kind : 0, request.ReasonNote);
            await context.SignInAsync(OperatorClaims.Scheme, OperatorClaims.ToPrincipal(context.User.ToOperator() with { Reason = reason }));
            return Results.Ok(new { Reason = reason.Text });
        }).WithSummary("処理事由の選択（以後の検索・照会のログに記録。選ぶまで検索・照会はできない）").RequireAuthorization();

        api.MapDelete("/session", async (HttpContext context, AuditTrail audit, Registry.RegistryNode node) =>
        {
            await audit.AppendAloneAsync(node.Database, [audit.Event(context.User.ToOperator(), AuditFunctions.Logout, "ログアウト（API）")], context.RequestAborted);
            await context.SignOutAsync(OperatorClaims.Scheme);
            return Results.NoContent();
        }).WithSummary("ログアウト").RequireAuthorization();

        api.MapGet("/residents", async (HttpContext context, ResidentSearch search, ResidentPresentation presentation) =>
        {
            var errors = new List<FieldValidationException>();
            var criteria = SearchCriteriaBinding.FromQuery(context.Request.Query, errors);
            if (errors.Count > 0)
            {
                return ApiResults.Invalid(errors);
            }
            var result = await search.SearchAsync(context.User.ToOperator(), criteria, screen: "API 住民検索", cancellationToken: context.RequestAborted);
            return Results.Ok(new SearchResultDto([.. result.Hits.Select(h => presentation.Summary(h.Current) with { MatchedOn = h.MatchedOn })], result.Truncated));
        }).WithSummary("住民検索（j320–j340）").RequireAuthorization(OperatorClaims.Policy(Permission.Inquiry));

        api.MapGet("/residents/{atenaNumber}", async (string atenaNumber, HttpContext context, ResidentQuery query, ResidentPresentation presentation) =>
        {
            if (!AtenaNumber.TryParse(atenaNumber, out var atena, out var error))
            {
                return ApiResults.Invalid("atenaNumber", "宛名番号", error);
            }
            var op = context.User.ToOperator();
            ResidentDossier? dossier;
            dossier = await query.GetAsync(op, atena, "API 住民票照会", context.RequestAborted);
            if (dossier is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"宛名番号{atena}の住民は登録されていません。");
            }
            return Results.Ok(new ResidentDossierDto(
                presentation.Record(dossier.Current, op.VisibleItems),
                [.. dossier.Household.Select(presentation.Summary)],
                [.. dossier.History.Select(h => presentation.Record(h, op.VisibleItems))],
                dossier.ProtectedState is { } state ? SupportMeasure.Japanese(state) : null,
                [.. dossier.Protected.Keys.Select(a => a.Value)],
                dossier.RestrictionAlerts));
        }).WithSummary("住民票照会（世帯・異動履歴 j350 を含む）").RequireAuthorization(OperatorClaims.Policy(Permission.Inquiry));

        api.MapGet("/search-history", async (HttpContext context, ResidentSearch search) =>
            Results.Ok((await search.HistoryAsync(context.User.ToOperator(), cancellationToken: context.RequestAborted)).Select(ResidentDtoMapping.History)))
            .WithSummary("検索履歴（j320）").RequireAuthorization(OperatorClaims.Policy(Permission.Inquiry));
    }
}
