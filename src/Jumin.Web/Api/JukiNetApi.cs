using Jumin.Domain.Identifiers;
using Jumin.Registry.Accounts;
using Jumin.Registry.JukiNet;
using Jumin.Web.Infrastructure;

namespace Jumin.Web.Api;

public sealed record DepartureCertificateRequestDto(string? ResidentCode);

public sealed record ResidentCodeAssignmentDto(string? AtenaNumber, bool Change);

/// <summary>住基ネット under <c>/api/v1/jukinet</c>: link status, 特例転入, 転入通知の受理, 整合性確認.</summary>
internal static class JukiNetApi
{
    public static void MapJukiNetApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/jukinet").RequireAuthorization().WithTags("住基ネット");

        api.MapGet("/status", async (JukiNetConnection jukinet, HttpContext context) =>
            jukinet.Link is { } link ? Results.Ok(await link.StatusAsync(context.RequestAborted)) : NotConnected(jukinet))
            .WithSummary("市町村CSへの送信状況（送信待ち・送信済み・論理チェックのエラー）").RequireAuthorization(OperatorClaims.JukiNetPolicy);

        api.MapPost("/departure-certificates", async (DepartureCertificateRequestDto request, JukiNetConnection jukinet, HttpContext context) =>
        {
            if (!ResidentCode.TryParse(request.ResidentCode, out var code, out var error))
            {
                return ApiResults.Invalid("residentCode", ResidentCode.Label, error);
            }
            if (jukinet.Moves is not { } moves)
            {
                return NotConnected(jukinet);
            }
            var op = context.User.ToOperator();
            try
            {
                var certificate = await moves.FetchDepartureCertificateAsync(op, code, context.RequestAborted);
                return Results.Ok(op.CanViewIndividualNumber ? certificate : certificate with { IndividualNumber = null });
            }
            catch (JukiNetRequestException e)
            {
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "転出証明書情報を取得できません", detail: e.Message);
            }
        }).WithSummary("特例転入: 転出証明書情報の取得（j670。一度だけ取得できる）").RequireAuthorization(OperatorClaims.Policy(Permission.ChangeEntry));

        api.MapPost("/move-in-notices", async (JukiNetConnection jukinet, HttpContext context) =>
        {
            if (jukinet.Moves is not { } moves)
            {
                return NotConnected(jukinet);
            }
            try
            {
                return Results.Ok(await moves.TakeInMoveInNoticesAsync(context.User.ToOperator(), context.RequestAborted));
            }
            catch (JukiNetRequestException e)
            {
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "転入通知を取り込めません", detail: e.Message);
            }
        }).WithSummary("転入通知の受理（j700）: 市町村CSに届いた転入通知を仮登録にする").RequireAuthorization(OperatorClaims.Policy(Permission.ChangeEntry));

        api.MapPost("/resident-codes", async (ResidentCodeAssignmentDto request, JukiNetConnection jukinet, HttpContext context) =>
        {
            if (!AtenaNumber.TryParse(request.AtenaNumber, out var atena, out var error))
            {
                return ApiResults.Invalid("atenaNumber", AtenaNumber.Label, error);
            }
            if (jukinet.ResidentCodes is not { } codes)
            {
                return NotConnected(jukinet);
            }
            try
            {
                var assigned = await codes.AssignAsync(context.User.ToOperator(), atena, request.Change, context.RequestAborted);
                return Results.Created($"/api/v1/changes/{assigned.ChangeId}", new { assigned.ChangeId, assigned.Remaining, assigned.LowStockAlert });
            }
            catch (JukiNetRequestException e)
            {
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "住民票コードを付番できません", detail: e.Message);
            }
            catch (Registry.Changes.ChangeRejectedException e)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "住民票コードを付番できません", detail: string.Join(" ", e.Findings.Select(f => f.Message)));
            }
        }).WithSummary("住民票コードの付番・変更（j870, j880）: 市町村CSの空き番から無作為に選び、仮登録する。空きが少なければ警告する").RequireAuthorization(OperatorClaims.Policy(Permission.ChangeEntry));

        api.MapPost("/consistency", async (JukiNetConnection jukinet, HttpContext context) =>
        {
            if (jukinet.Consistency is not { } consistency)
            {
                return NotConnected(jukinet);
            }
            try
            {
                return Results.Ok(await consistency.RunAsync(context.User.ToOperator(), context.RequestAborted));
            }
            catch (JukiNetRequestException e)
            {
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "整合性確認を実行できません", detail: e.Message);
            }
        }).WithSummary("整合性確認（j1100）: 既存住基 ↔ 市町村CS ↔ 都道府県 ↔ 全国").RequireAuthorization(OperatorClaims.Policy(Permission.Batch));
    }

    private static IResult NotConnected(JukiNetConnection jukinet) =>
        Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "住基ネットに接続していません",
            detail: jukinet.Mode == "off" ? "Jumin:JukiNet:Mode が off です。" : "接続の準備中です。しばらくしてからもう一度行ってください。");
}
