using System.Text;

namespace Jumin.Registry;

/// <summary>CSV as municipal staff open it in Excel: UTF-8, CRLF, every field quoted.</summary>
internal static class CsvText
{
    public static void Row(StringBuilder csv, params string[] fields) =>
        csv.Append(string.Join(',', fields.Select(f => "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""))).Append("\r\n");
}
