using System.Globalization;
using Jumin.Domain.Certificates;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Jumin.Registry.Certificates;

/// <summary>What j1070 does with an item that does not fit even at the smallest font size.</summary>
public enum OverflowMode
{
    /// <summary>限界まで出力 — print as many characters as fit.</summary>
    Truncate = 1,

    /// <summary>空白で出力 — leave the item blank (the clerk writes it by hand).</summary>
    Blank,
}

/// <summary>An item that did not fit (文字溢れ) or holds a character the font lacks (未登録外字), j1070.</summary>
public sealed record Overflow(string Label, string Value, string Problem)
{
    public override string ToString() => $"{Label}：{Problem}（{Value}）";
}

/// <summary>One certificate copy laid out: its pages, and the items that overflowed.</summary>
public sealed record CertificateLayoutResult(CertificateDocument Document, IReadOnlyList<IReadOnlyList<LaidOutElement>> Pages, IReadOnlyList<Overflow> Overflows)
{
    public int PageCount => Pages.Count;
}

/// <summary>A row on a page at a vertical position.</summary>
public sealed record LaidOutElement(LaidOutKind Kind, double Y, double Height, string Label, string Value, double FontSize);

public enum LaidOutKind
{
    Row = 1,
    Heading,
    HistoryLine,
    Note,
    Closing,
}

/// <summary>A copy ready to print: the layout, its 発行番号 and the verification code of each page.</summary>
public sealed record PrintedCopy(CertificateLayoutResult Layout, string IssueNumber, IReadOnlyList<string> VerificationCodes);

/// <summary>
/// Renders certificates as A4 PDFs with PDFsharp: title, 世帯 items and one ruled block per person,
/// the 認証文, date and 職名・氏名 with the 公印 on the last page only (j1000), the 発行番号 with
/// page/total on every page (j1040), 「公用」 (j1060) and 「再交付」 (j660) marks, and a verification
/// code in the footer of each page. Long items are set smaller down to a minimum, then truncated or
/// blanked and reported (文字溢れ, j1070).
/// </summary>
public sealed class CertificatePdf(OverflowMode overflowMode = OverflowMode.Truncate, string? sealImagePath = null)
{
    private const double PageWidth = 595.28;
    private const double PageHeight = 841.89;
    private const double Left = 45;
    private const double Right = PageWidth - 45;
    private const double ContentTop = 118;
    private const double ContentBottom = PageHeight - 56;
    private const double LabelWidth = 150;
    private const double RowHeight = 16;
    private const double HistoryHeight = 13;
    private const double ClosingHeight = 140;
    private const double NormalSize = 10.5;
    private const double MinimumSize = 6;
    private const double CellPadding = 5;

    public OverflowMode OverflowMode { get; } = overflowMode;

    /// <summary>Breaks the document into pages and fits every item (no drawing yet: the page count goes into the 発行番号).</summary>
    public CertificateLayoutResult Layout(CertificateDocument document)
    {
        JapaneseFonts.EnsureInstalled();
        using var measure = XGraphics.CreateMeasureContext(new XSize(PageWidth, PageHeight), XGraphicsUnit.Point, XPageDirection.Downwards);
        var overflows = new List<Overflow>();
        var elements = new List<(LaidOutKind Kind, double Height, string Label, string Value, double Size)>();
        foreach (var line in document.Header)
        {
            elements.Add(Row(measure, line, overflows));
        }
        var number = 0;
        foreach (var person in document.People)
        {
            number++;
            if (document.People.Count > 1)
            {
                elements.Add((LaidOutKind.Heading, RowHeight, $"（{number}）", "", NormalSize));
            }
            foreach (var line in person.Lines)
            {
                elements.Add(Row(measure, line, overflows));
            }
            if (person.History.Count > 0)
            {
                elements.Add((LaidOutKind.Heading, RowHeight, "履歴", "", NormalSize));
                foreach (var h in person.History)
                {
                    var (text, size) = Fit(measure, h, Right - Left - 2 * CellPadding, 9, "履歴", overflows);
                    elements.Add((LaidOutKind.HistoryLine, HistoryHeight, "", text, size));
                }
            }
        }
        foreach (var note in document.Notes)
        {
            elements.Add((LaidOutKind.Note, RowHeight, "", note, NormalSize));
        }

        var pages = new List<IReadOnlyList<LaidOutElement>>();
        var page = new List<LaidOutElement>();
        var y = ContentTop;
        foreach (var e in elements)
        {
            if (y + e.Height > ContentBottom)
            {
                pages.Add(page);
                page = [];
                y = ContentTop;
            }
            page.Add(new(e.Kind, y, e.Height, e.Label, e.Value, e.Size));
            y += e.Height;
        }
        // 認証文 only on the last page (j1000): it moves to a page of its own if it does not fit.
        if (y + ClosingHeight > ContentBottom)
        {
            pages.Add(page);
            page = [];
            y = ContentTop;
        }
        page.Add(new(LaidOutKind.Closing, y + 14, ClosingHeight, "", "", 12));
        pages.Add(page);
        return new(document, pages, overflows);
    }

