using Jumin.Domain.Dates;
using Jumin.Domain.Residents;
using NodaTime;

namespace Jumin.Registry.Residents;

/// <summary>
/// How 住民票 items read on screens and in API responses: dates in 和暦, except 外国人住民の生年月日
/// and 在留期間の満了の日 in 西暦 (j90); 個人番号 only for users with the right (j1390).
/// </summary>
public sealed class ResidentPresentation(JapaneseEraTable eras)
{
    public JapaneseEraTable Eras { get; } = eras;

    public string Date(LocalDate? date) => date is { } d ? RecordedDate.FromLocalDate(d).ToWareki(Eras) : "";

    public string Date(RecordedDate? date) => date?.ToWareki(Eras) ?? "";

    /// <summary>生年月日: 和暦 for 日本人住民, 西暦 for 外国人住民 (j90).</summary>
    public string BirthDate(ResidentRecord r) => r.Kind == ResidentKind.Foreign ? r.BirthDate.ToGregorian() : r.BirthDate.ToWareki(Eras);

    /// <summary>在留期間の満了の日, always 西暦 (j90).</summary>
    public static string ExpiryDate(ResidentRecord r) =>
        r.PeriodOfStayExpiresOn is { } d ? RecordedDate.FromLocalDate(d).ToGregorian() : "";

    public static string FullAddress(ResidentRecord r) =>
        string.Join("　", new[] { r.Address + r.Banchi, r.Katagaki }.Where(s => !string.IsNullOrEmpty(s)));

    public static string Domicile(ResidentRecord r) => r.DomicileStatus switch
    {
        DomicileStatus.None => "なし",
        DomicileStatus.Unknown => "不明",
        DomicileStatus.NotApplicable => "",
        _ => r.Domicile ?? "",
    };

    public static string HeadOfFamilyRegister(ResidentRecord r) => r.DomicileStatus switch
    {
        DomicileStatus.None => "なし",
        DomicileStatus.Unknown => "不明",
        DomicileStatus.NotApplicable => "",
        _ => r.HeadOfFamilyRegister ?? "",
    };

    /// <summary>「個人番号」欄: the digits, or a placeholder saying why they are not shown.</summary>
    public static string IndividualNumber(ResidentRecord r, bool allowed) =>
        r.IndividualNumber is null ? "" : allowed ? FormatIndividualNumber(r.IndividualNumber.Digits) : "（表示権限なし）";

    private static string FormatIndividualNumber(string digits) => $"{digits[..4]} {digits[4..8]} {digits[8..]}";
}
