using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Jumin.JukiNet.Messaging;

/// <summary>How the senders of the 住基ネット (a node's, the registry's link to its CS) keep going when things fail.</summary>
public static class DeliveryResilience
{
    /// <summary>
    /// Runs a send round again after any failure but being stopped (the sender's own database restarting, an error no
    /// one foresaw), after a pause from 1 s doubling to 5 min with jitter; <paramref name="failed"/> hears of each one.
    /// </summary>
    public static ResiliencePipeline Rounds(Action<Exception> failed, CancellationToken stopping) =>
        new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => !(e is OperationCanceledException && stopping.IsCancellationRequested)),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromMinutes(5),
            UseJitter = true,
            OnRetry = args =>
            {
                if (args.Outcome.Exception is { } e)
                {
                    failed(e);
                }
                return ValueTask.CompletedTask;
            },
        }).Build();

    /// <summary>
    /// One destination's circuit breaker: two failed rounds in a row open it for a break that doubles with each further
    /// failure (1 s, 2 s, 4 s … at most 5 min); the round after the break is the trial, and a success closes it.
    /// </summary>
    public static ResiliencePipeline DestinationBreaker<TFailure>() where TFailure : Exception =>
        new ResiliencePipelineBuilder().AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<TFailure>(),
            FailureRatio = 1.0,
            MinimumThroughput = 2,
            SamplingDuration = TimeSpan.FromMinutes(10),
            BreakDurationGenerator = args => ValueTask.FromResult(TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Clamp(args.FailureCount - 2, 0, 9))))),
        }).Build();
}
