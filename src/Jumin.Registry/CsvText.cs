using CsvHelper;

namespace Jumin.Registry;

/// <summary>
/// CSV as municipal staff open it in Excel: UTF-8 with a BOM (Excel in Japan reads UTF-8 only with one), CRLF, every
/// field quoted, written straight to its destination. A field that a spreadsheet would run as a formula (starting with
/// = + - @, a tab or CR — a name or a memo typed as <c>=HYPERLINK(…)</c>) gets a leading ' so it stays text.
/// </summary>
internal static class CsvText
{
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        Quoting = CsvQuoting.Always,
        WriteByteOrderMark = true,
    };

    /// <summary>A writer to <paramref name="destination"/>, which stays open when the writer is disposed.</summary>
    public static CsvWriter Create(Stream destination) => CsvWriter.Create(destination, Options, true);
}
