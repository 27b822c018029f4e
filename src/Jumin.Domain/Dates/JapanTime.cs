using NodaTime;

namespace Jumin.Domain.Dates;

/// <summary>
/// 日本時間: the dates of the register (処理日, 届出日, the age of a person) are dates in Japan,
/// whatever time zone the server runs in.
/// </summary>
public static class JapanTime
{
    public static DateTimeZone Zone { get; } = DateTimeZoneProviders.Tzdb["Asia/Tokyo"];

    /// <summary>Today's date in Japan.</summary>
    public static LocalDate Today(IClock clock) => clock.GetCurrentInstant().InZone(Zone).Date;
}
