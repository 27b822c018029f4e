using System.Net;
using System.Text.Json;
using Jumin.Testing;
using Npgsql;

namespace Jumin.Web.Tests;

/// <summary>Issue 20 item 2: /health/ready goes unready while the register's database cannot be reached and ready again after.</summary>
public sealed class HealthTests(HealthWebApp app) : IClassFixture<HealthWebApp>
{
    [Fact]
    public async Task Ready_follows_the_database_and_live_does_not_and_neither_needs_a_login()
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        await AllowConnectionsAsync(false);
        try
        {
            var down = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            var body = JsonDocument.Parse(await down.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("Unhealthy", body.GetProperty("checks").GetProperty("registry-database").GetProperty("status").GetString());
            Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("jukinet").GetProperty("status").GetString());
            Assert.Contains("データベースに接続できません", await down.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            await AllowConnectionsAsync(true);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    /// <summary>Stops (or restarts) the database as far as the host can tell: no new connections, the open ones ended.</summary>
    private async Task AllowConnectionsAsync(bool allow)
    {
        var database = app.PostgresDatabase!;
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestRegistry.PostgresServer) { Database = "postgres", Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await using (var alter = new NpgsqlCommand($"ALTER DATABASE {database} ALLOW_CONNECTIONS {(allow ? "true" : "false")}", admin))
        {
            await alter.ExecuteNonQueryAsync();
        }
        if (!allow)
        {
            await using var end = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @database", admin);
            end.Parameters.AddWithValue("database", database);
            await end.ExecuteNonQueryAsync();
            // Only this host's pool: clearing every pool would close the idle connections of the tests beside this one.
            NpgsqlConnection.ClearPool(new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestRegistry.PostgresServer) { Database = database }.ConnectionString));
        }
    }
}
