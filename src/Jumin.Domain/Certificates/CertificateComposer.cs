using Jumin.Domain.Dates;
using Jumin.Domain.Residents;
using NodaTime;

namespace Jumin.Domain.Certificates;

/// <summary>
/// Turns 住民票 rows into the certificates asked for (j1000–j1030, j660, j890): which items appear
/// (optional ones only when requested, 方書 always unless a 記載事項証明書 asks to omit it), in which
/// order (j1010), with フリガナ in brackets when asked (j1020), and the 認証文 of the kind.
/// Pure: what may be issued at all is <see cref="CertificateRules"/>' decision.
/// </summary>
public sealed class CertificateComposer(JapaneseEraTable eras, IssuingAuthority authority)
{
    public IssuingAuthority Authority { get; } = authority;

    /// <param name="request">What was asked for.</param>
    /// <param name="included">The latest rows of the people covered.</param>
    /// <param name="histories">Each person's history rows (oldest first), for 履歴 and 再交付.</param>
    /// <param name="wholeHousehold">The copy covers every member of the 世帯 (認証文 says 世帯全員).</param>
    /// <param name="issuedOn">発行日.</param>
    /// <param name="reissue">A 転出証明書 already issued once: printed as 再交付 with the original state.</param>
    public IReadOnlyList<CertificateDocument> Compose(CertificateRequest request, IReadOnlyList<ResidentRecord> included, IReadOnlyDictionary<string, IReadOnlyList<ResidentRecord>> histories, bool wholeHousehold, LocalDate issuedOn, bool reissue = false)
    {
        var ordered = HouseholdOrder.Sort(included);
        if (request.Kind is CertificateKind.MoveOutCertificate or CertificateKind.ResidentCodeNotice || request.Layout == CertificateLayout.Individual)
        {
            return [.. ordered.Select(p => Document(request, [p], histories, wholeHousehold: false, issuedOn, reissue))];
        }
        return [Document(request, ordered, histories, wholeHousehold, issuedOn, reissue)];
    }

    private CertificateDocument Document(CertificateRequest request, IReadOnlyList<ResidentRecord> people, IReadOnlyDictionary<string, IReadOnlyList<ResidentRecord>> histories, bool wholeHousehold, LocalDate issuedOn, bool reissue)
    {
        var kind = request.Kind;
        var items = request.Items;
        var first = people[0];
        var header = new List<CertificateLine>();
        if (kind != CertificateKind.ResidentCodeNotice)
        {
            header.Add(new("住所", Address(first, items.OmitKatagaki)));
            if (items.HouseholdHeadAndRelationship || kind == CertificateKind.MoveOutCertificate)
            {
                header.Add(new("世帯主", first.HouseholdHeadName ?? ""));
            }
        }
        var notes = new List<string>();
        if (kind.IsCopyOrEntryCertificate() && !wholeHousehold && people.Count > 0 && request.Layout == CertificateLayout.Household)
        {
            notes.Add("（世帯の一部）");
        }
        if (people.Any(p => p.IsResident && p.PlannedMoveOutDate is not null) && kind is CertificateKind.ResidentRecordCopy or CertificateKind.EntryCertificate)
        {
            // j1000: before the 転出予定日, what was recorded from the 転出届 is left off.
            notes.Add("（転出届に基づく記載事項は省略しています）");
        }
        if (reissue)
        {
            notes.Add("再交付（当初交付時の記載内容）");
        }

        var blocks = people.Select(p => Block(request, p, histories.TryGetValue(p.AtenaNumber.Value, out var h) ? h : [])).ToList();
        return new CertificateDocument
        {
            Kind = kind,
            Title = Title(kind, request.Layout, people.Count),
            Header = header,
            People = blocks,
            Attestation = Attestation(kind, wholeHousehold),
            IssuedOn = RecordedDate.FromLocalDate(issuedOn).ToWareki(eras),
            Signatory = Authority.Signatory(request.ByDeputy),
            SealText = Authority.SealText(request.ByDeputy),
            SealNote = Authority.SealNote,
            OfficialUse = request.IsOfficialUse && kind.IsCopyOrEntryCertificate(),
            Reissue = reissue,
            Notes = notes,
            IndividualNumberPrinted = blocks.Any(b => b.Lines.Any(l => l.Label == "個人番号" && l.Value.Length > 0)),
        };
    }

    private CertificatePersonBlock Block(CertificateRequest request, ResidentRecord p, IReadOnlyList<ResidentRecord> history)
    {
        var kind = request.Kind;
        var items = request.Items;
        var moveOut = kind == CertificateKind.MoveOutCertificate;
        var lines = new List<CertificateLine>();
        void Add(string label, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                lines.Add(new(label, value));
            }
        }