    /// <summary>Draws the copies into one PDF (a preview says 見本 across each page and has no 発行番号).</summary>
    public byte[] Render(IReadOnlyList<PrintedCopy> copies, bool printSeal, bool preview = false)
    {
        JapaneseFonts.EnsureInstalled();
        using var pdf = new PdfDocument();
        pdf.Info.Title = copies.Count > 0 ? copies[0].Layout.Document.Title : "証明書";
        pdf.Info.Creator = "Jumin 住民記録システム";
        foreach (var copy in copies)
        {
            var total = copy.Layout.PageCount;
            for (var i = 0; i < total; i++)
            {
                var page = pdf.AddPage();
                page.Size = PdfSharp.PageSize.A4;
                using var g = XGraphics.FromPdfPage(page);
                DrawPage(g, copy, i, total, printSeal, preview);
            }
        }
        using var stream = new MemoryStream();
        pdf.Save(stream, false);
        return stream.ToArray();
    }

    private void DrawPage(XGraphics g, PrintedCopy copy, int index, int total, bool printSeal, bool preview)
    {
        var document = copy.Layout.Document;
        var small = Font(8);
        var pen = new XPen(XColors.Black, 0.6);

        g.DrawString(preview ? "発行番号（見本のため付番しません）" : $"発行番号 {copy.IssueNumber} {index + 1}/{total}", small, XBrushes.Black, new XPoint(Left, 36));
        var marks = new List<string>();
        if (document.Reissue)
        {
            marks.Add("再交付");
        }
        if (document.OfficialUse)
        {
            marks.Add("公用");
        }
        var markX = Right;
        foreach (var mark in marks)
        {
            var font = Font(14, gothic: true);
            var width = g.MeasureString(mark, font).Width + 16;
            markX -= width;
            g.DrawRectangle(new XPen(XColors.Black, 1.5), markX, 46, width, 26);
            g.DrawString(mark, font, XBrushes.Black, new XRect(markX, 46, width, 26), XStringFormats.Center);
            markX -= 8;
        }
        var title = index == 0 ? document.Title : $"{document.Title}（続き）";
        g.DrawString(title, Font(20, gothic: true), XBrushes.Black, new XRect(Left, 74, Right - Left, 32), XStringFormats.Center);

        foreach (var e in copy.Layout.Pages[index])
        {
            switch (e.Kind)
            {
                case LaidOutKind.Row:
                    g.DrawRectangle(pen, Left, e.Y, LabelWidth, e.Height);
                    g.DrawRectangle(pen, Left + LabelWidth, e.Y, Right - Left - LabelWidth, e.Height);
                    g.DrawString(e.Label, Font(9.5), XBrushes.Black, new XRect(Left + CellPadding, e.Y, LabelWidth - 2 * CellPadding, e.Height), XStringFormats.CenterLeft);
                    g.DrawString(e.Value, Font(e.FontSize), XBrushes.Black, new XRect(Left + LabelWidth + CellPadding, e.Y, Right - Left - LabelWidth - 2 * CellPadding, e.Height), XStringFormats.CenterLeft);
                    break;
                case LaidOutKind.Heading:
                    g.DrawString(e.Label, Font(10.5, gothic: true), XBrushes.Black, new XRect(Left, e.Y + 2, Right - Left, e.Height), XStringFormats.CenterLeft);
                    break;
                case LaidOutKind.HistoryLine:
                    g.DrawString(e.Value, Font(e.FontSize), XBrushes.Black, new XRect(Left + CellPadding, e.Y, Right - Left - 2 * CellPadding, e.Height), XStringFormats.CenterLeft);
                    break;
                case LaidOutKind.Note:
                    g.DrawString(e.Value, Font(e.FontSize), XBrushes.Black, new XRect(Left, e.Y + 2, Right - Left, e.Height), XStringFormats.CenterLeft);
                    break;
                case LaidOutKind.Closing:
                    DrawClosing(g, document, e.Y, printSeal);
                    break;
            }
        }

        var code = index < copy.VerificationCodes.Count ? copy.VerificationCodes[index] : "";
        g.DrawLine(pen, Left, PageHeight - 48, Right, PageHeight - 48);
        g.DrawString(preview ? "見本" : $"照合番号 {code}", small, XBrushes.Black, new XPoint(Left, PageHeight - 36));
        g.DrawString($"{index + 1}/{total}", small, XBrushes.Black, new XRect(Left, PageHeight - 44, Right - Left, 12), XStringFormats.TopCenter);
        g.DrawString(preview ? "見本（交付していません）" : "照合番号で交付履歴と照合できます", small, XBrushes.Black, new XRect(Left, PageHeight - 44, Right - Left, 12), XStringFormats.TopRight);

        if (preview)
        {
            var state = g.Save();
            g.RotateAtTransform(-35, new XPoint(PageWidth / 2, PageHeight / 2));
            g.DrawString("見本", Font(120, gothic: true), new XSolidBrush(XColor.FromArgb(70, 128, 128, 128)), new XRect(0, PageHeight / 2 - 80, PageWidth, 160), XStringFormats.Center);
            g.Restore(state);
        }
    }

