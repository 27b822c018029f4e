using System.Diagnostics;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Jumin.Registry.Certificates;

/// <summary>
/// コンビニ交付 sends the certificate as an image PDF (seed 001 M-19): no text layer a recipient could
/// edit or copy. Each page is rasterised with poppler's <c>pdftoppm</c> (Debian poppler-utils) and the
/// pictures are put into a new A4 PDF. At most <paramref name="concurrency"/> certificates are rasterised at once (each
/// takes a core while pdftoppm runs): further kiosk requests wait their turn instead of starting a process each and
/// starving the counter of CPU.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A SemaphoreSlim holds nothing to release unless its wait handle is asked for; this one lives as long as the node.")]
public sealed class ImageOnlyPdf(int concurrency)
{
    public const int Resolution = 200;

    private readonly SemaphoreSlim slots = new(Math.Max(1, concurrency), Math.Max(1, concurrency));
    private int running;
    private int peak;

    /// <summary>The most rasterisations that ran at the same time since start (what the test of the cap reads).</summary>
    public int PeakConcurrent => Volatile.Read(ref peak);

    public async Task<byte[]> FromPdfAsync(byte[] pdf, CancellationToken cancellationToken = default)
    {
        await slots.WaitAsync(cancellationToken);
        var now = Interlocked.Increment(ref running);
        for (var seen = Volatile.Read(ref peak); now > seen && Interlocked.CompareExchange(ref peak, now, seen) != seen; seen = Volatile.Read(ref peak))
        {
        }
        try
        {
            return await RasteriseAsync(pdf, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref running);
            slots.Release();
        }
    }

    private static async Task<byte[]> RasteriseAsync(byte[] pdf, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("jumin-konbini-");
        try
        {
            var input = Path.Combine(directory.FullName, "in.pdf");
            await File.WriteAllBytesAsync(input, pdf, cancellationToken);
            var start = new ProcessStartInfo("pdftoppm") { RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { "-png", "-gray", "-r", Resolution.ToString(System.Globalization.CultureInfo.InvariantCulture), input, Path.Combine(directory.FullName, "page") })
            {
                start.ArgumentList.Add(arg);
            }
            Process process;
            try
            {
                process = Process.Start(start) ?? throw new InvalidOperationException("pdftoppm を起動できません。");
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException("コンビニ交付の画像化には pdftoppm（Debian パッケージ poppler-utils）が必要です。", e);
            }
            using (process)
            {
                var error = await process.StandardError.ReadToEndAsync(cancellationToken);
                await process.WaitForExitAsync(cancellationToken);
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException($"pdftoppm が失敗しました（{process.ExitCode}）: {error}");
                }
            }
            using var output = new PdfDocument();
            output.Info.Creator = "Jumin コンビニ交付";
            foreach (var png in directory.GetFiles("page-*.png").OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                var page = output.AddPage();
                page.Size = PdfSharp.PageSize.A4;
                using var g = XGraphics.FromPdfPage(page);
                using var image = XImage.FromFile(png.FullName);
                g.DrawImage(image, 0, 0, page.Width.Point, page.Height.Point);
            }
            using var stream = new MemoryStream();
            output.Save(stream, false);
            return stream.ToArray();
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
