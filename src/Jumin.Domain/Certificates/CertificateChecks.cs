namespace Jumin.Domain.Certificates;

/// <summary>One entry of the certificate checks: an error (C…) stops the issuance, an alert (A…) is shown to the clerk.</summary>
/// <param name="Code">Stable: the API's <c>rules</c>, the audit log and the screens name it.</param>
/// <param name="IsError">Stops the issuance (an alert does not).</param>
/// <param name="Title">What the check is about, in the clerk's words.</param>
/// <param name="Basis">The standard's function or the article of the law it applies.</param>
public sealed record CertificateCheck(string Code, bool IsError, string Title, string Basis);

/// <summary>The certificate checks (j1000, j1390, j410, j440, 住基法第12条～第12条の3), one constant per code.</summary>
public static class CertificateChecks
{
    public static readonly CertificateCheck NoSubject = new("C300", true, "該当する住民がいない", "j1000");
    public static readonly CertificateCheck RemovedForResidentKind = new("C301", true, "消除された方への住民票の写し等の請求", "j1000");
    public static readonly CertificateCheck ResidentForRemovedKind = new("C302", true, "住民への除票の写し等の請求", "j1000");
    public static readonly CertificateCheck NotForThisRequester = new("C303", true, "この請求者・交付方法では記載・交付できない事項", "住基法第12条～第12条の3, j1210");
    public static readonly CertificateCheck ItemNotVisibleToOperator = new("C304", true, "表示項目の権限がない事項の記載", "j1390");
    public static readonly CertificateCheck PurposeRequired = new("C305", true, "請求事由・法令上の根拠の不足", "住基法第12条の2, 第12条の3");
    public static readonly CertificateCheck SupportMeasureNotApproved = new("C306", true, "支援対象者の証明書（審査・承認なし）", "j440");
    public static readonly CertificateCheck IssuanceRestricted = new("C307", true, "証明書発行の抑止（エラー）", "j410");
    public static readonly CertificateCheck NotAMember = new("C308", true, "世帯員でない方の指定", "j1000");
    public static readonly CertificateCheck NoMoveOut = new("C309", true, "転出届の記録がない方の転出証明書", "j660");
    public static readonly CertificateCheck Copies = new("C310", true, "部数", "j1000");
    public static readonly CertificateCheck NoResidentCode = new("C311", true, "住民票コードが記載されていない方の住民票コード通知票", "j1000");
    public static readonly CertificateCheck OnePersonOnly = new("C314", true, "1人ずつ発行する証明書", "j1000");
    public static readonly CertificateCheck KatagakiOmission = new("C315", true, "方書の省略（記載事項証明書だけ）", "j1030");
    public static readonly CertificateCheck SupportApprovalInvalid = new("C316", true, "支援措置の承認番号が無効", "j440");
    public static readonly CertificateCheck SupportMeasureAtKiosk = new("C317", true, "支援対象者を含む証明書のコンビニ交付", "j1210");
    public static readonly CertificateCheck RequesterName = new("C320", true, "請求者の氏名", "住基法第12条");
    public static readonly CertificateCheck RequesterAddress = new("C321", true, "代理人・第三者の住所", "住基法第12条の3");
    public static readonly CertificateCheck IssuanceRestrictionAlert = new("A311", false, "証明書発行の抑止（アラート）", "j410");
    public static readonly CertificateCheck SupportMeasureSelf = new("A312", false, "支援対象者本人への交付（本人確認を厳格に）", "j440");
    public static readonly CertificateCheck SupportMeasureEnded = new("A313", false, "支援措置の期間の終了", "j440");
}