    private void DrawClosing(XGraphics g, CertificateDocument document, double y, bool printSeal)
    {
        var body = Font(12);
        g.DrawString(document.Attestation, body, XBrushes.Black, new XRect(Left, y, Right - Left, 20), XStringFormats.CenterLeft);
        g.DrawString(document.IssuedOn, body, XBrushes.Black, new XRect(Left + 20, y + 34, Right - Left, 20), XStringFormats.CenterLeft);
        var signatory = Font(13);
        var signatoryWidth = g.MeasureString(document.Signatory, signatory).Width;
        const double sealSize = 64; // 約22.6mm: j1050 allows up to 25mm square
        var signatoryX = Right - sealSize - 16 - signatoryWidth;
        g.DrawString(document.Signatory, signatory, XBrushes.Black, new XRect(signatoryX, y + 80, signatoryWidth, 22), XStringFormats.CenterLeft);
        if (printSeal)
        {
            DrawSeal(g, new XRect(Right - sealSize, y + 60, sealSize, sealSize), document.SealText);
            if (document.SealNote is { } note)
            {
                g.DrawString(note, Font(8), XBrushes.Black, new XRect(Left, y + 60 + sealSize + 4, Right - Left, 12), XStringFormats.TopRight);
            }
        }
        else
        {
            g.DrawString("公印省略", Font(10), XBrushes.Black, new XRect(Right - sealSize, y + 60, sealSize, sealSize), XStringFormats.Center);
        }
    }

    /// <summary>電子公印 (j1050): a configured image, or a black seal drawn from the 職名.</summary>
    private void DrawSeal(XGraphics g, XRect box, string text)
    {
        if (sealImagePath is not null)
        {
            using var image = XImage.FromFile(sealImagePath);
            g.DrawImage(image, box);
            return;
        }
        g.DrawRectangle(new XPen(XColors.Black, 2.4), box);
        var inner = new XRect(box.X + 4, box.Y + 4, box.Width - 8, box.Height - 8);
        g.DrawRectangle(new XPen(XColors.Black, 0.8), inner);
        // 篆書風: written in columns from the right, top to bottom.
        var chars = StringInfoElements(text);
        var columns = (int)Math.Ceiling(Math.Sqrt(chars.Count));
        var rows = (int)Math.Ceiling(chars.Count / (double)columns);
        var cellW = inner.Width / columns;
        var cellH = inner.Height / rows;
        var font = Font(Math.Min(cellW, cellH) * 0.82, gothic: true);
        for (var i = 0; i < chars.Count; i++)
        {
            var column = i / rows;
            var row = i % rows;
            var x = inner.Right - (column + 1) * cellW;
            g.DrawString(chars[i], font, XBrushes.Black, new XRect(x, inner.Y + row * cellH, cellW, cellH), XStringFormats.Center);
        }
    }

    private static List<string> StringInfoElements(string text)
    {
        var list = new List<string>();
        var e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext())
        {
            list.Add(e.GetTextElement());
        }
        return list;
    }

    private (LaidOutKind, double, string, string, double) Row(XGraphics measure, CertificateLine line, List<Overflow> overflows)
    {
        var (text, size) = Fit(measure, line.Value, Right - Left - LabelWidth - 2 * CellPadding, NormalSize, line.Label, overflows);
        return (LaidOutKind.Row, RowHeight, line.Label, text, size);
    }

    /// <summary>j1070: smaller type until it fits; then truncate or blank, and report it.</summary>
    private (string Text, double Size) Fit(XGraphics measure, string value, double width, double size, string label, List<Overflow> overflows)
    {
        var text = value;
        if (text.Any(c => c is >= '\uE000' and <= '\uF8FF'))
        {
            overflows.Add(new(label, value, "未登録外字"));
            text = new string([.. text.Select(c => c is >= '\uE000' and <= '\uF8FF' ? '〓' : c)]);
        }
        for (var s = size; s >= MinimumSize; s -= 0.5)
        {
            if (measure.MeasureString(text, Font(s)).Width <= width)
            {
                return (text, s);
            }
        }
        overflows.Add(new(label, value, "文字溢れ"));
        if (OverflowMode == OverflowMode.Blank)
        {
            return ("", MinimumSize);
        }
        var elements = StringInfoElements(text);
        while (elements.Count > 0 && measure.MeasureString(string.Concat(elements), Font(MinimumSize)).Width > width)
        {
            elements.RemoveAt(elements.Count - 1);
        }
        return (string.Concat(elements), MinimumSize);
    }

    private static XFont Font(double size, bool gothic = false) =>
        new(gothic ? JapaneseFonts.Gothic : JapaneseFonts.Mincho, size, XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
}
