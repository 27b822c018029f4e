using System.Globalization;
using NodaTime;

namespace Jumin.Domain.Dates;

/// <summary>How sure the register is about a date (不詳日の種類, j80).</summary>
public enum DateQualifier
{
    /// <summary>As stated.</summary>
    None = 0,

    /// <summary>「頃」.</summary>
    Approximate = 1,

    /// <summary>「推定」.</summary>
    Estimated = 2,

    /// <summary>「上旬」.</summary>
    EarlyInMonth = 3,

    /// <summary>「中旬」.</summary>
    MidMonth = 4,

    /// <summary>「下旬」.</summary>
    LateInMonth = 5,

    /// <summary>「春」.</summary>
    Spring = 6,

    /// <summary>「夏」.</summary>
    Summer = 7,

    /// <summary>「秋」.</summary>
    Autumn = 8,

    /// <summary>「冬」.</summary>
    Winter = 9,
}

/// <summary>
/// 年月日 as the register records it (j80). Most dates are calendar days; 生年月日, 住民となった年月日,
/// 住所を定めた年月日, 外国人住民となった年月日 and the 異動日 of 出生・死亡・失踪 may also be 不詳
/// (year or month unknown, 頃, 推定, 上旬…, 春…) or a day that is not on the calendar (2月29日 of a
/// common year) so that the register matches the 戸籍. The Gregorian parts are kept internally
/// (j80: 内部的には日付を保有); <see cref="EraLabelCode"/> keeps the 元号 the date was written with when
/// it is not the one the day falls in (明治45年7月30日, 大正15年12月25日, or 平成元年 for a year-only date).
/// </summary>
public sealed record RecordedDate
{
    internal RecordedDate(int? year, int? month, int? day, DateQualifier qualifier, int? eraLabelCode)
    {
        Year = year;
        Month = month;
        Day = day;
        Qualifier = qualifier;
        EraLabelCode = eraLabelCode;
    }

    /// <summary>「年月日不詳」.</summary>
    public static RecordedDate Unknown { get; } = new(null, null, null, DateQualifier.None, null);

    public int? Year { get; }

    public int? Month { get; }

    public int? Day { get; }

    public DateQualifier Qualifier { get; }

    /// <summary>The code of the 元号 as written (<see cref="JapaneseEra.Code"/>), when it differs from the one in
    /// force on the first day the date covers; null otherwise.</summary>
    public int? EraLabelCode { get; }

    /// <summary>A complete day that exists on the calendar and carries no qualifier.</summary>
    public bool IsCalendarDate => ToLocalDate() is not null && Qualifier == DateQualifier.None;

    /// <summary>yyyymmdd with 00 for unknown parts; orders dates and lets search match a year or a month.</summary>
    public int SortKey => ((Year ?? 0) * 100 + (Month ?? 0)) * 100 + (Day ?? 0);

    public static RecordedDate FromLocalDate(LocalDate date) => new(date.Year, date.Month, date.Day, DateQualifier.None, null);

    /// <summary>Rebuilds a stored date (the parts were validated when it was entered).</summary>
    public static RecordedDate FromStored(int sortKey, DateQualifier qualifier, int? eraLabelCode)
    {
        var year = sortKey / 10000;
        var month = sortKey / 100 % 100;
        var day = sortKey % 100;
        return new(year == 0 ? null : year, month == 0 ? null : month, day == 0 ? null : day, qualifier, eraLabelCode);
    }

    /// <summary>The day, when the date is complete and on the calendar (qualifiers ignored).</summary>
    public LocalDate? ToLocalDate() =>
        Year is { } y && Month is { } m && Day is { } d && d <= CalendarSystem.Iso.GetDaysInMonth(y, m)
            ? new LocalDate(y, m, d)
            : null;

    /// <summary>和暦 display (j90), e.g. 「昭和40年5月頃」「令和元年5月1日」「年月日不詳」.</summary>
    public string ToWareki(JapaneseEraTable eras)
    {
        if (Year is not { } year)
        {
            return "年月日不詳";
        }
        var era = (EraLabelCode is { } code ? eras.FindByCode(code) : null) ?? eras.EraOf(FirstDay()) ?? eras.Earliest;
        var eraYear = JapaneseEraTable.EraYear(era, year);
        var yearText = era.Name + (eraYear == 1 ? "元" : eraYear.ToString(CultureInfo.InvariantCulture)) + "年";
        return Decorate(yearText);
    }

    /// <summary>西暦 display, for the dates j90 requires in 西暦 (外国人住民の生年月日, 在留期間の満了の日).</summary>
    public string ToGregorian() =>
        Year is { } year ? Decorate(year.ToString(CultureInfo.InvariantCulture) + "年") : "年月日不詳";

    public override string ToString() => ToGregorian();

    private string Decorate(string yearText)
    {
        var body = yearText;
        if (Month is { } month)
        {
            body += month.ToString(CultureInfo.InvariantCulture) + "月";
            body += Day is { } day ? day.ToString(CultureInfo.InvariantCulture) + "日" : (Qualifier == DateQualifier.None ? " 日不詳" : "");
        }
        else if (Qualifier == DateQualifier.None)
        {
            body += " 月日不詳";
        }
        return Qualifier switch
        {
            DateQualifier.Approximate => body + "頃",
            DateQualifier.Estimated => "推定" + body,
            DateQualifier.EarlyInMonth => body + "上旬",
            DateQualifier.MidMonth => body + "中旬",
            DateQualifier.LateInMonth => body + "下旬",
            DateQualifier.Spring => body + "春",
            DateQualifier.Summer => body + "夏",
            DateQualifier.Autumn => body + "秋",
            DateQualifier.Winter => body + "冬",
            _ => body,
        };
    }

    private LocalDate FirstDay() => new(Year ?? 1, Month ?? 1, Math.Min(Day ?? 1, CalendarSystem.Iso.GetDaysInMonth(Year ?? 1, Month ?? 1)));
}
