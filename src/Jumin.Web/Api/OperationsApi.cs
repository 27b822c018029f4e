using Jumin.Registry.Access;
using Jumin.Registry.Accounts;
using Jumin.Registry.Operations;
using Jumin.Web.Infrastructure;

namespace Jumin.Web.Api;

public sealed record BreakGlassRequest(string? Reason, int? Minutes);

/// <summary>運用監視: the register's counts and queues, and the host's background work that is failing now.</summary>
public sealed record OperationsView(OperationsStatus Status, IReadOnlyList<HostFault> Faults);

/// <summary>運用監視 and 緊急時アクセス (seed 000 §4.3 OUT-02) under <c>/api/v1</c>.</summary>
internal static class OperationsApi
{
    public static void MapOperationsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization().WithTags("運用");

        api.MapGet("/operations/status", async (HttpContext context, OperationsMonitor monitor, HostFaults faults) =>
            Results.Ok(new OperationsView(await monitor.StatusAsync(context.User.ToOperator(), context.RequestAborted), faults.Current())))
            .WithSummary("運用監視（件数と待ち行列のみ、個人情報なし）").RequireAuthorization(OperatorClaims.Policy(Permission.Operations));

        api.MapPost("/accounts/{userId}/break-glass", async (string userId, BreakGlassRequest request, HttpContext context, AccountService accounts) =>
            {
                var id = await accounts.GrantBreakGlassAsync(context.User.ToOperator(), userId, request.Reason ?? "", TimeSpan.FromMinutes(request.Minutes ?? 60), context.RequestAborted);
                return Results.Created($"/api/v1/break-glass/{id}", new { Id = id });
            }).WithSummary("委託先への緊急時アクセスの承認（照会のみ、最長4時間）").RequireAuthorization(OperatorClaims.Policy(Permission.RightsAdministration));

        api.MapPost("/break-glass/{id:long}/revocation", async (long id, HttpContext context, AccountService accounts) =>
            {
                await accounts.RevokeBreakGlassAsync(context.User.ToOperator(), id, context.RequestAborted);
                return Results.NoContent();
            }).WithSummary("緊急時アクセスの取消（そのセッションは次の要求で終わる）").RequireAuthorization(OperatorClaims.Policy(Permission.RightsAdministration));
    }
}
