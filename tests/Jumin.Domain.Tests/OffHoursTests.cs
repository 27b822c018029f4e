using Jumin.Domain.Audit;

namespace Jumin.Domain.Tests;

/// <summary>深夜・休業日 (j1370 ログの分析) and the 国民の祝日 it needs.</summary>
public class OffHoursTests
{
    [Theory]
    [InlineData("2026-01-01", "元日")]
    [InlineData("2026-01-12", "成人の日")]
    [InlineData("2026-03-20", "春分の日")]
    [InlineData("2026-05-06", "振替休日")]
    [InlineData("2026-09-21", "敬老の日")]
    [InlineData("2026-09-22", "国民の休日")]
    [InlineData("2026-09-23", "秋分の日")]
    [InlineData("2026-11-23", "勤労感謝の日")]
    [InlineData("2019-04-30", "国民の休日")]
    [InlineData("2019-05-01", "天皇の即位の日")]
    [InlineData("2021-07-23", "スポーツの日")]
    [InlineData("2021-08-09", "振替休日")]
    [InlineData("2025-02-24", "振替休日")]
    public void National_holidays_substitutes_and_sandwiched_days_are_named(string date, string name)
    {
        Assert.Equal(name, JapaneseHolidays.Name(NodaTime.Text.LocalDatePattern.Iso.Parse(date).Value));
    }

    [Theory]
    [InlineData("2026-11-30T10:00", false)] // 月曜の日中
    [InlineData("2026-11-30T22:00", true)]  // 深夜
    [InlineData("2026-12-01T05:59", true)]
    [InlineData("2026-12-01T06:00", false)]
    [InlineData("2026-11-28T10:00", true)]  // 土曜
    [InlineData("2026-11-23T10:00", true)]  // 勤労感謝の日
    [InlineData("2026-12-29T10:00", true)]  // 年末年始
    [InlineData("2027-01-04T10:00", false)]
    public void Night_time_and_closed_days_are_off_hours(string at, bool off)
    {
        Assert.Equal(off, OffHours.Default.IsOffHours(NodaTime.Text.LocalDateTimePattern.GeneralIso.Parse(at + ":00").Value));
    }
}
