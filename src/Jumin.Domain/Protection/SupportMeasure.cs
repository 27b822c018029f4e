using NodaTime;

namespace Jumin.Domain.Protection;

/// <summary>支援措置の状態 as it shows on the 住民票 (j380, j440).</summary>
public enum SupportMeasureState
{
    /// <summary>支援措置期間中.</summary>
    InForce = 1,

    /// <summary>仮支援措置期間中 — before the need is confirmed, or continued as 前住所地 after 転出.</summary>
    Provisional,

    /// <summary>期間終了まで1か月以内 — the extension may be made now.</summary>
    EndingSoon,

    /// <summary>期間が終了しているのに延長も終了もされていない — still protecting, with an alert.</summary>
    Expired,

    /// <summary>支援措置終了.</summary>
    Ended,
}

/// <summary>
/// 支援措置 (DV・ストーカー行為等の被害者保護, j160, j440): while it is not ended, no 住民票の写し等 of
/// the protected person goes to anyone but the person unless a user with the 支援対象者 right approves
/// it with a reason. The term is one year (start + 1 year − 1 day); it may be extended from one month
/// before its end, by one year from the day after the end; a lapsed term keeps protecting and raises an
/// alert until someone ends it, because a victim must never lose protection through a missed date.
/// </summary>
public sealed record SupportMeasure
{
    public required long Id { get; init; }

    /// <summary>支援対象者 (申出者 or 併せて支援を求める者) の宛名番号.</summary>
    public required string AtenaNumber { get; init; }

    /// <summary>申出者の宛名番号, when this person is 併せて支援を求める者.</summary>
    public string? ApplicantAtenaNumber { get; init; }

    /// <summary>申出者との関係.</summary>
    public string? RelationToApplicant { get; init; }

    /// <summary>仮支援措置.</summary>
    public bool Provisional { get; init; }

    /// <summary>支援措置の開始年月日.</summary>
    public required LocalDate StartsOn { get; init; }

    /// <summary>支援措置の終了年月日.</summary>
    public required LocalDate EndsOn { get; init; }

    /// <summary>加害者に関する項目 (氏名・生年月日・住所・その他) as free text.</summary>
    public string? Offender { get; init; }

    /// <summary>支援を求められている事務 (閲覧, 写しの交付 …).</summary>
    public string? Services { get; init; }

    /// <summary>連絡先.</summary>
    public string? Contact { get; init; }

    /// <summary>支援措置終了日 and its reason.</summary>
    public LocalDate? EndedOn { get; init; }

    public string? EndReason { get; init; }

    public const int TermYears = 1;

    /// <summary>The default end of a term that starts on <paramref name="start"/>: 令和2年4月1日 → 令和3年3月31日 (j440).</summary>
    public static LocalDate TermEnd(LocalDate start) => start.PlusYears(TermYears).PlusDays(-1);

    public bool IsProtecting => EndedOn is null;

    /// <summary>
    /// The state shown for the person. <paramref name="movedOut"/>: the person has left by 転出, so
    /// the municipality continues as 前住所地 under 仮支援措置 (j440).
    /// </summary>
    public SupportMeasureState StateOn(LocalDate today, bool movedOut = false)
    {
        if (EndedOn is not null)
        {
            return SupportMeasureState.Ended;
        }
        if (today > EndsOn)
        {
            return SupportMeasureState.Expired;
        }
        if (Provisional || movedOut)
        {
            return SupportMeasureState.Provisional;
        }
        return CanExtendOn(today) ? SupportMeasureState.EndingSoon : SupportMeasureState.InForce;
    }

    /// <summary>延長 is possible from one month before the end (j440), and after it while not ended.</summary>
    public bool CanExtendOn(LocalDate today) => EndedOn is null && today >= EndsOn.PlusMonths(-1);

    /// <summary>The term after an extension: one year from the day after the current end.</summary>
    public SupportMeasure Extended() => this with { EndsOn = TermEnd(EndsOn.PlusDays(1)), Provisional = false };

    public static string Japanese(SupportMeasureState state) => state switch
    {
        SupportMeasureState.InForce => "支援措置期間中",
        SupportMeasureState.Provisional => "仮支援措置期間中",
        SupportMeasureState.EndingSoon => "支援措置期間中（1か月以内に期間終了）",
        SupportMeasureState.Expired => "支援措置の期間が終了しています（延長または終了の処理が必要）",
        SupportMeasureState.Ended => "支援措置終了",
        _ => state.ToString(),
    };
}
