using Jumin.Domain.Certificates;
using Jumin.Registry.Certificates;
using Jumin.Testing;

namespace Jumin.Registry.Tests;

/// <summary>The PDF layout: 文字溢れ (j1070), several pages with the 認証文 on the last only (j1000), page numbers (j1040).</summary>
public class CertificatePdfTests
{
    private static CertificateDocument Document(IReadOnlyList<CertificatePersonBlock> people, string address = "岩手県みどり市中央一丁目１番１号") => new()
    {
        Kind = CertificateKind.ResidentRecordCopy,
        Title = "住民票の写し",
        Header = [new("住所", address)],
        People = people,
        Attestation = CertificateComposer.Attestation(CertificateKind.ResidentRecordCopy, true),
        IssuedOn = "令和8年11月30日",
        Signatory = "岩手県みどり市長　緑川　一郎",
        SealText = "みどり市長之印",
    };

    private static CertificatePersonBlock Person(int i, int historyLines = 0) =>
        new($"00000000{i}", 1, [new("氏名", $"山田　太郎{i}"), new("生年月日", "昭和55年5月5日"), new("性別", "男"), new("続柄", "子")], [.. Enumerable.Range(1, historyLines).Select(h => $"令和{h}年1月1日 転居 住所 岩手県みどり市中央一丁目{h}番")]);

    [Fact]
    public void An_item_too_long_for_its_box_is_set_smaller_then_cut_or_left_blank_and_reported_j1070()
    {
        var katagaki = string.Concat(Enumerable.Repeat("グランドパレスみどり", 12));
        var document = Document([Person(1)], "岩手県みどり市中央一丁目１番１号　" + katagaki);

        var truncated = new CertificatePdf(OverflowMode.Truncate).Layout(document);
        var blank = new CertificatePdf(OverflowMode.Blank).Layout(document);

        var overflow = Assert.Single(truncated.Overflows);
        Assert.Equal(("住所", "文字溢れ"), (overflow.Label, overflow.Problem));
        var row = truncated.Pages[0].First(e => e.Label == "住所");
        Assert.Equal(6, row.FontSize);
        Assert.StartsWith("岩手県みどり市中央一丁目１番１号", row.Value, StringComparison.Ordinal);
        Assert.True(row.Value.Length < document.Header[0].Value.Length);
        Assert.Equal("", blank.Pages[0].First(e => e.Label == "住所").Value);
        // A shorter item only gets smaller type, without an alert.
        var smaller = new CertificatePdf().Layout(Document([Person(1)], "岩手県みどり市中央一丁目１番１号　" + string.Concat(Enumerable.Repeat("みどり", 12))));
        Assert.Empty(smaller.Overflows);
        Assert.InRange(smaller.Pages[0].First(e => e.Label == "住所").FontSize, 6, 10);
    }

    [Fact]
    public void A_character_outside_the_font_is_reported_as_an_unregistered_gaiji_and_printed_as_geta_j1070()
    {
        var layout = new CertificatePdf().Layout(Document([new("1", 1, [new("氏名", "山田　\uE001子")], [])]));

        Assert.Equal("未登録外字", Assert.Single(layout.Overflows).Problem);
        Assert.Equal("山田　〓子", layout.Pages[0].First(e => e.Label == "氏名").Value);
    }

    [Fact]
    public void A_long_household_runs_over_pages_with_the_attestation_on_the_last_page_only_and_page_numbers_on_each()
    {
        var pdf = new CertificatePdf();
        var layout = pdf.Layout(Document([.. Enumerable.Range(1, 9).Select(i => Person(i, historyLines: 3))]));

        Assert.True(layout.PageCount >= 2, $"{layout.PageCount} pages");
        var bytes = pdf.Render([new PrintedCopy(layout, "20261130 みどり市 本庁1 プリンタ001 001", [.. Enumerable.Range(1, layout.PageCount).Select(p => $"CODE-000{p}-TEST")])], printSeal: true);

        var pages = PdfFiles.Text(bytes).Split('\n');
        Assert.Equal(layout.PageCount, pages.Length);
        Assert.Contains("住民票の写し（続き）", pages[1]);
        Assert.All(pages[..^1], p => Assert.DoesNotContain("相違ないことを証明する", p));
        Assert.Contains("この写しは、世帯全員の住民票の原本と相違ないことを証明する。", pages[^1]);
        for (var i = 0; i < pages.Length; i++)
        {
            Assert.Contains($"発行番号20261130みどり市本庁1プリンタ001001{i + 1}/{pages.Length}", pages[i]);
            Assert.Contains($"照合番号CODE-000{i + 1}-TEST", pages[i]);
        }
        Assert.Contains("山田太郎9", string.Concat(pages));
    }
}
