using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Jumin.Domain.Audit;
using Jumin.Registry;
using Jumin.Registry.Access;
using Jumin.Registry.Audit;
using Jumin.Web.Infrastructure;

namespace Jumin.Web.Api;

/// <summary>
/// Requests without a session (the login, the kiosk, anything refused as 401) are limited per client address to
/// <c>Jumin:RateLimit:AnonymousPerMinute</c> (120) a minute: every such request is otherwise an audit entry, and a
/// flood from one machine would fill the log (kept 150 years) and hide what matters. A refusal is audited for its
/// address at most once a minute. Signed-in users are not limited here.
/// </summary>
internal static class AnonymousRateLimit
{
    private const string Anonymous = "（未認証）";

    public static IServiceCollection AddAnonymousRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("Jumin:RateLimit:AnonymousPerMinute", 120);
        var audited = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        return services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.User.Identity?.IsAuthenticated == true
                    ? RateLimitPartition.GetNoLimiter("session")
                    : RateLimitPartition.GetFixedWindowLimiter(AddressOf(context), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = perMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    }));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                var address = AddressOf(context);
                var now = Environment.TickCount64;
                if (audited.TryGetValue(address, out var last) && now - last < 60_000)
                {
                    await AnswerAsync(context);
                    return;
                }
                audited[address] = now;
                var services = context.RequestServices;
                var audit = services.GetRequiredService<AuditTrail>();
                var stranger = Operator.WithoutRights(Anonymous, Anonymous, address, "不明");
                await audit.AppendAloneAsync(services.GetRequiredService<RegistryNode>().Database, [audit.Event(stranger, AuditFunctions.AccessDenied,
                    context.Request.Path.StartsWithSegments("/api") ? "API" : "画面", outcome: AuditOutcome.Refused,
                    detail: $"ログインしていない要求が1分間に{perMinute}件を超えたため拒否（HTTP 429。以後1分間の拒否は記録しない）: {context.Request.Method} {context.Request.Path}")], cancellationToken);
                await AnswerAsync(context);
            };
        });
    }

    private static string AddressOf(HttpContext context) => ClientAddress.Of(context)?.ToString() ?? "不明";

    private static Task AnswerAsync(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "60";
        return context.Request.Path.StartsWithSegments("/api")
            ? Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: RefusalMapping.StatusTitle(StatusCodes.Status429TooManyRequests)).ExecuteAsync(context)
            : Results.Text("要求が多すぎます。1分ほど待ってからもう一度操作してください。", "text/plain; charset=utf-8", statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context);
    }
}
