using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NodaTime;

namespace Jumin.Domain.Dates;

/// <summary>Which dates a field accepts (j80).</summary>
public enum DateRule
{
    /// <summary>Only days on the calendar (暦上日), with no qualifier.</summary>
    CalendarDay,

    /// <summary>
    /// Also 不詳日 and days not on the calendar (2月29日 of a common year), and the two 元号 labels
    /// j80 names (明治45年7月30日, 大正15年12月25日): for 生年月日, 住民となった年月日 and the like.
    /// </summary>
    MayBeUncertain,
}

/// <summary>
/// Reads dates as clerks type them, in 和暦 or 西暦 (j80, j90, j280): 「令和元年5月1日」「令和1年5月1日」
/// 「R1.5.1」「令1/5/1」「5010501」(元号コード+年月日), 「2019-05-01」「2019/5/1」「2019年5月1日」「20190501」,
/// with full-width digits, and under <see cref="DateRule.MayBeUncertain"/> the 不詳日 forms of j80.
/// </summary>
public sealed partial class JapaneseDateParser
{
    private readonly Regex datePattern;

    public JapaneseDateParser(JapaneseEraTable eras)
    {
        Eras = eras;
        // The era names come from the table, so that a 元号 added by configuration is read too (j280).
        var names = eras.Eras.SelectMany(e => new[] { e.Name, e.Abbreviation }).OrderByDescending(n => n.Length).Select(Regex.Escape);
        var letters = string.Concat(eras.Eras.Select(e => $"{char.ToUpperInvariant(e.Letter)}{char.ToLowerInvariant(e.Letter)}"));
        datePattern = new Regex(
            $@"^(?:(?<era>{string.Join("|", names)}|[{letters}])\s*(?<ey>元|\d{{1,2}})|(?<gy>\d{{4}}))(?:\s*[年./\-]\s*(?:(?<m>\d{{1,2}})(?:\s*[月./\-]\s*(?:(?<d>\d{{1,2}})\s*日?)?)?)?)?(?<tail>.*)$",
            RegexOptions.CultureInvariant);
    }

    public JapaneseEraTable Eras { get; }

