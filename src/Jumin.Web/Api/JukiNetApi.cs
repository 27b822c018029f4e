using Jumin.Domain;
using Jumin.Domain.Identifiers;
using Jumin.Domain.JukiNet;
using Jumin.Registry.Access;
using Jumin.Web.Contracts;
using Jumin.Web.Infrastructure;

namespace Jumin.Web.Api;

public sealed record DepartureCertificateRequestDto(string? ResidentCode);

public sealed record ResidentCodeAssignmentDto(string? AtenaNumber, bool Change);

public sealed record CardOperationDto(string? Operation, string? Reason);

public sealed record CardDestinationDto(string? AtenaNumber, string? DeliveryName, string? DeliveryAddress);

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
            var certificate = await moves.FetchDepartureCertificateAsync(op, code, context.RequestAborted);
            return Results.Ok(DepartureCertificateDto.For(certificate, op.VisibleItems));
        }).WithRefusalTitle("転出証明書情報を取得できません").WithSummary("特例転入: 転出証明書情報の取得（j670。一度だけ取得できる）").RequireAuthorization(OperatorClaims.Policy(Permission.ChangeEntry));

        api.MapPost("/move-in-notices", async (JukiNetConnection jukinet, HttpContext context) =>
        {
            if (jukinet.Moves is not { } moves)
            {
                return NotConnected(jukinet);
            }
            return Results.Ok(await moves.TakeInMoveInNoticesAsync(context.User.ToOperator(), context.RequestAborted));
        }).WithRefusalTitle("転入通知を取り込めません").WithSummary("転入通知の受理（j700）: 市町村CSに届いた転入通知を仮登録にする").RequireAuthorization(OperatorClaims.Policy(Permission.ChangeEntry));

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
            var assigned = await codes.AssignAsync(context.User.ToOperator(), atena, request.Change, context.RequestAborted);
            return Results.Created($"/api/v1/changes/{assigned.ChangeId}", new { assigned.ChangeId, assigned.Remaining, assigned.LowStockAlert });
        }).WithRefusalTitle("住民票コードを付番できません").WithSummary("住民票コードの付番・変更（j870, j880）: 市町村CSの空き番から無作為に選び、仮登録する。空きが少なければ警告する").RequireAuthorization(OperatorClaims.Policy(Permission.ChangeEntry));

        api.MapPost("/consistency", async (JukiNetConnection jukinet, HttpContext context) =>
        {
            if (jukinet.Consistency is not { } consistency)
            {
                return NotConnected(jukinet);
            }
            var op = context.User.ToOperator();
            return Results.Ok(ConsistencyReportView.For(await consistency.RunAsync(op, context.RequestAborted), op.VisibleItems));
        }).WithRefusalTitle("整合性確認を実行できません").WithSummary("整合性確認（j1100）: 既存住基 ↔ 市町村CS ↔ 都道府県 ↔ 全国").RequireAuthorization(OperatorClaims.Policy(Permission.Batch));
    }

    /// <summary>個人番号カード (j1110, j1120) under <c>/api/v1/jukinet</c>.</summary>
    public static void MapCardApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/jukinet").RequireAuthorization().WithTags("住基ネット");

        api.MapGet("/cards/{atenaNumber}", async (string atenaNumber, JukiNetConnection jukinet, HttpContext context) =>
        {
            if (!AtenaNumber.TryParse(atenaNumber, out var atena, out var error))
            {
                return ApiResults.Invalid("atenaNumber", AtenaNumber.Label, error);
            }
            return jukinet.Cards is not { } cards
                ? NotConnected(jukinet)
                : Results.Ok(await cards.StatusAsync(context.User.ToOperator(), atena, context.RequestAborted));
        }).WithRefusalTitle("カード管理情報を照会できません").WithSummary("カード管理状況（j1110）: 個人番号カードを所有しているか、その状態").RequireAuthorization(OperatorClaims.Policy(Permission.Inquiry));

        api.MapPost("/cards/{atenaNumber}/operations", async (string atenaNumber, CardOperationDto request, JukiNetConnection jukinet, HttpContext context) =>
        {
            if (!AtenaNumber.TryParse(atenaNumber, out var atena, out var error))
            {
                return ApiResults.Invalid("atenaNumber", AtenaNumber.Label, error);
            }
            if (CardOperations.FromJapanese(request.Operation) is not { } operation)
            {
                return ApiResults.Invalid("operation", "操作", new ValidationError("card-operation", "操作は 交付申請・交付・一時停止・一時停止解除・廃止・回収・返還 のいずれかです。"));
            }
            return jukinet.Cards is not { } cards
                ? NotConnected(jukinet)
                : Results.Ok(await cards.OperateAsync(context.User.ToOperator(), atena, operation, request.Reason, context.RequestAborted));
        }).WithRefusalTitle("個人番号カードの窓口操作を行えません").WithSummary("個人番号カードの窓口操作（j1110）: 交付申請・交付・一時停止・一時停止解除・廃止・回収・返還").RequireAuthorization(OperatorClaims.Policy(Permission.ChangeEntry));

        api.MapGet("/card-destinations", async (string? atenaNumber, JukiNetConnection jukinet, HttpContext context) =>
        {
            AtenaNumber? atena = null;
            if (atenaNumber is not null)
            {
                if (!AtenaNumber.TryParse(atenaNumber, out var parsed, out var error))
                {
                    return ApiResults.Invalid("atenaNumber", AtenaNumber.Label, error);
                }
                atena = parsed;
            }
            return jukinet.Cards is not { } cards
                ? NotConnected(jukinet)
                : Results.Ok(await cards.DestinationsAsync(context.User.ToOperator(), atena, context.RequestAborted));
        }).WithSummary("送付先情報の送信履歴（j1120）").RequireAuthorization(OperatorClaims.Policy(Permission.Inquiry));

        api.MapPost("/card-destinations", async (CardDestinationDto request, JukiNetConnection jukinet, HttpContext context) =>
        {
            if (!AtenaNumber.TryParse(request.AtenaNumber, out var atena, out var error))
            {
                return ApiResults.Invalid("atenaNumber", AtenaNumber.Label, error);
            }
            if (jukinet.Cards is not { } cards)
            {
                return NotConnected(jukinet);
            }
            var made = await cards.CreateDestinationAsync(context.User.ToOperator(), atena, request.DeliveryName, request.DeliveryAddress, context.RequestAborted);
            return Results.Created($"/api/v1/jukinet/card-destinations?atenaNumber={atena}", made);
        }).WithRefusalTitle("送付先情報を作成できません").WithSummary("送付先情報の作成（j1120）: 住所と異なる居所を送付先にできる。別の職員の確認後に送信する").RequireAuthorization(OperatorClaims.Policy(Permission.ChangeEntry));

        api.MapPost("/card-destinations/{id:long}/confirm", async (long id, JukiNetConnection jukinet, HttpContext context) =>
            jukinet.Cards is not { } cards
                ? NotConnected(jukinet)
                : Results.Ok(await cards.ConfirmDestinationAsync(context.User.ToOperator(), id, context.RequestAborted)))
            .WithRefusalTitle("送付先情報を確認できません").WithSummary("送付先情報の確認（作成者と別の職員）").RequireAuthorization(OperatorClaims.Policy(Permission.Approval));

        api.MapPost("/card-notices", async (JukiNetConnection jukinet, HttpContext context) =>
            jukinet.Cards is not { } cards
                ? NotConnected(jukinet)
                : Results.Ok(await cards.TakeInNoticesAsync(context.User.ToOperator(), context.RequestAborted)))
            .WithRefusalTitle("一時停止の通知を受理できません").WithSummary("一時停止の通知の受理: コールセンターで一時停止されたカードの通知を取り込む").RequireAuthorization(OperatorClaims.Policy(Permission.ChangeEntry));
    }

    private static IResult NotConnected(JukiNetConnection jukinet) =>
        Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "住基ネットに接続していません",
            detail: jukinet.Mode == "off" ? "Jumin:JukiNet:Mode が off です。" : "接続の準備中です。しばらくしてからもう一度行ってください。");
}
