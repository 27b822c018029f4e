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
}
