using System.Diagnostics;
using UglyToad.PdfPig;

namespace Jumin.Testing;

/// <summary>Reads produced PDFs back the way a person would: their text (PdfPig) and their pixels (poppler's pdftoppm).</summary>
public static class PdfFiles
{
    /// <summary>The text of every page without any spaces (so 「山田　太郎」 reads 「山田太郎」), pages separated by a line break.</summary>
    public static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join('\n', document.GetPages().Select(p => new string([.. string.Concat(p.GetWords().Select(w => w.Text)).Where(c => !char.IsWhiteSpace(c))])));
    }

    public static int PageCount(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.NumberOfPages;
    }

    /// <summary>Whether a page has an image and no text layer (コンビニ交付).</summary>
    public static (int Letters, int Images) Content(byte[] pdf, int page = 1)
    {
        using var document = PdfDocument.Open(pdf);
        var p = document.GetPage(page);
        return (p.Letters.Count, p.GetImages().Count());
    }

    /// <summary>
    /// Renders one page with pdftoppm as a greyscale PGM and returns the share of dark pixels
    /// (a blank page gives 0) together with the PNG, written for a person to look at.
    /// </summary>
    public static async Task<(double DarkShare, string Png)> RenderAsync(byte[] pdf, int page = 1, int dpi = 60)
    {
        var directory = Directory.CreateTempSubdirectory("jumin-pdf-").FullName;
        var input = Path.Combine(directory, "in.pdf");
        await File.WriteAllBytesAsync(input, pdf);
        await RunAsync("pdftoppm", "-gray", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", page.ToString(System.Globalization.CultureInfo.InvariantCulture), "-l", page.ToString(System.Globalization.CultureInfo.InvariantCulture), "-singlefile", input, Path.Combine(directory, "page"));
        await RunAsync("pdftoppm", "-png", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", page.ToString(System.Globalization.CultureInfo.InvariantCulture), "-l", page.ToString(System.Globalization.CultureInfo.InvariantCulture), "-singlefile", input, Path.Combine(directory, "page"));
        var pgm = await File.ReadAllBytesAsync(Path.Combine(directory, "page.pgm"));
        // P5 header: "P5\n<width> <height>\n<max>\n", then one byte per pixel.
        var offset = 0;
        for (var fields = 0; fields < 4; offset++)
        {
            if (char.IsWhiteSpace((char)pgm[offset]) && offset > 0 && !char.IsWhiteSpace((char)pgm[offset - 1]))
            {
                fields++;
            }
        }
        var pixels = pgm.AsSpan(offset);
        var dark = 0;
        foreach (var b in pixels)
        {
            if (b < 128)
            {
                dark++;
            }
        }
        return (dark / (double)pixels.Length, Path.Combine(directory, "page.png"));
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {error}");
        }
    }
}
