using Jumin.Domain;
using Jumin.Domain.Certificates;
using Jumin.Domain.Identifiers;

namespace Jumin.Web.Infrastructure;

/// <summary>記載事項の指定 as sent by the screen and the API; a missing value takes the j1000 default.</summary>
public sealed record CertificateItemsDto(
    bool? HouseholdHeadAndRelationship = null,
    bool? Domicile = null,
    bool? ResidentCode = null,
    bool? IndividualNumber = null,
    bool? FormerSurname = null,
    bool? Alias = null,
    bool? ForeignResidentItems = null,
    bool? Kana = null,
    bool? History = null,
    bool? OmitKatagaki = null);

/// <summary>請求者 as sent: kind self | same-household | agent | third-party | official; identification and channel by name (e.g. drivers-licence, counter).</summary>
public sealed record RequesterDto(string? Kind, string? Name, string? Address, string? Identification, string? Purpose, string? Channel);

/// <summary>証明書の交付請求 as sent by the screen and the API.</summary>
public sealed record CertificateRequestDto(
    string? Subject,
    IReadOnlyList<string>? Members,
    bool? WholeHousehold,
    string? Layout,
    CertificateItemsDto? Items,
    RequesterDto? Requester,
    int? Copies,
    bool? ByDeputy,
    bool? PrintSeal,
    long? SupportApprovalId);

/// <summary>Turns a <see cref="CertificateRequestDto"/> into a <see cref="CertificateRequest"/>, naming every field it cannot read.</summary>
public static class CertificateRequestBinding
{
    public static CertificateRequest? Bind(CertificateKind kind, CertificateRequestDto dto, List<FieldValidationException> errors)
    {
        AtenaNumber? subject = null;
        if (!AtenaNumber.TryParse(dto.Subject, out var parsed, out var subjectError))
        {
            errors.Add(new("subject", "宛名番号", subjectError));
        }
        else
        {
            subject = parsed;
        }
        var members = new List<AtenaNumber>();
        foreach (var (text, i) in (dto.Members ?? []).Select((m, i) => (m, i)))
        {
            if (AtenaNumber.TryParse(text, out var member, out var memberError))
            {
                members.Add(member);
            }
            else
            {
                errors.Add(new($"members[{i}]", "世帯員の宛名番号", memberError));
            }
        }
        var requester = dto.Requester ?? new RequesterDto(null, null, null, null, null, null);
        var requesterKind = Parse<RequesterKind>(requester.Kind, "requester.kind", "請求者の区分", "本人・同一世帯・代理人・第三者・公用（self, same-household, agent, third-party, official）", errors);
        var identification = Parse<IdentityCheck>(requester.Identification, "requester.identification", "本人確認の方法", "individual-number-card, drivers-licence, passport, residence-card, two-documents, official-request-form, document-copy-by-post", errors);
        var channel = string.IsNullOrWhiteSpace(requester.Channel) ? RequestChannel.Counter : Parse<RequestChannel>(requester.Channel, "requester.channel", "請求の方法", "counter（窓口）, post（郵送）", errors);
        if (channel == RequestChannel.Konbini)
        {
            errors.Add(new("requester.channel", "請求の方法", new("konbini-endpoint", "コンビニ交付は /api/v1/konbini/certificates からカードと暗証番号で請求します。")));
        }
        var layout = string.IsNullOrWhiteSpace(dto.Layout) ? CertificateLayout.Household : Parse<CertificateLayout>(dto.Layout, "layout", "形式", "household（世帯連記式）, individual（個人票）", errors);
        if (errors.Count > 0 || subject is null || requesterKind is null || identification is null || channel is null || layout is null)
        {
            return null;
        }
        var defaults = CertificateItems.Default;
        var items = dto.Items ?? new CertificateItemsDto();
        return new CertificateRequest
        {
            Kind = kind,
            Subject = subject,
            Members = members,
            WholeHousehold = dto.WholeHousehold ?? false,
            Layout = layout.Value,
            Items = new CertificateItems
            {
                HouseholdHeadAndRelationship = items.HouseholdHeadAndRelationship ?? defaults.HouseholdHeadAndRelationship,
                Domicile = items.Domicile ?? defaults.Domicile,
                ResidentCode = items.ResidentCode ?? defaults.ResidentCode,
                IndividualNumber = items.IndividualNumber ?? defaults.IndividualNumber,
                FormerSurname = items.FormerSurname ?? defaults.FormerSurname,
                Alias = items.Alias ?? defaults.Alias,
                ForeignResidentItems = items.ForeignResidentItems ?? defaults.ForeignResidentItems,
                Kana = items.Kana ?? defaults.Kana,
                History = items.History ?? defaults.History,
                OmitKatagaki = items.OmitKatagaki ?? defaults.OmitKatagaki,
            },
            Requester = new Requester
            {
                Kind = requesterKind.Value,
                Name = requester.Name?.Trim() ?? "",
                Address = string.IsNullOrWhiteSpace(requester.Address) ? null : requester.Address.Trim(),
                Identification = identification.Value,
                Purpose = string.IsNullOrWhiteSpace(requester.Purpose) ? null : requester.Purpose.Trim(),
                Channel = channel.Value,
            },
            Copies = dto.Copies ?? 1,
            ByDeputy = dto.ByDeputy ?? false,
            PrintSeal = dto.PrintSeal ?? true,
            SupportApprovalId = dto.SupportApprovalId,
        };
    }

    /// <summary>The API name of an enum value: ThirdParty → third-party.</summary>
    public static string Slug<T>(T value) where T : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static T? Parse<T>(string? text, string field, string label, string allowed, List<FieldValidationException> errors) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new(field, label, new("required", $"{label}を指定してください（{allowed}）。")));
            return null;
        }
        var match = Enum.GetValues<T>().Cast<T?>().FirstOrDefault(v => string.Equals(Slug(v!.Value), text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            errors.Add(new(field, label, new("value", $"{label}「{text}」は指定できません（{allowed}）。")));
        }
        return match;
    }
}
