using Jumin.Registry;
using Jumin.Registry.Operations;

namespace Jumin.Web.Infrastructure;

/// <summary>
/// Writes a checkpoint of the audit log's head outside the database at start, every <c>Jumin:AuditCheckpointSeconds</c>
/// (60) and when the host stops: the window in which entries cut off the end go unnoticed (ADR 0005).
/// </summary>
public sealed class AuditCheckpointWriter(RegistryNode node, IConfiguration configuration) : BackgroundService
{
    private readonly TaskCompletionSource firstRound = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly RecurringWork checkpoint = new(ct => node.AuditCheckpoints.WriteAsync(node.Database, ct));

    /// <summary>Why the last checkpoint could not be written (null when it was), for 運用監視.</summary>
    public string? LastFailure => checkpoint.LastFailure;

    /// <summary>Completes once the checkpoint at start has been written or has failed.</summary>
    public Task FirstRound => firstRound.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await checkpoint.RunRoundAsync(stoppingToken);
        firstRound.TrySetResult();
        var seconds = configuration.GetValue("Jumin:AuditCheckpointSeconds", 60.0);
        await checkpoint.RunEveryAsync(TimeSpan.FromSeconds(Math.Max(1, seconds)), stoppingToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await checkpoint.RunRoundAsync(cancellationToken);
    }
}