    public bool TryParse(string? input, DateRule rule, [NotNullWhen(true)] out RecordedDate? date, [NotNullWhen(false)] out ValidationError? error)
    {
        date = null;
        var text = Normalize(input);
        if (text.Length == 0)
        {
            error = new("required", "日付を入力してください。");
            return false;
        }
        if (text is "年月日不詳" or "不詳")
        {
            return Uncertain(RecordedDate.Unknown, rule, out date, out error);
        }

        var qualifier = DateQualifier.None;
        if (text.StartsWith("推定", StringComparison.Ordinal))
        {
            qualifier = DateQualifier.Estimated;
            text = text[2..].TrimStart();
        }

        if (!TrySplit(text, out var era, out var yearText, out var monthText, out var dayText, out var tail, out error))
        {
            return false;
        }

        var tailQualifier = tail switch
        {
            "" or "月日不詳" or "日不詳" => DateQualifier.None,
            "頃" => DateQualifier.Approximate,
            "上旬" or "上旬頃" => DateQualifier.EarlyInMonth,
            "中旬" or "中旬頃" => DateQualifier.MidMonth,
            "下旬" or "下旬頃" => DateQualifier.LateInMonth,
            "春" => DateQualifier.Spring,
            "夏" => DateQualifier.Summer,
            "秋" => DateQualifier.Autumn,
            "冬" => DateQualifier.Winter,
            _ => (DateQualifier?)null,
        } ?? DateQualifier.None;
        if (tail.Length > 0 && tailQualifier == DateQualifier.None && tail is not ("月日不詳" or "日不詳"))
        {
            error = new("format", $"「{tail}」は日付として読めません。例：令和5年4月1日、R5.4.1、2023-04-01");
            return false;
        }
        if (tailQualifier != DateQualifier.None)
        {
            if (qualifier != DateQualifier.None)
            {
                error = new("format", "推定と頃・上旬などは同時に指定できません。");
                return false;
            }
            qualifier = tailQualifier;
        }

        int year;
        if (era is not null)
        {
            var eraYear = yearText == "元" ? 1 : int.Parse(yearText, CultureInfo.InvariantCulture);
            if (eraYear < 1)
            {
                error = new("era-year", $"{era.Name}0年は存在しません。元号の年は元年（1年）からです。");
                return false;
            }
            year = JapaneseEraTable.GregorianYear(era, eraYear);
        }
        else
        {
            year = int.Parse(yearText, CultureInfo.InvariantCulture);
        }

        int? month = monthText is null ? null : int.Parse(monthText, CultureInfo.InvariantCulture);
        int? day = dayText is null ? null : int.Parse(dayText, CultureInfo.InvariantCulture);
        if (month is < 1 or > 12)
        {
            error = new("month", $"{month}月は存在しません。月は1～12です。");
            return false;
        }
        if (year is < 1 or > 9999)
        {
            error = new("year", $"{year}年は扱えない年です。");
            return false;
        }
        if (day is not null && month is null)
        {
            error = new("format", "月のない日は指定できません。");
            return false;
        }
        if (qualifier is DateQualifier.EarlyInMonth or DateQualifier.MidMonth or DateQualifier.LateInMonth && (month is null || day is not null))
        {
            error = new("format", "上旬・中旬・下旬は年月に付けて指定します（例：令和5年4月上旬）。");
            return false;
        }
        if (qualifier is >= DateQualifier.Spring && month is not null)
        {
            error = new("format", "春・夏・秋・冬は年に付けて指定します（例：令和5年春）。");
            return false;
        }

        var onCalendar = true;
        if (day is { } d)
        {
            var daysInMonth = CalendarSystem.Iso.GetDaysInMonth(year, month!.Value);
            var daysInLeapMonth = month == 2 ? 29 : daysInMonth;
            if (d < 1 || d > daysInLeapMonth)
            {
                error = new("day", $"{month}月{d}日は存在しません。{month}月は{daysInLeapMonth}日までです。");
                return false;
            }
            onCalendar = d <= daysInMonth;
        }

        var eraLabelToKeep = (JapaneseEra?)null;
        if (era is not null)
        {
            var eraError = CheckWithinEra(era, year, month, day, rule, onCalendar, out eraLabelToKeep);
            if (eraError is not null)
            {
                error = eraError;
                return false;
            }
        }

        var result = new RecordedDate(year, month, day, qualifier, eraLabelToKeep?.Code);
        if (result.IsCalendarDate)
        {
            date = result;
            error = null;
            return true;
        }
        if (!onCalendar && rule == DateRule.MayBeUncertain)
        {
            // j80 allows e.g. 2月29日 of a common year so that the register can match the 戸籍.
            date = result;
            error = null;
            return true;
        }
        if (!onCalendar)
        {
            error = new("day", $"{year}年は閏年ではないため2月29日は存在しません。");
            return false;
        }
        return Uncertain(result, rule, out date, out error);
    }

    /// <summary>Parses a field that only takes calendar days.</summary>
    public bool TryParseDay(string? input, out LocalDate day, [NotNullWhen(false)] out ValidationError? error)
    {
        day = default;
        if (!TryParse(input, DateRule.CalendarDay, out var date, out error))
        {
            return false;
        }
        day = date.ToLocalDate()!.Value;
        return true;
    }

    public RecordedDate Parse(string input, DateRule rule) =>
        TryParse(input, rule, out var date, out var error) ? date : throw new InvalidValueException(error);

    public LocalDate ParseDay(string input) =>
        TryParseDay(input, out var day, out var error) ? day : throw new InvalidValueException(error);

    /// <summary>和暦 display of a calendar day (j90), e.g. 令和元年5月1日.</summary>
    public string ToWareki(LocalDate day) => RecordedDate.FromLocalDate(day).ToWareki(Eras);

    private static bool Uncertain(RecordedDate value, DateRule rule, [NotNullWhen(true)] out RecordedDate? date, [NotNullWhen(false)] out ValidationError? error)
    {
        if (rule == DateRule.MayBeUncertain)
        {
            date = value;
            error = null;
            return true;
        }
        date = null;
        error = new("uncertain-not-allowed", "この項目には不詳日（頃・推定・不詳など）は入力できません。年月日をすべて入力してください。");
        return false;
    }

