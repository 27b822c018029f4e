namespace Jumin.Registry.Operations;

/// <summary>
/// Background work that runs round after round (audit checkpoints, the scheduled 整合性確認): a round that fails does
/// not stop the host — the database restarting or a volume away must not take the counter down — but is remembered
/// for 運用監視 until a round succeeds, and the next tick tries again.
/// </summary>
public sealed class RecurringWork(Func<CancellationToken, Task> round)
{
    /// <summary>When and why the last round failed (null once a round succeeds).</summary>
    public string? LastFailure { get; private set; }

    /// <summary>Runs one round now; false when it failed (see <see cref="LastFailure"/>). Stopping is not a failure.</summary>
    public async Task<bool> RunRoundAsync(CancellationToken cancellationToken)
    {
        try
        {
            await round(cancellationToken);
            LastFailure = null;
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LastFailure = $"{DateTime.UtcNow:O}: {e.GetType().Name}: {e.Message}";
            return false;
        }
    }

    /// <summary>Runs a round every <paramref name="period"/> (the first after one period) until stopped.</summary>
    public async Task RunEveryAsync(TimeSpan period, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(period);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            await RunRoundAsync(cancellationToken);
        }
    }
}
