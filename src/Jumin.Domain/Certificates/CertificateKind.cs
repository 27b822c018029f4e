namespace Jumin.Domain.Certificates;

/// <summary>証明書の種別 (j1000, j300).</summary>
public enum CertificateKind
{
    /// <summary>住民票の写し (世帯連記式 or 個人票).</summary>
    ResidentRecordCopy = 1,

    /// <summary>住民票の除票の写し.</summary>
    RemovedRecordCopy,

    /// <summary>住民票記載事項証明書.</summary>
    EntryCertificate,

    /// <summary>住民票除票記載事項証明書.</summary>
    RemovedEntryCertificate,

    /// <summary>転出証明書 (j660); a second one is a 再交付 showing the state of the original.</summary>
    MoveOutCertificate,

    /// <summary>住民票コード通知票 (j890).</summary>
    ResidentCodeNotice,
}

public static class CertificateKinds
{
    public static IReadOnlyList<CertificateKind> All { get; } = Enum.GetValues<CertificateKind>();

    public static string Japanese(this CertificateKind kind) => kind switch
    {
        CertificateKind.ResidentRecordCopy => "住民票の写し",
        CertificateKind.RemovedRecordCopy => "住民票の除票の写し",
        CertificateKind.EntryCertificate => "住民票記載事項証明書",
        CertificateKind.RemovedEntryCertificate => "住民票除票記載事項証明書",
        CertificateKind.MoveOutCertificate => "転出証明書",
        CertificateKind.ResidentCodeNotice => "住民票コード通知票",
        _ => kind.ToString(),
    };

    /// <summary>The URL and API name of the kind.</summary>
    public static string Slug(this CertificateKind kind) => kind switch
    {
        CertificateKind.ResidentRecordCopy => "resident-record",
        CertificateKind.RemovedRecordCopy => "removed-record",
        CertificateKind.EntryCertificate => "entry-certificate",
        CertificateKind.RemovedEntryCertificate => "removed-entry-certificate",
        CertificateKind.MoveOutCertificate => "move-out",
        CertificateKind.ResidentCodeNotice => "resident-code-notice",
        _ => kind.ToString(),
    };

    public static CertificateKind? FromSlug(string? slug) => All.Cast<CertificateKind?>().FirstOrDefault(k => k!.Value.Slug() == slug);

    /// <summary>The kind certifies a 除票 (the person must have been removed).</summary>
    public static bool CertifiesRemovedRecord(this CertificateKind kind) =>
        kind is CertificateKind.RemovedRecordCopy or CertificateKind.RemovedEntryCertificate;

    /// <summary>The kind certifies a current 住民票 (the person must be a resident).</summary>
    public static bool CertifiesCurrentRecord(this CertificateKind kind) =>
        kind is CertificateKind.ResidentRecordCopy or CertificateKind.EntryCertificate or CertificateKind.ResidentCodeNotice;

    /// <summary>写し and 記載事項証明書 may cover several members of a 世帯 and carry the 公用 mark (j1060).</summary>
    public static bool IsCopyOrEntryCertificate(this CertificateKind kind) =>
        kind is CertificateKind.ResidentRecordCopy or CertificateKind.RemovedRecordCopy or CertificateKind.EntryCertificate or CertificateKind.RemovedEntryCertificate;
}

/// <summary>Who asks for the certificate (住基法第12条, 第12条の2, 第12条の3).</summary>
public enum RequesterKind
{
    /// <summary>本人.</summary>
    Self = 1,

    /// <summary>同一世帯の者.</summary>
    SameHousehold,

    /// <summary>代理人 (委任状).</summary>
    Agent,

    /// <summary>第三者 (法第12条の3: 自己の権利行使等、正当な理由).</summary>
    ThirdParty,

    /// <summary>公用 (国又は地方公共団体の機関, 法第12条の2).</summary>
    Official,
}

/// <summary>本人確認の方法.</summary>
public enum IdentityCheck
{
    /// <summary>個人番号カード.</summary>
    IndividualNumberCard = 1,

    /// <summary>運転免許証.</summary>
    DriversLicence,

    /// <summary>旅券.</summary>
    Passport,

    /// <summary>在留カード・特別永住者証明書.</summary>
    ResidenceCard,

    /// <summary>健康保険証等 2点.</summary>
    TwoDocuments,

    /// <summary>公用請求書 (職員証).</summary>
    OfficialRequestForm,

    /// <summary>郵送請求 (本人確認書類の写し).</summary>
    DocumentCopyByPost,

    /// <summary>個人番号カード + 暗証番号 (コンビニ交付).</summary>
    CardAndPin,
}

/// <summary>請求の方法.</summary>
public enum RequestChannel
{
    /// <summary>窓口.</summary>
    Counter = 1,

    /// <summary>郵送.</summary>
    Post,

    /// <summary>コンビニ交付 (j1210).</summary>
    Konbini,
}

/// <summary>世帯連記式 or 個人票 (j1000 形式の指定).</summary>
public enum CertificateLayout
{
    /// <summary>世帯連記式 — the members on one certificate.</summary>
    Household = 1,

    /// <summary>個人票 — one certificate per person.</summary>
    Individual,
}

public static class CertificateRequestTerms
{
    public static string Japanese(this RequesterKind kind) => kind switch
    {
        RequesterKind.Self => "本人",
        RequesterKind.SameHousehold => "同一世帯の者",
        RequesterKind.Agent => "代理人",
        RequesterKind.ThirdParty => "第三者",
        RequesterKind.Official => "公用",
        _ => kind.ToString(),
    };

    public static string Japanese(this IdentityCheck check) => check switch
    {
        IdentityCheck.IndividualNumberCard => "個人番号カード",
        IdentityCheck.DriversLicence => "運転免許証",
        IdentityCheck.Passport => "旅券",
        IdentityCheck.ResidenceCard => "在留カード等",
        IdentityCheck.TwoDocuments => "健康保険証等2点",
        IdentityCheck.OfficialRequestForm => "公用請求書・職員証",
        IdentityCheck.DocumentCopyByPost => "本人確認書類の写し（郵送）",
        IdentityCheck.CardAndPin => "個人番号カード＋暗証番号",
        _ => check.ToString(),
    };

    public static string Japanese(this RequestChannel channel) => channel switch
    {
        RequestChannel.Counter => "窓口",
        RequestChannel.Post => "郵送",
        RequestChannel.Konbini => "コンビニ交付",
        _ => channel.ToString(),
    };

    public static string Japanese(this CertificateLayout layout) => layout switch
    {
        CertificateLayout.Household => "世帯連記式",
        CertificateLayout.Individual => "個人票",
        _ => layout.ToString(),
    };
}
