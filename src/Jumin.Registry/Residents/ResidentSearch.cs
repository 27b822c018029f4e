using System.Text;
using Jumin.Domain;
using Jumin.Domain.Dates;
using Jumin.Domain.Residents;
using Jumin.Domain.Search;
using Jumin.Registry.Access;
using Jumin.Registry.Audit;
using Jumin.Registry.Persistence;
using Jumin.Registry.Protection;
using Microsoft.EntityFrameworkCore;

namespace Jumin.Registry.Residents;

/// <summary>How a name is matched (j330: 完全一致・部分一致; 前方一致 is the counter's everyday choice).</summary>
public enum NameMatch
{
    /// <summary>前方一致.</summary>
    Prefix = 0,

    /// <summary>完全一致.</summary>
    Exact = 1,

    /// <summary>部分一致.</summary>
    Partial = 2,
}

/// <summary>
/// One person found: their current 住民票 (or 除票), whether they are a 支援対象者 (j380) and whether a
/// 抑止 is set on them or their 世帯 (j410: 検索結果の表示の際、抑止対象であることが明らかとなること). <paramref name="MatchedOn"/>
/// says which other name a カナ search found them by when their current カナ氏名 does not match: 旧氏, 通称 or 以前の氏名
/// (j330 searches all three), which the list would otherwise not show.
/// </summary>
public sealed record ResidentSearchHit(ResidentRecord Current, bool Protected = false, bool Restricted = false, string? MatchedOn = null);

public sealed record ResidentSearchResult(IReadOnlyList<ResidentSearchHit> Hits, bool Truncated);

/// <summary>A search that could not run because a criterion is invalid: every bad field, with its rule.</summary>
public sealed class SearchCriteriaException(IReadOnlyList<FieldValidationException> errors)
    : RefusalException(string.Join(" ", errors.Select(e => e.Message)))
{
    public override RefusalKind Kind => RefusalKind.Invalid;

    public override IReadOnlyList<FieldValidationException> Fields { get; } = errors;
}

/// <summary>基本検索 (j320–j340). Every search is in the audit log, whether it finds anyone or not.</summary>
public sealed class ResidentSearch(RegistryDatabase database, AuditTrail audit, JapaneseDateParser dates)
{
    public const int DefaultLimit = 200;

    /// <summary>How many searches each user's 検索履歴 keeps (j320: 一定の件数).</summary>
    public const int HistoryKept = 50;

    /// <summary>Searches; invalid criteria raise <see cref="SearchCriteriaException"/> and are audited as refused.</summary>
    public async Task<ResidentSearchResult> SearchAsync(Operator op, ResidentSearchCriteria criteria, int limit = DefaultLimit, string screen = "住民検索", CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.Inquiry, screen, cancellationToken);
        await audit.RequireReasonAsync(database, op, screen, cancellationToken);
        await using var db = database.Open();
        var errors = new List<FieldValidationException>();
        var query = Filter(db, op, criteria, errors);
        if (errors.Count > 0)
        {
            await audit.AppendAloneAsync(database, [audit.Event(op, AuditFunctions.Search, screen, outcome: Domain.Audit.AuditOutcome.Refused, detail: criteria.Summary() + " / " + string.Join(" ", errors.Select(e => e.Message)))], cancellationToken);
            throw new SearchCriteriaException(errors);
        }

