using System.Text.Json;
using Jumin.Registry;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jumin.Web.Infrastructure;

/// <summary>
/// 死活監視 for a load balancer or a service manager, without a login and without personal data:
/// <c>/health/live</c> answers as long as the process serves requests; <c>/health/ready</c> only while the register's
/// database answers and the 住基ネット connection is up (or deliberately off), 503 otherwise, with each check's state.
/// </summary>
public static class Health
{
    private const string Ready = "ready";

    public static IServiceCollection AddNodeHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<RegistryDatabaseCheck>("registry-database", tags: [Ready])
            .AddCheck<JukiNetCheck>("jukinet", tags: [Ready]);
        return services;
    }

    public static void MapNodeHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync }).AllowAnonymous();
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        // The API's JSON settings: Japanese as itself, not as \uXXXX escapes.
        var json = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, json));
    }

    private sealed class RegistryDatabaseCheck(RegistryNode node) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await using var db = node.Database.Open();
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy("データベースに接続できます。")
                : HealthCheckResult.Unhealthy("データベースに接続できません。");
        }
    }

    private sealed class JukiNetCheck(JukiNetConnection connection) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) => Task.FromResult(
            connection.Mode == "off" ? HealthCheckResult.Healthy("住基ネットに接続しない設定です（off）。")
            : connection.Ready.IsCompletedSuccessfully ? HealthCheckResult.Healthy("市町村CSへの接続を確立しています。")
            : connection.Ready.IsFaulted ? HealthCheckResult.Unhealthy("市町村CSへ接続できませんでした。")
            : HealthCheckResult.Unhealthy("市町村CSへ接続中です。"));
    }
}
