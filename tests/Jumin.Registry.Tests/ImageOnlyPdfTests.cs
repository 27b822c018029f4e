using Jumin.Registry.Certificates;
using Jumin.Testing;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Jumin.Registry.Tests;

/// <summary>
/// Issue 20 item 4: コンビニ交付 rasterises each certificate (seed 001 M-19); a burst of kiosk requests waits for its turn
/// instead of starting a pdftoppm per request and taking every core from the counter.
/// </summary>
public sealed class ImageOnlyPdfTests
{
    [Fact]
    public async Task At_most_the_configured_number_of_certificates_are_rasterised_at_once_and_each_comes_out_as_an_image()
    {
        var images = new ImageOnlyPdf(concurrency: 1);

        var outputs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => images.FromPdfAsync(OnePage())));

        Assert.Equal(1, images.PeakConcurrent);
        Assert.All(outputs, pdf => Assert.Equal((1, 0, 1), (PdfFiles.PageCount(pdf), PdfFiles.Content(pdf).Letters, PdfFiles.Content(pdf).Images)));
    }

    private static byte[] OnePage()
    {
        using var document = new PdfDocument();
        var page = document.AddPage();
        using (var g = XGraphics.FromPdfPage(page))
        {
            g.DrawRectangle(XBrushes.Black, 50, 50, 200, 100);
        }
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }
}
