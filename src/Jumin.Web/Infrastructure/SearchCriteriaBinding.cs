using Jumin.Domain;
using Jumin.Domain.Residents;
using Jumin.Registry.Residents;
using F = Jumin.Registry.Residents.ResidentSearchCriteria.Fields;

namespace Jumin.Web.Infrastructure;

/// <summary>
/// Search criteria from a query string — the same names on the search screen, in the API, in the search history and
/// in the errors (<see cref="ResidentSearchCriteria.Fields"/>), so that a search is a link that can be repeated (j320).
/// A parameter that is not a criterion is refused: a misspelt one would otherwise search for something else.
/// </summary>
internal static class SearchCriteriaBinding
{
    public static ResidentSearchCriteria FromQuery(IQueryCollection q, List<FieldValidationException> errors)
    {
        foreach (var unknown in q.Keys.Where(k => !F.All.Contains(k)).Order(StringComparer.Ordinal))
        {
            errors.Add(new(unknown, unknown, new("unknown-field", $"「{unknown}」という検索条件はありません。使える条件: {string.Join(", ", F.All)}。")));
        }
        var match = NameMatch.Prefix;
        switch (Value(q, F.Match)?.ToLowerInvariant())
        {
            case null or "" or "prefix":
                break;
            case "exact":
                match = NameMatch.Exact;
                break;
            case "partial":
                match = NameMatch.Partial;
                break;
            default:
                errors.Add(new(F.Match, "一致方法", new("value", "一致方法は prefix（前方一致）・exact（完全一致）・partial（部分一致）のいずれかです。")));
                break;
        }
        Sex? sex = null;
        switch (Value(q, F.Sex))
        {
            case null or "":
                break;
            case "1" or "男":
                sex = Sex.Male;
                break;
            case "2" or "女":
                sex = Sex.Female;
                break;
            default:
                errors.Add(new(F.Sex, "性別", new("value", "性別は 1（男）または 2（女）です。")));
                break;
        }
        ResidentStatus? status = null;
        var statusText = Value(q, F.Status);
        if (!string.IsNullOrEmpty(statusText))
        {
            if (int.TryParse(statusText, System.Globalization.CultureInfo.InvariantCulture, out var code) && Enum.IsDefined((ResidentStatus)code))
            {
                status = (ResidentStatus)code;
            }
            else
            {
                errors.Add(new(F.Status, "住民状態", new("value", "住民状態は 1（住民）・2（転出）・3（死亡）・4（職権消除）・5（帰化・国籍喪失等）・6（改製）のいずれかです。")));
            }
        }
        return new ResidentSearchCriteria
        {
            AtenaNumber = Value(q, F.AtenaNumber),
            HouseholdNumber = Value(q, F.HouseholdNumber),
            ResidentCode = Value(q, F.ResidentCode),
            IndividualNumber = Value(q, F.IndividualNumber),
            NameKana = Value(q, F.NameKana),
            Name = Value(q, F.Name),
            Match = match,
            BirthDate = Value(q, F.BirthDate),
            Sex = sex,
            Address = Value(q, F.Address),
            ResidenceCardNumber = Value(q, F.ResidenceCardNumber),
            Status = status,
            IncludeRemoved = Value(q, F.ResidentsOnly) is not ("true" or "on" or "1"),
        };
    }

    private static string? Value(IQueryCollection q, string name) => q.TryGetValue(name, out var v) ? v.ToString() : null;
}