        Add("氏名", WithKana(p.FullName, p.FullNameKana, items.Kana));
        Add("氏名（アルファベット）", p.AlphabetName);
        if (items.FormerSurname || moveOut)
        {
            Add("旧氏", WithKana(p.FormerSurname, p.FormerSurnameKana, items.Kana));
        }
        if ((items.Alias || moveOut) && p.Alias is not null)
        {
            Add("通称", WithKana(p.Alias, p.AliasKana, items.Kana));
            Add("通称の記載", p.AliasRecordedOn is { } on ? Date(on) : null);
            Add("通称の削除", p.AliasDeletedOn is { } off ? Date(off) : null);
        }
        Add("生年月日", p.Kind == ResidentKind.Foreign ? p.BirthDate.ToGregorian() : p.BirthDate.ToWareki(eras));
        Add("性別", p.Sex.Japanese());
        if (kind == CertificateKind.ResidentCodeNotice)
        {
            Add("住所", Address(p, omitKatagaki: false));
            Add("住民票コード", p.ResidentCode?.Value);
            return new(p.AtenaNumber.Value, p.HistoryNumber, lines, []);
        }
        if (items.HouseholdHeadAndRelationship || moveOut)
        {
            Add("続柄", p.Relationship?.Text);
        }
        if (p.Kind == ResidentKind.Japanese)
        {
            Add("住民となった日", p.BecameResidentOn?.ToWareki(eras));
        }
        else
        {
            Add("外国人住民となった日", p.BecameForeignResidentOn?.ToWareki(eras));
        }
        Add("住所を定めた日", p.AddressEstablishedOn.ToWareki(eras));
        Add("届出日", p.NotificationDate is { } n ? Date(n) : null);
        Add("従前の住所", p.PreviousAddress);
        if ((items.Domicile || moveOut) && p.Kind == ResidentKind.Japanese)
        {
            Add("本籍", Domicile(p.DomicileStatus, p.Domicile));
            Add("筆頭者", Domicile(p.DomicileStatus, p.HeadOfFamilyRegister));
        }
        if (items.ResidentCode || moveOut)
        {
            Add("住民票コード", p.ResidentCode?.Value);
        }
        if (items.IndividualNumber || moveOut)
        {
            Add("個人番号", p.IndividualNumber?.Digits);
        }
        if (p.Kind == ResidentKind.Foreign && (items.ForeignResidentItems || moveOut))
        {
            Add("国籍・地域", p.Nationality);
            Add("法第30条の45に規定する区分", p.Article3045Category?.Japanese());
            Add("在留資格", p.StatusOfResidence);
            Add("在留期間等", p.PeriodOfStay);
            Add("在留期間の満了の日", p.PeriodOfStayExpiresOn is { } e ? RecordedDate.FromLocalDate(e).ToGregorian() : null);
            Add("在留カード等番号", p.ResidenceCardNumber?.Value);
        }
        if (moveOut)
        {
            Add("転出先", p.ConfirmedDestination ?? p.PlannedDestination);
            Add("転出先の世帯主", p.ConfirmedDestinationHouseholdHeadName ?? p.PlannedDestinationHouseholdHeadName);
            Add("転出予定年月日", p.PlannedMoveOutDate is { } planned ? Date(planned) : null);
            Add("転出年月日", p.ConfirmedMoveOutDate is { } confirmed ? Date(confirmed) : null);
        }
        if (!p.IsResident && !moveOut)
        {
            Add("消除事由", p.RemovalReason?.JapaneseName() ?? p.Status.Japanese());
            Add("消除事由の生じた日", p.RemovalDate?.ToWareki(eras));
            Add("転出先", p.ConfirmedDestination ?? p.PlannedDestination);
        }
        Add("備考", p.Remarks);

        var historyLines = items.History ? HistoryLines(history) : [];
        return new(p.AtenaNumber.Value, p.HistoryNumber, lines, historyLines);
    }

    /// <summary>履歴: each earlier 異動 that changed the name or the address, oldest first.</summary>
    private List<string> HistoryLines(IReadOnlyList<ResidentRecord> history)
    {
        var lines = new List<string>();
        ResidentRecord? before = null;
        foreach (var row in history)
        {
            var changes = new List<string>();
            if (before is null || before.FullName != row.FullName)
            {
                changes.Add($"氏名 {row.FullName}");
            }
            if (before is null || Address(before, false) != Address(row, false))
            {
                changes.Add($"住所 {Address(row, false)}");
            }
            if (changes.Count > 0)
            {
                lines.Add($"{row.ChangeDate.ToWareki(eras)} {row.ChangeReason.JapaneseName()} {string.Join(" ", changes)}");
            }
            before = row;
        }
        return lines;
    }

    private string Date(LocalDate date) => RecordedDate.FromLocalDate(date).ToWareki(eras);

    private static string? WithKana(string? text, string? kana, bool withKana) =>
        string.IsNullOrEmpty(text) ? null : withKana && !string.IsNullOrEmpty(kana) ? $"{text}　（{kana}）" : text;

    private static string Address(ResidentRecord r, bool omitKatagaki) =>
        string.Join("　", new[] { r.Address + r.Banchi, omitKatagaki ? null : r.Katagaki }.Where(s => !string.IsNullOrEmpty(s)));

    private static string Domicile(DomicileStatus status, string? value) => status switch
    {
        DomicileStatus.None => "なし",
        DomicileStatus.Unknown => "不明",
        DomicileStatus.NotApplicable => "",
        _ => value ?? "",
    };

    private static string Title(CertificateKind kind, CertificateLayout layout, int people) => kind switch
    {
        CertificateKind.ResidentRecordCopy when layout == CertificateLayout.Household && people > 1 => "住民票の写し（世帯連記式）",
        _ => kind.Japanese(),
    };

    /// <summary>認証文 (第4章).</summary>
    public static string Attestation(CertificateKind kind, bool wholeHousehold) => kind switch
    {
        CertificateKind.ResidentRecordCopy => wholeHousehold ? "この写しは、世帯全員の住民票の原本と相違ないことを証明する。" : "この写しは、住民票の原本と相違ないことを証明する。",
        CertificateKind.RemovedRecordCopy => "この写しは、住民票の除票の原本と相違ないことを証明する。",
        CertificateKind.EntryCertificate => "上記の事項は、住民票の原本と相違ないことを証明する。",
        CertificateKind.RemovedEntryCertificate => "上記の事項は、住民票の除票の原本と相違ないことを証明する。",
        CertificateKind.MoveOutCertificate => "上記の者は、転出の届出をしたことを証明する。",
        CertificateKind.ResidentCodeNotice => "あなたの住民票コードは上記のとおりです。大切に保管してください。",
        _ => "",
    };
}
