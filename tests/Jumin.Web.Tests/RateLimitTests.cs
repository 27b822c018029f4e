using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jumin.Web.Tests;

/// <summary>
/// Requests without a session are limited per address, so that one machine cannot flood the audit log (kept 150 years)
/// with refusals; signed-in users and other addresses go on as before.
/// </summary>
public sealed class RateLimitTests(RateLimitWebApp app) : IClassFixture<RateLimitWebApp>
{
    private HttpClient From(string address)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(ClientAddressFilter.Header, address);
        return client;
    }

    private async Task<int> AuditedFromAsync(string address)
    {
        await using var db = app.Node.Database.Open();
        return await db.AuditLog.CountAsync(a => a.OperatorId == "（未認証）" && a.Terminal == address);
    }

    [Fact]
    public async Task A_flood_without_a_session_gets_429_after_the_limit_and_writes_one_audit_entry_for_the_rest()
    {
        var flooder = From("192.0.2.50");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            statuses.Add((await flooder.GetAsync("/api/v1/residents?nameKana=" + Uri.EscapeDataString("ア"))).StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 7)), statuses);
        var refused = await flooder.GetAsync("/api/v1/residents");
        Assert.Equal("60", refused.Headers.RetryAfter?.ToString());
        Assert.Equal("要求が多すぎます。しばらく待ってから操作してください。", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        // Five 401s and one entry for the refusals that followed, not twelve.
        Assert.Equal(6, await AuditedFromAsync("192.0.2.50"));

        // Another machine is not held back, nor is a user who has signed in.
        Assert.Equal(HttpStatusCode.Unauthorized, (await From("192.0.2.51").GetAsync("/api/v1/residents")).StatusCode);
        var clerk = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await app.LogInAsync(clerk, "clerk01")).EnsureSuccessStatusCode();
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("/api/v1/residents?nameKana=" + Uri.EscapeDataString("ア"))).StatusCode);
        }
    }
}
