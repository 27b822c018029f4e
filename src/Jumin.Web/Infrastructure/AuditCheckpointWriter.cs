using Jumin.Registry;

namespace Jumin.Web.Infrastructure;

/// <summary>
/// Writes a checkpoint of the audit log's head outside the database at start, every <c>Jumin:AuditCheckpointSeconds</c>
/// (60) and when the host stops: the window in which entries cut off the end go unnoticed (ADR 0005).
/// </summary>
public sealed class AuditCheckpointWriter(RegistryNode node, IConfiguration configuration) : BackgroundService
{
    private readonly TaskCompletionSource firstRound = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Why the last checkpoint could not be written (null when it was), for 運用監視.</summary>
    public string? LastFailure { get; private set; }

    /// <summary>Completes once the checkpoint at start has been written or has failed.</summary>
    public Task FirstRound => firstRound.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue("Jumin:AuditCheckpointSeconds", 60.0);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, seconds)));
        do
        {
            await WriteAsync(stoppingToken);
            firstRound.TrySetResult();
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await WriteAsync(cancellationToken);
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await node.AuditCheckpoints.WriteAsync(node.Database, cancellationToken);
            LastFailure = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database or the checkpoint volume being away must not stop the counter; the next tick tries again.
            LastFailure = $"{DateTime.UtcNow:O}: {e.GetType().Name}: {e.Message}";
        }
    }
}
