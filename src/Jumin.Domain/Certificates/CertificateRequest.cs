using Jumin.Domain.Identifiers;

namespace Jumin.Domain.Certificates;

/// <summary>
/// 記載事項の指定 (j1000): the items the law lets the requester include or leave out. By default
/// 本籍・筆頭者, 住民票コード and 個人番号 are left out; 世帯主・続柄, 旧氏 and 通称 are printed.
/// </summary>
public sealed record CertificateItems
{
    /// <summary>世帯主・続柄.</summary>
    public bool HouseholdHeadAndRelationship { get; init; } = true;

    /// <summary>本籍・筆頭者 (日本人住民).</summary>
    public bool Domicile { get; init; }

    /// <summary>住民票コード.</summary>
    public bool ResidentCode { get; init; }

    /// <summary>個人番号.</summary>
    public bool IndividualNumber { get; init; }

    /// <summary>旧氏.</summary>
    public bool FormerSurname { get; init; } = true;

    /// <summary>通称 and the 記載・削除 of the 通称.</summary>
    public bool Alias { get; init; } = true;

    /// <summary>国籍・地域, 法第30条の45の区分, 在留資格, 在留期間, 満了の日, 在留カード等番号 (外国人住民).</summary>
    public bool ForeignResidentItems { get; init; } = true;

    /// <summary>フリガナ in brackets after 氏名, 旧氏 and 通称 (j1020).</summary>
    public bool Kana { get; init; }

    /// <summary>履歴 — the earlier names and addresses (j1000 形式の指定「履歴の有無」).</summary>
    public bool History { get; init; }

    /// <summary>方書を省略 — only a 記載事項証明書 may leave it out, and only when asked (j1030).</summary>
    public bool OmitKatagaki { get; init; }

    public static CertificateItems Default { get; } = new();

    /// <summary>The items asked for, in Japanese, for the 交付履歴 (記載事項).</summary>
    public string Describe()
    {
        var parts = new List<string>();
        void Add(bool on, string name)
        {
            if (on)
            {
                parts.Add(name);
            }
        }
        Add(HouseholdHeadAndRelationship, "世帯主・続柄");
        Add(Domicile, "本籍・筆頭者");
        Add(ResidentCode, "住民票コード");
        Add(IndividualNumber, "個人番号");
        Add(FormerSurname, "旧氏");
        Add(Alias, "通称");
        Add(ForeignResidentItems, "国籍・在留資格等");
        Add(Kana, "フリガナ");
        Add(History, "履歴");
        Add(OmitKatagaki, "方書省略");
        return parts.Count == 0 ? "基本事項のみ" : string.Join("・", parts);
    }
}

/// <summary>The person asking, how they were identified and why (j300, 住基法第12条～第12条の3).</summary>
public sealed record Requester
{
    public required RequesterKind Kind { get; init; }

    /// <summary>請求者の氏名 (or the requesting office for 公用).</summary>
    public required string Name { get; init; }

    /// <summary>請求者の住所 (not needed for 本人 and 同一世帯).</summary>
    public string? Address { get; init; }

    public required IdentityCheck Identification { get; init; }

    /// <summary>請求事由・利用目的 — required for 第三者 and 公用 (法第12条の2・第12条の3).</summary>
    public string? Purpose { get; init; }

    public RequestChannel Channel { get; init; } = RequestChannel.Counter;
}

/// <summary>
/// 証明書の交付請求: which certificate, for whom (a person, and for 写し the members of their 世帯),
/// in which form and with which items, asked by whom.
/// </summary>
public sealed record CertificateRequest
{
    public required CertificateKind Kind { get; init; }

    /// <summary>The person named in the request (本人 or, for a 世帯, any member).</summary>
    public required AtenaNumber Subject { get; init; }

    /// <summary>
    /// 世帯の一部: the members to include; empty means the subject alone for 個人 certificates and
    /// 世帯全員 when <see cref="WholeHousehold"/> is set.
    /// </summary>
    public IReadOnlyList<AtenaNumber> Members { get; init; } = [];

    /// <summary>世帯全員 (j1000): every current member of the subject's 世帯.</summary>
    public bool WholeHousehold { get; init; }

    public CertificateLayout Layout { get; init; } = CertificateLayout.Household;

    public CertificateItems Items { get; init; } = CertificateItems.Default;

    public required Requester Requester { get; init; }

    /// <summary>部数 — each copy gets its own 発行番号 (j1040).</summary>
    public int Copies { get; init; } = 1;

    /// <summary>職務代理者の職名・氏名 and 印 instead of the 市区町村長's (j1050).</summary>
    public bool ByDeputy { get; init; }

    /// <summary>公印を印字する (j1050); a 公用 or an internal copy may go without it.</summary>
    public bool PrintSeal { get; init; } = true;

    /// <summary>The 支援措置 approval that lets this request through (j440), if one was given.</summary>
    public long? SupportApprovalId { get; init; }

    /// <summary>「公用」 on the certificate (j1060) — follows from a 公用 request.</summary>
    public bool IsOfficialUse => Requester.Kind == RequesterKind.Official;

    public const int MaxCopies = 10;
}
