using NodaTime;

namespace Jumin.Domain.Audit;

/// <summary>
/// 深夜・休業日 for the j1370 analysis「深夜・休業日におけるアクセス一覧」: from <see cref="NightStarts"/> to
/// <see cref="NightEnds"/> (Japan time) on any day, and the whole of a 休業日 — Saturdays, Sundays,
/// 国民の祝日 and 振替休日・国民の休日 (祝日法), and the 年末年始 closure of municipal offices (12/29–1/3).
/// </summary>
public sealed record OffHours(LocalTime NightStarts, LocalTime NightEnds)
{
    public static OffHours Default { get; } = new(new LocalTime(22, 0), new LocalTime(6, 0));

    public bool IsOffHours(LocalDateTime at) => IsClosedDay(at.Date) || at.TimeOfDay >= NightStarts || at.TimeOfDay < NightEnds;

    public static bool IsClosedDay(LocalDate day) =>
        day.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday
        || (day.Month == 12 && day.Day >= 29) || (day.Month == 1 && day.Day <= 3)
        || JapaneseHolidays.IsHoliday(day);

    /// <summary>The first 開庁日 after <paramref name="day"/> (「1営業日後」).</summary>
    public static LocalDate NextOpenDay(LocalDate day)
    {
        var next = day.PlusDays(1);
        while (IsClosedDay(next))
        {
            next = next.PlusDays(1);
        }
        return next;
    }
}

/// <summary>国民の祝日 (祝日法, as amended to 2020), with 振替休日 and 国民の休日, for 1980 onwards.</summary>
public static class JapaneseHolidays
{
    public static bool IsHoliday(LocalDate day) => IsNamedHoliday(day) || IsSubstitute(day) || IsSandwiched(day);

    public static string? Name(LocalDate day) =>
        NamedHoliday(day) ?? (IsSubstitute(day) ? "振替休日" : IsSandwiched(day) ? "国民の休日" : null);

    private static bool IsNamedHoliday(LocalDate day) => NamedHoliday(day) is not null;

    private static string? NamedHoliday(LocalDate d)
    {
        var (y, m, n) = (d.Year, d.Month, d.Day);
        return (m, n) switch
        {
            (1, 1) => "元日",
            (2, 11) => "建国記念の日",
            (2, 23) when y >= 2020 => "天皇誕生日",
            (4, 29) => "昭和の日",
            (5, 3) => "憲法記念日",
            (5, 4) when y >= 2007 => "みどりの日",
            (5, 5) => "こどもの日",
            (8, 11) when y >= 2016 && y != 2020 && y != 2021 => "山の日",
            (11, 3) => "文化の日",
            (11, 23) => "勤労感謝の日",
            (12, 23) when y is >= 1989 and <= 2018 => "天皇誕生日",
            _ when m == 3 && n == VernalEquinox(y) => "春分の日",
            _ when m == 9 && n == AutumnalEquinox(y) => "秋分の日",
            _ when m == 1 && IsNthMonday(d, 2) && y >= 2000 => "成人の日",
            _ when m == 7 && IsNthMonday(d, 3) && y >= 2003 && y != 2020 && y != 2021 => "海の日",
            _ when m == 9 && IsNthMonday(d, 3) && y >= 2003 => "敬老の日",
            _ when m == 10 && IsNthMonday(d, 2) && y >= 2000 && y != 2020 && y != 2021 => "スポーツの日",
            _ when (y, m, n) is (2019, 5, 1) => "天皇の即位の日",
            _ when (y, m, n) is (2019, 10, 22) => "即位礼正殿の儀の行われる日",
            // 東京オリンピック・パラリンピックの特例 (2020, 2021).
            _ when (y, m, n) is (2020, 7, 23) or (2021, 7, 22) => "海の日",
            _ when (y, m, n) is (2020, 7, 24) or (2021, 7, 23) => "スポーツの日",
            _ when (y, m, n) is (2020, 8, 10) or (2021, 8, 8) => "山の日",
            _ => null,
        };
    }

    // 振替休日: a weekday after a run of holidays that began on a Sunday.
    private static bool IsSubstitute(LocalDate d)
    {
        if (IsNamedHoliday(d))
        {
            return false;
        }
        var previous = d.PlusDays(-1);
        while (IsNamedHoliday(previous))
        {
            if (previous.DayOfWeek == IsoDayOfWeek.Sunday)
            {
                return true;
            }
            previous = previous.PlusDays(-1);
        }
        return false;
    }

    // 国民の休日: a weekday between two 国民の祝日.
    private static bool IsSandwiched(LocalDate d) =>
        !IsNamedHoliday(d) && d.DayOfWeek != IsoDayOfWeek.Sunday && IsNamedHoliday(d.PlusDays(-1)) && IsNamedHoliday(d.PlusDays(1));

    private static bool IsNthMonday(LocalDate d, int n) => d.DayOfWeek == IsoDayOfWeek.Monday && (d.Day - 1) / 7 == n - 1;

    // 国立天文台の近似式 (1980–2099).
    private static int VernalEquinox(int y) => (int)(20.8431 + 0.242194 * (y - 1980) - Math.Floor((y - 1980) / 4.0));

    private static int AutumnalEquinox(int y) => (int)(23.2488 + 0.242194 * (y - 1980) - Math.Floor((y - 1980) / 4.0));
}
