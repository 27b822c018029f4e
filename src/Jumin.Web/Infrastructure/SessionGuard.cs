using Jumin.Registry.Accounts;
using Jumin.Registry.Audit;
using Jumin.Domain.Audit;
using Jumin.Registry;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Jumin.Web.Infrastructure;

/// <summary>
/// Checked on every request of a session (issue 5): it stays bound to the terminal and address it was opened
/// from, the terminal stays on the allow-list, the account is within its 利用期間 with the rights it logged in
/// with, and a 緊急時アクセス has not ended. Anything else ends the session, and a cookie used from another
/// address is recorded in the audit log.
/// </summary>
internal static class SessionGuard
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not { } principal)
        {
            return;
        }
        var services = context.HttpContext.RequestServices;
        var cancel = context.HttpContext.RequestAborted;
        var op = principal.ToOperator();
        var address = ClientAddress.Of(context.HttpContext)?.ToString() ?? "";
        string? reason = null;
        if (op.ClientAddress != address)
        {
            reason = $"別の端末（{address}）からのセッション使用を拒否（ログイン端末 {op.Terminal}）";
        }
        else if (op.TerminalId is not { Length: > 0 } terminal || !await services.GetRequiredService<TerminalRegistry>().IsActiveAsync(terminal, cancel))
        {
            reason = "端末が許可リストにないためセッション終了";
        }
        else if (!await services.GetRequiredService<AccountService>().IsSessionCurrentAsync(op.UserId, op.RightsVersion, cancel))
        {
            reason = "権限・利用期間の変更によりセッション終了";
        }
        else if (op.BreakGlassGrant is { } grant && !await services.GetRequiredService<AccountService>().IsBreakGlassActiveAsync(grant, cancel))
        {
            reason = "緊急時アクセスの終了によりセッション終了";
        }
        if (reason is null)
        {
            return;
        }
        var audit = services.GetRequiredService<AuditTrail>();
        await audit.AppendAloneAsync(services.GetRequiredService<RegistryNode>().Database, [audit.Event(op, AuditFunctions.Login, "セッション", outcome: AuditOutcome.Refused, detail: reason)], cancel);
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(OperatorClaims.Scheme);
    }
}
