using Jumin.Domain.Residents;
using Jumin.Domain.Search;
using Jumin.Registry.Persistence;
using Jumin.Storage.Security;

namespace Jumin.Registry.Residents;

/// <summary>The search keys (j330, j340) one history row contributes.</summary>
internal static class SearchTermsOf
{
    public static IEnumerable<(SearchTermKind Kind, string Key)> Row(ResidentRecord r, IndividualNumberProtector protector)
    {
        foreach (var key in KanaKeys(r.FamilyNameKana, r.GivenNameKana, r.FormerSurnameKana, r.AliasKana))
        {
            yield return (SearchTermKind.NameKana, key);
        }
        foreach (var text in new[] { r.FamilyName + r.GivenName, r.FamilyName, r.GivenName, r.FormerSurname, r.Alias, r.AlphabetName })
        {
            var key = KanjiSearchKey.For(text).ToUpperInvariant();
            if (key.Length > 0)
            {
                yield return (SearchTermKind.NameText, key);
            }
        }
        yield return (SearchTermKind.Address, AddressSearchKey.For(r.Address + r.Banchi + r.Katagaki));
        if (r.ResidentCode is { } code)
        {
            yield return (SearchTermKind.ResidentCode, code.Value);
        }
        if (r.IndividualNumber is { } number)
        {
            yield return (SearchTermKind.IndividualNumberHash, protector.LookupHash(number.Digits));
        }
        if (r.ResidenceCardNumber is { } card)
        {
            yield return (SearchTermKind.ResidenceCardNumber, card.Value);
        }
    }

    /// <summary>The key a person's current row is sorted by in search results: the whole カナ name.</summary>
    public static string NameSortKey(string familyNameKana, string givenNameKana) => KanaSearchKey.For(familyNameKana + givenNameKana);

    /// <summary>The カナ keys of one history row: the whole name, each part, the 旧氏 and the 通称.</summary>
    public static IEnumerable<string> KanaKeys(string familyNameKana, string givenNameKana, string? formerSurnameKana, string? aliasKana) =>
        new[] { familyNameKana + givenNameKana, familyNameKana, givenNameKana, formerSurnameKana, aliasKana }
            .Select(KanaSearchKey.For)
            .Where(key => key.Length > 0);
}
