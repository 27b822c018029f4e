using Jumin.Domain.Audit;
using Jumin.Registry;
using Jumin.Registry.Access;
using Jumin.Registry.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Jumin.Web.Infrastructure;

/// <summary>
/// Writes to the audit log what the HTTP layer stops before any use case runs (issue 15 item 7): a request refused for
/// want of a right (403), an API request with no valid session (401), and a session that ended because it was idle
/// too long, recorded when its cookie is next presented (the cookie is the only record of it; a session never
/// presented again leaves its login as the last entry).
/// </summary>
internal static class HttpRefusalAudit
{
    /// <summary>The operator recorded for a request that carries no session.</summary>
    private const string Anonymous = "（未認証）";

    public static async Task ForbiddenAsync(HttpContext context)
    {
        var op = context.User.ToOperator();
        await AppendAsync(context, op, AuditFunctions.AccessDenied, AuditOutcome.Refused, $"{context.Request.Method} {context.Request.Path} に必要な権限がありません（HTTP 403）");
    }

    public static async Task UnauthenticatedAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        var http = context.HttpContext;
        if (ExpiredSession(context) is { } expired)
        {
            await AppendAsync(http, expired, AuditFunctions.Logout, AuditOutcome.Succeeded,
                $"セッションの有効期限切れ（最後の操作から{context.Options.ExpireTimeSpan.TotalMinutes:0}分）。次の要求 {http.Request.Method} {http.Request.Path} はログイン画面へ");
            return;
        }
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            var address = ClientAddress.Of(http)?.ToString() ?? "不明";
            var stranger = Operator.WithoutRights(Anonymous, Anonymous, address, "不明");
            await AppendAsync(http, stranger, AuditFunctions.AccessDenied, AuditOutcome.Refused, $"{http.Request.Method} {http.Request.Path} をログインせずに要求（HTTP 401）");
        }
    }

    /// <summary>The operator of the session cookie the request carried, when that session has run out.</summary>
    private static Operator? ExpiredSession(RedirectContext<CookieAuthenticationOptions> context)
    {
        var options = context.Options;
        var cookie = options.CookieManager.GetRequestCookie(context.HttpContext, options.Cookie.Name!);
        if (string.IsNullOrEmpty(cookie) || options.TicketDataFormat.Unprotect(cookie) is not { } ticket)
        {
            return null;
        }
        // The cookie handler's own clock decided that the session has run out.
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        return ticket.Properties.ExpiresUtc is { } expires && expires <= now ? ticket.Principal.ToOperator() : null;
    }

    private static async Task AppendAsync(HttpContext context, Operator op, string function, AuditOutcome outcome, string detail)
    {
        var services = context.RequestServices;
        var audit = services.GetRequiredService<AuditTrail>();
        var screen = context.Request.Path.StartsWithSegments("/api") ? "API" : "画面";
        await audit.AppendAloneAsync(services.GetRequiredService<RegistryNode>().Database, [audit.Event(op, function, screen, outcome: outcome, detail: detail)], context.RequestAborted);
    }
}
