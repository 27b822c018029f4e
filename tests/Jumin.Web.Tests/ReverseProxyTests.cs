using Microsoft.AspNetCore.Mvc.Testing;

namespace Jumin.Web.Tests;

/// <summary>
/// Issue 20 item 4: behind a reverse proxy, the 端末の許可リスト sees each counter's own address — taken from
/// X-Forwarded-For only when the proxy sent it — and neither a forged header nor the proxy's or the server's own address
/// lets anyone in.
/// </summary>
public sealed class ReverseProxyTests(ProxyWebApp app) : IClassFixture<ProxyWebApp>
{
    private const string Counter = "192.0.2.10";

    private async Task<HttpResponseMessage> LogInFromAsync(string peer, string? forwardedFor, string userId = "clerk01")
    {
        var admin = (await app.Node.Accounts.FindOperatorAsync("admin01", "TEST-TERMINAL", "本庁 情報政策課"))!;
        if (!(await app.Node.Terminals.ListAsync()).Any(t => t.Address == Counter))
        {
            await app.Node.Terminals.RegisterAsync(admin, "COUNTER-10", "窓口端末10", "本庁 市民課", Counter);
        }
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(ClientAddressFilter.Header, peer);
        if (forwardedFor is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }
        return await app.LogInAsync(client, userId, chooseReason: false);
    }

    [Fact]
    public async Task A_counter_behind_the_proxy_logs_in_as_itself()
    {
        var response = await LogInFromAsync(ProxyWebApp.Proxy, Counter);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await using var db = app.Node.Database.Open();
        var login = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.AuditLog.Where(a => a.OperatorId == "clerk01" && a.Outcome == (int)Domain.Audit.AuditOutcome.Succeeded).OrderByDescending(a => a.Sequence));
        Assert.Contains("窓口端末10", login.Terminal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("198.51.100.7", Counter)] // a forged header from a machine that is not the proxy is ignored
    [InlineData(ProxyWebApp.Proxy, null)] // the proxy itself is no counter
    [InlineData("127.0.0.1", null)] // nor is the server's own console once a proxy is configured
    [InlineData(ProxyWebApp.Proxy, "127.0.0.1")] // nor loopback named by the proxy
    public async Task Anyone_else_is_refused_even_with_a_forwarded_header(string peer, string? forwardedFor)
    {
        var response = await LogInFromAsync(peer, forwardedFor);

        Assert.False(response.IsSuccessStatusCode);
        Assert.Contains("端末", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
