using NodaTime;

namespace Jumin.Domain.Protection;

/// <summary>The processes a 抑止 may hold back (j410).</summary>
[Flags]
public enum RestrictedProcess
{
    None = 0,

    /// <summary>異動入力.</summary>
    Change = 1,

    /// <summary>証明書発行.</summary>
    Issuance = 2,

    /// <summary>照会.</summary>
    Inquiry = 4,
}

/// <summary>抑止レベル (j410): an error stops the process, an alert lets it go on once acknowledged.</summary>
public enum RestrictionLevel
{
    /// <summary>エラー.</summary>
    Error = 1,

    /// <summary>アラート.</summary>
    Alert,
}

/// <summary>Whether the 抑止 covers one person or their whole 世帯 (j410 個人及び世帯単位).</summary>
public enum RestrictionScope
{
    /// <summary>個人.</summary>
    Person = 1,

    /// <summary>世帯.</summary>
    Household,
}

/// <summary>
/// 抑止 (j410): a hold on 異動入力, 証明書発行 and/or 照会 for a person or a 世帯, from a start date,
/// with an end date that is informational only — the standard says a 抑止 does not end by itself
/// when its end date passes, only when a user lifts it (本解除). A 一時解除 lets the processes through
/// until <see cref="TemporarilyReleasedUntil"/> and then the 抑止 applies again by itself.
/// </summary>
public sealed record Restriction
{
    public required long Id { get; init; }

    public required RestrictionScope Scope { get; init; }

    /// <summary>宛名番号 (個人) or 世帯番号 (世帯).</summary>
    public required string Target { get; init; }

    public required RestrictedProcess Processes { get; init; }

    public required RestrictionLevel Level { get; init; }

    /// <summary>抑止の開始日.</summary>
    public required LocalDate StartsOn { get; init; }

    /// <summary>抑止の終了日 (予定) — shown, never acted on by itself.</summary>
    public LocalDate? EndsOn { get; init; }

    /// <summary>抑止の理由.</summary>
    public required string Reason { get; init; }

    /// <summary>本解除 — the 抑止 is over.</summary>
    public Instant? LiftedAt { get; init; }

    /// <summary>一時解除 until this instant.</summary>
    public Instant? TemporarilyReleasedUntil { get; init; }

    /// <summary>The 抑止 holds back <paramref name="process"/> at <paramref name="now"/>.</summary>
    public bool Holds(RestrictedProcess process, LocalDate today, Instant now) =>
        Processes.HasFlag(process) && IsInForce(today) && !IsTemporarilyReleased(now);

    /// <summary>Started and not lifted (a past end date does not end it: j410).</summary>
    public bool IsInForce(LocalDate today) => LiftedAt is null && StartsOn <= today;

    public bool IsTemporarilyReleased(Instant now) => TemporarilyReleasedUntil is { } until && now < until;

    /// <summary>「異動・発行・照会」 as the screen says it.</summary>
    public static string Describe(RestrictedProcess processes) =>
        string.Join("・", new[] { (RestrictedProcess.Change, "異動"), (RestrictedProcess.Issuance, "発行"), (RestrictedProcess.Inquiry, "照会") }
            .Where(p => processes.HasFlag(p.Item1)).Select(p => p.Item2));
}
