using Jumin.Domain;

namespace Jumin.Web.Infrastructure;

/// <summary>Lists of named choices in a form or a request (権限, 表示項目, 出力項目): an unknown name is named with its field.</summary>
public static class EnumFields
{
    /// <summary>Names of 操作権限 or 表示項目 as the API spells them (<c>Inquiry</c>, <c>IndividualNumber</c> …); none is null (keep).</summary>
    public static IReadOnlyCollection<T>? ParseAll<T>(string[]? names, string field, string label, List<FieldValidationException> errors)
        where T : struct, Enum
    {
        if (names is null)
        {
            return null;
        }
        var parsed = new List<T>();
        foreach (var name in names)
        {
            if (Enum.TryParse<T>(name, ignoreCase: false, out var value) && Enum.IsDefined(value) && !int.TryParse(name, out _))
            {
                parsed.Add(value);
            }
            else
            {
                errors.Add(new(field, label, new("unknown", $"「{name}」は{label}にありません（{string.Join(", ", Enum.GetNames<T>())}）。")));
            }
        }
        return parsed;
    }
}