        // Order and cut the narrow index first, then read only that page of full 住民票 rows.
        var page = query.OrderBy(r => r.NameKanaKey).ThenBy(r => r.AtenaNumber).Take(limit + 1);
        var rows = await (
            from r in page
            join h in db.ResidentHistory on new { r.AtenaNumber, N = r.LatestHistoryNumber } equals new { h.AtenaNumber, N = h.HistoryNumber }
            orderby r.NameKanaKey, r.AtenaNumber
            select h).AsNoTracking().ToListAsync(cancellationToken);
        var truncated = rows.Count > limit;
        if (truncated)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var target = rows.Count == 1 ? rows[0].AtenaNumber.Value : null;
        // Everyone listed was seen (氏名, 生年月日, 住所): an auditor asking "who saw this person" finds the listing too.
        var listed = rows.Count > 1 ? rows.Select(r => audit.Event(op, AuditFunctions.SearchListed, screen, r.AtenaNumber.Value, detail: criteria.Summary())) : [];
        await audit.AppendAsync(db, [audit.Event(op, AuditFunctions.Search, screen, target, individualNumberAccessed: !string.IsNullOrWhiteSpace(criteria.IndividualNumber), detail: $"{criteria.Summary()} / {rows.Count}{(truncated ? "+" : "")}件"), .. listed], cancellationToken);
        db.SearchHistory.Add(new SearchHistoryRow { UserId = op.UserId, At = audit.Clock.GetCurrentInstant().ToDateTimeUtc(), Query = criteria.ToQueryString(), Summary = criteria.Summary() });
        await db.SaveChangesAsync(cancellationToken);
        var oldestKept = await db.SearchHistory.Where(s => s.UserId == op.UserId).OrderByDescending(s => s.Id).Skip(HistoryKept - 1).Select(s => (long?)s.Id).FirstOrDefaultAsync(cancellationToken);
        if (oldestKept is { } cutoff)
        {
            await db.SearchHistory.Where(s => s.UserId == op.UserId && s.Id < cutoff).ExecuteDeleteAsync(cancellationToken);
        }
        var protection = await ProtectionReader.ForAsync(db, [.. rows.Select(r => r.AtenaNumber)], [.. rows.Select(r => r.HouseholdNumber).Distinct()], cancellationToken);
        await tx.CommitAsync(cancellationToken);
        var kana = string.IsNullOrWhiteSpace(criteria.NameKana) ? null : KanaSearchKey.For(criteria.NameKana);
        return new(rows.Select(r => new ResidentSearchHit(r, protection.MeasureOf(r.AtenaNumber) is not null, protection.On(r.AtenaNumber, r.HouseholdNumber).Any(), OtherNameMatched(r, kana, criteria.Match))).ToList(), truncated);
    }

    /// <summary>
    /// Null when the current カナ氏名 (whole, 氏 or 名) matches <paramref name="kanaKey"/> as the search did (<see cref="WithTerm"/>);
    /// otherwise the other name that did.
    /// </summary>
    private static string? OtherNameMatched(ResidentRecord r, string? kanaKey, NameMatch match)
    {
        if (kanaKey is null)
        {
            return null;
        }
        bool Matches(string? kana) => KanaSearchKey.For(kana ?? "") is { Length: > 0 } key && match switch
        {
            NameMatch.Exact => key == kanaKey,
            NameMatch.Partial => key.Contains(kanaKey, StringComparison.Ordinal),
            _ => key.StartsWith(kanaKey, StringComparison.Ordinal),
        };
        return Matches(r.FamilyNameKana + r.GivenNameKana) || Matches(r.FamilyNameKana) || Matches(r.GivenNameKana) ? null
            : Matches(r.FormerSurnameKana) ? "旧氏"
            : Matches(r.AliasKana) ? "通称"
            : "以前の氏名";
    }

    /// <summary>The user's last searches, newest first (j320).</summary>
    public async Task<IReadOnlyList<SearchHistoryRow>> HistoryAsync(Operator op, int count = 10, CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        return await db.SearchHistory.Where(s => s.UserId == op.UserId).OrderByDescending(s => s.Id).Take(count).ToListAsync(cancellationToken);
    }

    private IQueryable<ResidentIndexEntry> Filter(RegistryDbContext db, Operator op, ResidentSearchCriteria c, List<FieldValidationException> errors)
    {
        IQueryable<ResidentIndexEntry> q = db.Residents;
        if (c.IsEmpty)
        {
            errors.Add(new("criteria", "検索条件", new("required", "検索条件を1つ以上入力してください。")));
            return q;
        }
        if (!string.IsNullOrWhiteSpace(c.AtenaNumber))
        {
            if (Domain.Identifiers.AtenaNumber.TryParse(c.AtenaNumber, out var atena, out var e))
            {
                q = q.Where(r => r.AtenaNumber == atena);
            }
            else
            {
                errors.Add(new(ResidentSearchCriteria.Fields.AtenaNumber, "宛名番号", e));
            }
        }
        if (!string.IsNullOrWhiteSpace(c.HouseholdNumber))
        {
            if (Domain.Identifiers.HouseholdNumber.TryParse(c.HouseholdNumber, out var household, out var e))
            {
                q = q.Where(r => r.HouseholdNumber == household);
            }
            else
            {
                errors.Add(new(ResidentSearchCriteria.Fields.HouseholdNumber, "世帯番号", e));
            }
        }
        if (!string.IsNullOrWhiteSpace(c.ResidentCode))
        {
            // j1390: searching by an item is seeing it.
            if (!op.Sees(VisibleItem.ResidentCode))
            {
                errors.Add(new(ResidentSearchCriteria.Fields.ResidentCode, "住民票コード", new("forbidden", "住民票コードで検索する権限がありません。")));
            }
            else if (Domain.Identifiers.ResidentCode.TryParse(c.ResidentCode, out var code, out var e))
            {
                q = WithTerm(db, q, SearchTermKind.ResidentCode, code.Value, NameMatch.Exact);
            }
            else
            {
                errors.Add(new(ResidentSearchCriteria.Fields.ResidentCode, "住民票コード", e));
            }
        }
        if (!string.IsNullOrWhiteSpace(c.IndividualNumber))
        {
            if (!op.CanViewIndividualNumber)
            {
                errors.Add(new(ResidentSearchCriteria.Fields.IndividualNumber, "個人番号", new("forbidden", "個人番号で検索する権限がありません。")));
            }
            else if (Domain.Identifiers.IndividualNumber.TryParse(c.IndividualNumber, out var number, out var e))
            {
                q = WithTerm(db, q, SearchTermKind.IndividualNumberHash, db.Protector.LookupHash(number.Digits), NameMatch.Exact);
            }
            else
            {
                errors.Add(new(ResidentSearchCriteria.Fields.IndividualNumber, "個人番号", e));
            }
        }
        if (!string.IsNullOrWhiteSpace(c.ResidenceCardNumber))
        {
            if (!op.Sees(VisibleItem.ResidenceStatus))
            {
                errors.Add(new(ResidentSearchCriteria.Fields.ResidenceCardNumber, "在留カード等番号", new("forbidden", "在留カード等番号で検索する権限がありません。")));
            }
            else if (Domain.Identifiers.ResidenceCardNumber.TryParse(c.ResidenceCardNumber, out var card, out var e))
            {
                q = WithTerm(db, q, SearchTermKind.ResidenceCardNumber, card.Value, NameMatch.Exact);
            }
            else
            {
                errors.Add(new(ResidentSearchCriteria.Fields.ResidenceCardNumber, "在留カード等番号", e));
            }
        }
        if (!string.IsNullOrWhiteSpace(c.NameKana))
        {
            var key = KanaSearchKey.For(c.NameKana);
            if (key.Length == 0 || key.Any(ch => ch is < 'ァ' or > 'ヺ'))
            {
                errors.Add(new(ResidentSearchCriteria.Fields.NameKana, "カナ氏名", new("kana", "カナ氏名はカタカナ・ひらがなで入力してください。")));
            }
            else
            {
                q = WithTerm(db, q, SearchTermKind.NameKana, key, c.Match);
            }
        }
        if (!string.IsNullOrWhiteSpace(c.Name))
        {
            var key = KanjiSearchKey.For(c.Name).ToUpperInvariant();
            if (key.Length == 0)
            {
                errors.Add(new(ResidentSearchCriteria.Fields.Name, "氏名", new("required", "氏名を入力してください。")));
            }
            else
            {
                q = WithTerm(db, q, SearchTermKind.NameText, key, c.Match);
            }
        }
        if (!string.IsNullOrWhiteSpace(c.Address))
        {
            q = WithTerm(db, q, SearchTermKind.Address, AddressSearchKey.For(c.Address), NameMatch.Partial);
        }
        if (!string.IsNullOrWhiteSpace(c.BirthDate))
        {
            if (dates.TryParse(c.BirthDate, DateRule.MayBeUncertain, out var birth, out var e) && birth.Year is { } year)
            {
                // 和暦 and 西暦 name the same period (j340): match its whole span of yyyymmdd keys.
                var from = birth.SortKey;
                var to = birth.Day is not null ? from : birth.Month is not null ? from + 99 : from + 9999;
                if (birth.Day is null && birth.Month is null)
                {
                    from = year * 10000;
                }
                q = q.Where(r => r.BirthKey >= from && r.BirthKey <= to);
            }
            else
            {
                errors.Add(new(ResidentSearchCriteria.Fields.BirthDate, "生年月日", e ?? new("year", "生年月日の年を入力してください。")));
            }
        }
        if (c.Sex is { } sex)
        {
            var s = (int)sex;
            q = q.Where(r => r.Sex == s);
        }
        if (c.Status is { } status)
        {
            var code = (int)status;
            q = q.Where(r => r.Status == code);
        }
        if (!c.IncludeRemoved)
        {
            q = q.Where(r => r.Status == (int)ResidentStatus.Resident);
        }
        return q;
    }

    private static IQueryable<ResidentIndexEntry> WithTerm(RegistryDbContext db, IQueryable<ResidentIndexEntry> q, SearchTermKind kind, string key, NameMatch match)
    {
        var terms = db.SearchTerms.Where(t => t.Kind == kind);
        terms = match switch
        {
            NameMatch.Exact => terms.Where(t => t.Key == key),
            NameMatch.Partial => terms.Where(t => t.Key.Contains(key)),
            _ => PrefixRange(terms, key),
        };
        var atenas = terms.Select(t => t.AtenaNumber);
        return q.Where(r => atenas.Contains(r.AtenaNumber));
    }

    /// <summary>Prefix as a key range, so that an ordinary B-tree index answers it on both databases.</summary>
    private static IQueryable<SearchTerm> PrefixRange(IQueryable<SearchTerm> terms, string prefix)
    {
        var runes = prefix.EnumerateRunes().ToList();
        var last = runes[^1];
        var upper = string.Concat(runes.Take(runes.Count - 1).Select(r => r.ToString())) + new Rune(last.Value + 1).ToString();
        return terms.Where(t => string.Compare(t.Key, prefix) >= 0 && string.Compare(t.Key, upper) < 0);
    }

}
