using Jumin.Domain.Dates;
using NodaTime;

namespace Jumin.Domain.Tests;

public sealed class DateTests
{
    private readonly JapaneseDateParser parser = new(JapaneseEraTable.Default);

    [Theory]
    [InlineData(2019, 5, 1, "令和元年5月1日")]
    [InlineData(2019, 4, 30, "平成31年4月30日")]
    [InlineData(1989, 1, 8, "平成元年1月8日")]
    [InlineData(1989, 1, 7, "昭和64年1月7日")]
    [InlineData(1926, 12, 25, "昭和元年12月25日")]
    [InlineData(1926, 12, 24, "大正15年12月24日")]
    [InlineData(1912, 7, 30, "大正元年7月30日")]
    [InlineData(1912, 7, 29, "明治45年7月29日")]
    [InlineData(1900, 1, 1, "明治33年1月1日")]
    [InlineData(2026, 11, 29, "令和8年11月29日")]
    public void Days_are_shown_in_wareki_with_gannen(int y, int m, int d, string expected) =>
        Assert.Equal(expected, parser.ToWareki(new LocalDate(y, m, d)));

    [Theory]
    [InlineData("令和元年5月1日")]
    [InlineData("令和1年5月1日")]
    [InlineData("令和１年５月１日")]
    [InlineData("R1.5.1")]
    [InlineData("r01/05/01")]
    [InlineData("令1.5.1")]
    [InlineData("5010501")]
    [InlineData("2019-05-01")]
    [InlineData("2019/5/1")]
    [InlineData("2019年5月1日")]
    [InlineData("20190501")]
    public void Wareki_and_seireki_inputs_name_the_same_day(string input) =>
        Assert.Equal(new LocalDate(2019, 5, 1), parser.ParseDay(input));

    [Theory]
    [InlineData("令和0年5月1日", "era-year")]
    [InlineData("2023年2月30日", "day")]
    [InlineData("令和5年4月31日", "day")]
    [InlineData("令和5年13月1日", "month")]
    [InlineData("平成32年1月1日", "era-range")]
    [InlineData("平成31年5月1日", "era-range")]
    [InlineData("令和元年4月30日", "era-range")]
    [InlineData("昭和65年", "era-range")]
    [InlineData("慶応3年1月1日", "format")]
    [InlineData("6010101", "era")]
    [InlineData("きのう", "format")]
    public void Impossible_dates_are_refused_with_the_rule(string input, string rule)
    {
        Assert.False(parser.TryParse(input, DateRule.MayBeUncertain, out _, out var error));
        Assert.Equal(rule, error.Rule);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Theory]
    [InlineData("令和5年頃", "令和5年頃", 20230000)]
    [InlineData("令和5年4月頃", "令和5年4月頃", 20230400)]
    [InlineData("令和5年4月1日頃", "令和5年4月1日頃", 20230401)]
    [InlineData("推定令和5年4月1日", "推定令和5年4月1日", 20230401)]
    [InlineData("推定令和5年4月", "推定令和5年4月", 20230400)]
    [InlineData("令和5年春", "令和5年春", 20230000)]
    [InlineData("令和5年4月上旬", "令和5年4月上旬", 20230400)]
    [InlineData("令和5年4月中旬頃", "令和5年4月中旬", 20230400)]
    [InlineData("年月日不詳", "年月日不詳", 0)]
    [InlineData("令和5年 月日不詳", "令和5年 月日不詳", 20230000)]
    [InlineData("令和5年4月 日不詳", "令和5年4月 日不詳", 20230400)]
    [InlineData("昭和63年2月29日", "昭和63年2月29日", 19880229)]
    [InlineData("昭和62年2月29日", "昭和62年2月29日", 19870229)]
    [InlineData("明治45年7月30日", "明治45年7月30日", 19120730)]
    [InlineData("大正15年12月25日", "大正15年12月25日", 19261225)]
    [InlineData("平成元年", "平成元年 月日不詳", 19890000)]
    public void Uncertain_dates_of_j80_are_kept_as_entered(string input, string shown, int sortKey)
    {
        var date = parser.Parse(input, DateRule.MayBeUncertain);
        Assert.Equal(shown, date.ToWareki(JapaneseEraTable.Default));
        Assert.Equal(sortKey, date.SortKey);
    }

    [Theory]
    [InlineData("令和5年頃")]
    [InlineData("年月日不詳")]
    [InlineData("昭和62年2月29日")]
    [InlineData("明治45年7月30日")]
    public void Fields_that_take_only_calendar_days_refuse_uncertain_dates(string input) =>
        Assert.False(parser.TryParse(input, DateRule.CalendarDay, out _, out _));

    [Fact]
    public void A_stored_uncertain_date_reads_back_the_same()
    {
        var date = parser.Parse("平成元年", DateRule.MayBeUncertain);
        var back = RecordedDate.FromStored(date.SortKey, date.Qualifier, date.EraLabelCode);
        Assert.Equal(date, back);
        Assert.Equal("平成元年 月日不詳", back.ToWareki(JapaneseEraTable.Default));
    }

    [Fact]
    public void Foreign_residents_birth_dates_are_shown_in_seireki() =>
        Assert.Equal("1990年3月4日", parser.Parse("1990-03-04", DateRule.MayBeUncertain).ToGregorian());

    [Fact]
    public void A_new_era_is_a_parameter_not_a_code_change()
    {
        // j280: 元号変更 by configuration. A hypothetical era from 2030-01-01.
        var table = JapaneseEraTable.Default.WithEra(new JapaneseEra("新元", "新", 'N', 6, new LocalDate(2030, 1, 1)));
        var withNewEra = new JapaneseDateParser(table);
        Assert.Equal("新元元年1月1日", withNewEra.ToWareki(new LocalDate(2030, 1, 1)));
        Assert.Equal("令和11年12月31日", withNewEra.ToWareki(new LocalDate(2029, 12, 31)));
        Assert.Equal(new LocalDate(2031, 2, 3), withNewEra.ParseDay("新元2年2月3日"));
        Assert.False(withNewEra.TryParse("令和12年1月1日", DateRule.CalendarDay, out _, out var error));
        Assert.Equal("era-range", error.Rule);
    }
}
