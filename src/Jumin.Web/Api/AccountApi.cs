using Jumin.Domain;
using Jumin.Domain.Dates;
using Jumin.Registry.Access;
using Jumin.Registry.Accounts;
using Jumin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Jumin.Web.Api;

public sealed record NewAccountRequest(string? UserId, string? DisplayName, string? Password, string? Department, string[]? Roles, string[]? Permissions, string[]? VisibleItems, string? ValidFrom, string? ValidUntil);

public sealed record RightsChangeRequest(string? Department, string[]? Permissions, string[]? VisibleItems, string? ValidUntil, string? EffectiveOn);

public sealed record TerminalRequest(string? Name, string? Place, string? Address);

/// <summary>An account as the API lists it: 操作権限 and 表示項目 by name, as requests spell them.</summary>
public sealed record AccountDto(string UserId, string DisplayName, string Department, IReadOnlyList<string> Roles, IReadOnlyList<string> Permissions, IReadOnlyList<string> VisibleItems,
    string? ValidFrom, string? ValidUntil, bool LockedOut, bool SecondFactorEnrolled, IReadOnlyList<ScheduledChangeDto> Scheduled)
{
    public static AccountDto From(AccountSummary a) => new(
        a.UserId, a.DisplayName, a.Department, a.Roles, [.. a.Permissions.Select(p => p.ToString())], [.. a.VisibleItems.Select(i => i.ToString())],
        Iso(a.ValidFrom), Iso(a.ValidUntil), a.LockedOut, a.SecondFactorEnrolled,
        [.. a.Scheduled.Select(c => new ScheduledChangeDto(c.Id, Iso(c.EffectiveOn)!, c.Department, c.Permissions?.Select(p => p.ToString()).ToList(), c.VisibleItems?.Select(i => i.ToString()).ToList(), Iso(c.ValidUntil), c.RequestedBy))]);

    private static string? Iso(NodaTime.LocalDate? d) => d?.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed record ScheduledChangeDto(long Id, string EffectiveOn, string? Department, IReadOnlyList<string>? Permissions, IReadOnlyList<string>? VisibleItems, string? ValidUntil, string RequestedBy);

/// <summary>権限管理 (j1380) and the 端末の許可リスト under <c>/api/v1</c>: only for the 権限管理 right.</summary>
internal static class AccountApi
{
    public static void MapAccountApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(OperatorClaims.Policy(Permission.RightsAdministration)).WithTags("権限管理");

        api.MapGet("/accounts", async (HttpContext context, AccountAdministration accounts) =>
            Results.Ok((await accounts.ListAsync(context.User.ToOperator(), context.RequestAborted)).Select(AccountDto.From)))
            .WithSummary("利用者一覧（所属・役割・操作権限・表示項目・利用期間・ロック・予約変更）");

        api.MapPost("/accounts", async (NewAccountRequest request, HttpContext context, AccountAdministration accounts, [FromServices] JapaneseDateParser dates) =>
        {
            var errors = new List<FieldValidationException>();
            var account = new NewAccount(
                request.UserId?.Trim() ?? "", request.DisplayName ?? "", request.Password ?? "", request.Department ?? "", request.Roles ?? [],
                EnumFields.ParseAll<VisibleItem>(request.VisibleItems, "visibleItems", "表示項目", errors) ?? [],
                EnumFields.ParseAll<Permission>(request.Permissions, "permissions", "操作権限", errors),
                dates.Day(request.ValidFrom, "validFrom", "利用期間（開始日）", errors),
                dates.Day(request.ValidUntil, "validUntil", "利用期間（終了日）", errors));
            errors.AddRange(account.Validate());
            if (errors.Count > 0)
            {
                return ApiResults.Invalid(errors);
            }
            var enrolment = await accounts.CreateAsync(context.User.ToOperator(), account, context.RequestAborted);
            return Results.Created($"/api/v1/accounts/{enrolment.UserId}", enrolment);
        }).WithSummary("利用者登録（二要素認証の秘密鍵と登録用URIはこの応答でだけ返す）");

        api.MapPut("/accounts/{userId}/rights", async (string userId, RightsChangeRequest request, HttpContext context, AccountAdministration accounts, [FromServices] JapaneseDateParser dates) =>
        {
            var errors = new List<FieldValidationException>();
            var change = new RightsChange(
                request.Department,
                EnumFields.ParseAll<Permission>(request.Permissions, "permissions", "操作権限", errors),
                EnumFields.ParseAll<VisibleItem>(request.VisibleItems, "visibleItems", "表示項目", errors),
                dates.Day(request.ValidUntil, "validUntil", "利用期間（終了日）", errors),
                dates.Day(request.EffectiveOn, "effectiveOn", "施行日", errors));
            if (errors.Count > 0)
            {
                return ApiResults.Invalid(errors);
            }
            var scheduled = await accounts.ChangeRightsAsync(context.User.ToOperator(), userId, change, context.RequestAborted);
            return Results.Ok(new { UserId = userId, ScheduledChange = scheduled });
        }).WithSummary("権限変更（施行日が先の日なら予約変更。変更が効くと、その利用者のセッションは終わる）");

        api.MapDelete("/accounts/scheduled-changes/{id:long}", async (long id, HttpContext context, AccountAdministration accounts) =>
            {
                await accounts.CancelScheduledAsync(context.User.ToOperator(), id, context.RequestAborted);
                return Results.NoContent();
            }).WithSummary("予約変更の取消");

        api.MapPost("/accounts/{userId}/unlock", async (string userId, HttpContext context, AccountAdministration accounts) =>
            {
                await accounts.UnlockAsync(context.User.ToOperator(), userId, context.RequestAborted);
                return Results.NoContent();
            }).WithSummary("ロック解除");

        api.MapPost("/accounts/{userId}/second-factor", async (string userId, HttpContext context, AccountAdministration accounts) =>
            Results.Ok(await accounts.ReissueSecondFactorAsync(context.User.ToOperator(), userId, context.RequestAborted)))
            .WithSummary("二要素認証の再登録（端末の紛失など。旧端末の確認コードは無効になる）");

        api.MapGet("/terminals", async (TerminalRegistry terminals) => Results.Ok(await terminals.ListAsync()))
            .WithSummary("端末の許可リスト");

        api.MapPut("/terminals/{terminalId}", async (string terminalId, TerminalRequest request, HttpContext context, TerminalRegistry terminals) =>
            {
                await terminals.RegisterAsync(context.User.ToOperator(), terminalId, request.Name ?? "", request.Place ?? "", request.Address ?? "", context.RequestAborted);
                return Results.NoContent();
            }).WithSummary("端末の登録・変更（IPアドレスまたは範囲）");

        api.MapDelete("/terminals/{terminalId}", async (string terminalId, HttpContext context, TerminalRegistry terminals) =>
            {
                await terminals.RetireAsync(context.User.ToOperator(), terminalId, context.RequestAborted);
                return Results.NoContent();
            }).WithSummary("端末の登録抹消（その端末のセッションは次の要求で終わる）");
    }

}
