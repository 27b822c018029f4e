namespace Jumin.Domain.Certificates;

/// <summary>One printed item: 項目名 and its content.</summary>
public sealed record CertificateLine(string Label, string Value);

/// <summary>One person's block on the certificate (a 世帯連記式 copy has one per member, in j1010 order).</summary>
public sealed record CertificatePersonBlock(string AtenaNumber, int HistoryNumber, IReadOnlyList<CertificateLine> Lines, IReadOnlyList<string> History);

/// <summary>The 市区町村長 (or 職務代理者) in whose name certificates are issued (j1050).</summary>
public sealed record IssuingAuthority
{
    public required string Prefecture { get; init; }

    public required string Municipality { get; init; }

    /// <summary>職名 after the municipality's name: みどり市 + 長 = みどり市長.</summary>
    public string MayorTitle { get; init; } = "長";

    public required string MayorName { get; init; }

    /// <summary>職務代理者の職名 after the municipality's name: みどり市 + 長職務代理者　副市長.</summary>
    public string DeputyTitle { get; init; } = "長職務代理者　副市長";

    public required string DeputyName { get; init; }

    /// <summary>任意の固定文言 (j1050), e.g. 「この印は黒色です」.</summary>
    public string? SealNote { get; init; } = "この印は黒色です";

    /// <summary>The words of the 公印 (市区町村長 or 職務代理者の印, j1050).</summary>
    public string SealText(bool byDeputy) => byDeputy ? $"{Municipality}長職務代理者印" : $"{Municipality}長之印";

    /// <summary>都道府県名 is always printed with the 職名 (j1050).</summary>
    public string Signatory(bool byDeputy) =>
        byDeputy ? $"{Prefecture}{Municipality}{DeputyTitle}　{DeputyName}" : $"{Prefecture}{Municipality}{MayorTitle}　{MayorName}";
}

/// <summary>
/// A certificate as it will be printed, before layout: title, the 世帯 items, one block per person,
/// the 認証文 (on the last page only, j1000) and the signatory. One document is one certificate; a
/// 個人票 request for three people makes three documents, and each copy of each gets its own 発行番号.
/// </summary>
public sealed record CertificateDocument
{
    public required CertificateKind Kind { get; init; }

    public required string Title { get; init; }

    /// <summary>Items common to the 世帯: 住所 and 世帯主.</summary>
    public required IReadOnlyList<CertificateLine> Header { get; init; }

    public required IReadOnlyList<CertificatePersonBlock> People { get; init; }

    /// <summary>認証文.</summary>
    public required string Attestation { get; init; }

    /// <summary>発行日 in 和暦.</summary>
    public required string IssuedOn { get; init; }

    /// <summary>職名・氏名 under the 認証文 (j1050).</summary>
    public required string Signatory { get; init; }

    /// <summary>The words of the 公印 printed beside the signatory.</summary>
    public required string SealText { get; init; }

    /// <summary>任意の固定文言 printed with the 公印 (j1050).</summary>
    public string? SealNote { get; init; }

    /// <summary>「公用」 (j1060).</summary>
    public bool OfficialUse { get; init; }

    /// <summary>「再交付」 (j660).</summary>
    public bool Reissue { get; init; }

    /// <summary>A note printed above the 認証文 (e.g. 世帯の一部の写し, 転出予定の省略).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public bool IndividualNumberPrinted { get; init; }

    public IEnumerable<string> AllText() =>
        new[] { Title, Attestation, IssuedOn, Signatory }
            .Concat(Header.SelectMany(l => new[] { l.Label, l.Value }))
            .Concat(People.SelectMany(p => p.Lines.SelectMany(l => new[] { l.Label, l.Value }).Concat(p.History)))
            .Concat(Notes);
}