    private ValidationError? CheckWithinEra(JapaneseEra era, int year, int? month, int? day, DateRule rule, bool onCalendar, out JapaneseEra? eraLabelToKeep)
    {
        eraLabelToKeep = null;
        var next = Eras.Next(era);
        var first = new LocalDate(year, month ?? 1, 1);
        var lastMonth = month ?? 12;
        var last = new LocalDate(year, lastMonth, CalendarSystem.Iso.GetDaysInMonth(year, lastMonth));
        if (day is { } d && onCalendar)
        {
            first = last = new LocalDate(year, month!.Value, d);
        }
        var eraYear = JapaneseEraTable.EraYear(era, year);
        var beforeStart = last < era.Start;
        var afterEnd = next is not null && first >= next.Start;
        if (afterEnd && rule == DateRule.MayBeUncertain && next is not null && day is not null && first == next.Start
            && (era.Name, eraYear) is ("明治", 45) or ("大正", 15))
        {
            // j80 names 明治45年7月30日 and 大正15年12月25日 as dates the register must accept.
            eraLabelToKeep = era;
            return null;
        }
        if (beforeStart)
        {
            return new("era-range", $"{era.Name}{(eraYear == 1 ? "元" : eraYear.ToString(CultureInfo.InvariantCulture))}年{(month is null ? "" : $"{month}月")}{(day is null ? "" : $"{day}日")}は{era.Name}の始まり（{ToWareki(era.Start)}）より前です。");
        }
        if (afterEnd)
        {
            return new("era-range", $"{era.Name}は{ToWareki(next!.Start.PlusDays(-1))}までです。{era.Name}{eraYear}年{(month is null ? "" : $"{month}月")}{(day is null ? "" : $"{day}日")}は存在しません。");
        }
        // The label is kept only where it is not the era of the first day the date covers (e.g. 平成元年 for a year-only date).
        if (Eras.EraOf(first) != era)
        {
            eraLabelToKeep = era;
        }
        return null;
    }

    private bool TrySplit(string text, out JapaneseEra? era, [NotNullWhen(true)] out string? yearText, out string? monthText, out string? dayText, out string tail, [NotNullWhen(false)] out ValidationError? error)
    {
        era = null;
        yearText = monthText = dayText = null;
        tail = string.Empty;
        error = null;

        var compact = CompactDigits().Match(text);
        if (compact.Success)
        {
            var digits = compact.Value;
            if (digits.Length == 8)
            {
                yearText = digits[..4];
                monthText = digits[4..6];
                dayText = digits[6..];
                return true;
            }
            era = Eras.FindByCode(digits[0] - '0');
            if (era is null)
            {
                error = new("era", $"元号コード{digits[0]}はありません（1明治・2大正・3昭和・4平成・5令和）。");
                return false;
            }
            yearText = digits[1..3];
            monthText = digits[3..5];
            dayText = digits[5..];
            return true;
        }

        var match = datePattern.Match(text);
        if (!match.Success)
        {
            error = new("format", $"「{text}」は日付として読めません。例：令和5年4月1日、R5.4.1、2023-04-01");
            return false;
        }
        if (match.Groups["era"].Success)
        {
            era = Eras.Find(match.Groups["era"].Value);
            if (era is null)
            {
                error = new("era", $"元号「{match.Groups["era"].Value}」はありません。");
                return false;
            }
            yearText = match.Groups["ey"].Value;
        }
        else
        {
            yearText = match.Groups["gy"].Value;
        }
        monthText = match.Groups["m"].Success ? match.Groups["m"].Value : null;
        dayText = match.Groups["d"].Success ? match.Groups["d"].Value : null;
        tail = match.Groups["tail"].Value.Trim();
        return true;
    }

    private static string Normalize(string? input) =>
        string.IsNullOrWhiteSpace(input) ? string.Empty : input.Normalize(NormalizationForm.FormKC).Trim();

    [GeneratedRegex(@"^(\d{8}|\d{7})$")]
    private static partial Regex CompactDigits();
}
