using Jumin.Domain;
using Jumin.Domain.Residents;
using Jumin.Registry.Residents;

namespace Jumin.Web.Infrastructure;

/// <summary>
/// Search criteria from a query string — the same names on the search screen and in the API
/// (<c>atena, household, code, individualNumber, kana, name, match, birth, sex, address, card, status, residentsOnly</c>),
/// so that a search is a link that can be repeated (j320).
/// </summary>
internal static class SearchCriteriaBinding
{
    public static ResidentSearchCriteria FromQuery(IQueryCollection q, List<FieldValidationException> errors)
    {
        var match = NameMatch.Prefix;
        switch (Value(q, "match")?.ToLowerInvariant())
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
                errors.Add(new("match", "一致方法", new("value", "一致方法は prefix（前方一致）・exact（完全一致）・partial（部分一致）のいずれかです。")));
                break;
        }
        Sex? sex = null;
        switch (Value(q, "sex"))
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
                errors.Add(new("sex", "性別", new("value", "性別は 1（男）または 2（女）です。")));
                break;
        }
        ResidentStatus? status = null;
        var statusText = Value(q, "status");
        if (!string.IsNullOrEmpty(statusText))
        {
            if (int.TryParse(statusText, System.Globalization.CultureInfo.InvariantCulture, out var code) && Enum.IsDefined((ResidentStatus)code))
            {
                status = (ResidentStatus)code;
            }
            else
            {
                errors.Add(new("status", "住民状態", new("value", "住民状態は 1（住民）・2（転出）・3（死亡）・4（職権消除）・5（帰化・国籍喪失等）・6（改製）のいずれかです。")));
            }
        }
        return new ResidentSearchCriteria
        {
            AtenaNumber = Value(q, "atena"),
            HouseholdNumber = Value(q, "household"),
            ResidentCode = Value(q, "code"),
            IndividualNumber = Value(q, "individualNumber"),
            NameKana = Value(q, "kana"),
            Name = Value(q, "name"),
            Match = match,
            BirthDate = Value(q, "birth"),
            Sex = sex,
            Address = Value(q, "address"),
            ResidenceCardNumber = Value(q, "card"),
            Status = status,
            IncludeRemoved = Value(q, "residentsOnly") is not ("true" or "on" or "1"),
        };
    }

    private static string? Value(IQueryCollection q, string name) => q.TryGetValue(name, out var v) ? v.ToString() : null;
}
