using System.Globalization;
using Jumin.Domain.Residents;

namespace Jumin.Registry.Residents;

/// <summary>The criteria of 基本検索 (j340), as typed: every field is optional, and they combine with AND.</summary>
public sealed record ResidentSearchCriteria
{
    /// <summary>
    /// The name of each criterion in a query string (search screen, API, search history) and in the errors that
    /// refuse it — one name per criterion, so a client reads back the field it sent.
    /// </summary>
    public static class Fields
    {
        public const string AtenaNumber = "atenaNumber";
        public const string HouseholdNumber = "householdNumber";
        public const string ResidentCode = "residentCode";
        public const string IndividualNumber = "individualNumber";
        public const string NameKana = "nameKana";
        public const string Name = "name";
        public const string Match = "match";
        public const string BirthDate = "birthDate";
        public const string Sex = "sex";
        public const string Address = "address";
        public const string ResidenceCardNumber = "residenceCardNumber";
        public const string Status = "status";
        public const string ResidentsOnly = "residentsOnly";

        public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
        {
            AtenaNumber, HouseholdNumber, ResidentCode, IndividualNumber, NameKana, Name, Match, BirthDate, Sex, Address, ResidenceCardNumber, Status, ResidentsOnly,
        };
    }

    public string? AtenaNumber { get; init; }

    public string? HouseholdNumber { get; init; }

    public string? ResidentCode { get; init; }

    public string? IndividualNumber { get; init; }

    /// <summary>カナ氏名 — 氏名, 氏 only, 名 only, 旧氏 or 通称, past ones included.</summary>
    public string? NameKana { get; init; }

    /// <summary>漢字氏名 (or アルファベット氏名), past ones included.</summary>
    public string? Name { get; init; }

    public NameMatch Match { get; init; }

    /// <summary>生年月日 in 和暦 or 西暦; a year or a year and month alone match the whole period.</summary>
    public string? BirthDate { get; init; }

    public Sex? Sex { get; init; }

    /// <summary>住所 (any part: 町名, 番地, 方書), past ones included.</summary>
    public string? Address { get; init; }

    public string? ResidenceCardNumber { get; init; }

    /// <summary>住民状態, i.e. whether and why the 住民票 was removed (j340: 当該住民票を消除した事由).</summary>
    public ResidentStatus? Status { get; init; }

    /// <summary>Also 消除者 (除票).</summary>
    public bool IncludeRemoved { get; init; } = true;

    public bool IsEmpty =>
        new[] { AtenaNumber, HouseholdNumber, ResidentCode, IndividualNumber, NameKana, Name, BirthDate, Address, ResidenceCardNumber }.All(string.IsNullOrWhiteSpace)
        && Sex is null && Status is null;

    /// <summary>A readable summary for the search history and the audit log. The 個人番号 is never written out.</summary>
    public string Summary()
    {
        var parts = new List<string>();
        void Add(string label, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add($"{label}={value.Trim()}");
            }
        }
        Add("宛名番号", AtenaNumber);
        Add("世帯番号", HouseholdNumber);
        Add("住民票コード", ResidentCode);
        if (!string.IsNullOrWhiteSpace(IndividualNumber))
        {
            parts.Add("個人番号=(指定あり)");
        }
        Add("カナ氏名", NameKana);
        Add("氏名", Name);
        if (!string.IsNullOrWhiteSpace(NameKana) || !string.IsNullOrWhiteSpace(Name))
        {
            parts.Add("一致=" + Match switch { NameMatch.Exact => "完全", NameMatch.Partial => "部分", _ => "前方" });
        }
        Add("生年月日", BirthDate);
        Add("性別", Sex?.Japanese());
        Add("住所", Address);
        Add("状態", Status?.Japanese());
        Add("在留カード等番号", ResidenceCardNumber);
        if (!IncludeRemoved)
        {
            parts.Add("消除者を除く");
        }
        return string.Join(" ", parts);
    }

    /// <summary>The criteria as the query string of the search screen and the API, to repeat the search from the history.</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
            }
        }
        Add(Fields.AtenaNumber, AtenaNumber);
        Add(Fields.HouseholdNumber, HouseholdNumber);
        Add(Fields.ResidentCode, ResidentCode);
        Add(Fields.NameKana, NameKana);
        Add(Fields.Name, Name);
        Add(Fields.BirthDate, BirthDate);
        Add(Fields.Address, Address);
        Add(Fields.ResidenceCardNumber, ResidenceCardNumber);
        if (Sex is { } sex)
        {
            parts.Add(Fields.Sex + "=" + ((int)sex).ToString(CultureInfo.InvariantCulture));
        }
        if (Status is { } status)
        {
            parts.Add(Fields.Status + "=" + ((int)status).ToString(CultureInfo.InvariantCulture));
        }
        if (Match != NameMatch.Prefix)
        {
            parts.Add(Fields.Match + "=" + Match.ToString().ToLowerInvariant());
        }
        if (!IncludeRemoved)
        {
            parts.Add(Fields.ResidentsOnly + "=true");
        }
        // The 個人番号 is deliberately not kept in the search history.
        return string.Join("&", parts);
    }
}
