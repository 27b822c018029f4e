using Jumin.Domain;
using Jumin.Domain.Dates;
using NodaTime;

namespace Jumin.Web.Infrastructure;

/// <summary>A date field of a form or a request (和暦, 西暦, R8.11.1 …): empty is null, bad input is named with its rule.</summary>
public static class DateFields
{
    public static LocalDate? Day(this JapaneseDateParser dates, string? text, string field, string label, List<FieldValidationException> errors, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors.Add(new(field, label, new("required", $"{label}を入力してください。")));
            }
            return null;
        }
        if (dates.TryParseDay(text, out var day, out var error))
        {
            return day;
        }
        errors.Add(new(field, label, error));
        return null;
    }

    /// <summary>The period asked for; by default the last 30 days up to today (Japan time).</summary>
    public static (LocalDate From, LocalDate To) Period(string? from, string? to, LocalDate today, JapaneseDateParser dates, List<FieldValidationException> errors)
    {
        var end = dates.Day(to, "to", "期間（まで）", errors) ?? today;
        var start = dates.Day(from, "from", "期間（から）", errors) ?? end.PlusDays(-30);
        if (start > end)
        {
            errors.Add(new("from", "期間（から）", new("after-end", "期間の開始は終了以前の日にしてください。")));
        }
        else if (NodaTime.Period.Between(start, end, PeriodUnits.Days).Days > 366)
        {
            errors.Add(new("from", "期間（から）", new("too-long", "一度に分析できる期間は1年までです。")));
        }
        return (start, end);
    }
}
