using NodaTime;

namespace Jumin.Domain.Certificates;

/// <summary>
/// 発行番号 (j1040): 発行年月日・市区町村名・発行端末名・発行プリンタ・発行された順の番号, followed on
/// each page by ページ数／総ページ数 — e.g. <c>20200502 ●●市 本庁1 プリンタ001 011 1/2</c>. Every
/// copy gets its own serial, so no two copies share a number.
/// </summary>
public sealed record IssueNumber
{
    public IssueNumber(LocalDate issuedOn, string municipality, string terminal, string printer, long serial)
    {
        if (serial < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(serial), "発行番号の連番は1から始まります。");
        }
        if (new[] { municipality, terminal, printer }.Any(s => string.IsNullOrWhiteSpace(s) || s.Contains(' ', StringComparison.Ordinal)))
        {
            throw new ArgumentException("発行番号の市区町村名・端末名・プリンタ名は空白を含められません。");
        }
        IssuedOn = issuedOn;
        Municipality = municipality;
        Terminal = terminal;
        Printer = printer;
        Serial = serial;
    }

    public LocalDate IssuedOn { get; }

    public string Municipality { get; }

    public string Terminal { get; }

    public string Printer { get; }

    public long Serial { get; }

    public override string ToString() => $"{IssuedOn.Year:0000}{IssuedOn.Month:00}{IssuedOn.Day:00} {Municipality} {Terminal} {Printer} {Serial:000}";

    /// <summary>The number as printed on one page.</summary>
    public string OnPage(int page, int pages) => $"{this} {page}/{pages}";
}
