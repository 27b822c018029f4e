using System.Net.Http.Json;
using System.Text.Json;
using Jumin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Jumin.Web.Tests;

/// <summary>
/// Background work that keeps failing (here: the audit checkpoints, whose file cannot be written) is shown on 運用監視
/// and in its API, without personal data: each task retries by itself, so otherwise no one would see it.
/// </summary>
public sealed class OperationsFaultTests(FailingCheckpointWebApp app) : IClassFixture<FailingCheckpointWebApp>
{
    [Fact]
    public async Task A_failing_checkpoint_writer_is_reported_on_the_operations_screen_and_api()
    {
        await app.Services.GetRequiredService<AuditCheckpointWriter>().FirstRound;
        var admin = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await app.LogInAsync(admin, "admin01")).EnsureSuccessStatusCode();

        var view = await admin.GetFromJsonAsync<JsonElement>("/api/v1/operations/status");
        var fault = Assert.Single(view.GetProperty("faults").EnumerateArray());
        Assert.Equal("監査ログのチェックポイント", fault.GetProperty("task").GetString());
        Assert.Contains("jumin-no-such-directory", fault.GetProperty("failure").GetString(), StringComparison.Ordinal);
        Assert.True(view.GetProperty("status").GetProperty("residents").GetInt32() > 0);

        var page = await admin.GetStringAsync("/operations");
        Assert.Contains("監査ログのチェックポイント", page, StringComparison.Ordinal);
    }
}
