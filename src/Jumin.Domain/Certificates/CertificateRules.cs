using Jumin.Domain.Identifiers;
using Jumin.Domain.Protection;
using Jumin.Domain.Residents;
using NodaTime;

namespace Jumin.Domain.Certificates;

/// <summary>
/// Why a certificate may not be issued as asked (an error, code C…) or what the clerk must know before issuing it (an
/// alert, code A…), by which <see cref="CertificateChecks">check</see>. <see cref="Field"/> names the request field at fault.
/// </summary>
public sealed record CertificateFinding(CertificateCheck Check, string Field, string Message)
{
    public string Code => Check.Code;

    public bool IsError => Check.IsError;
}

/// <summary>The items of j1390 the operator may see, and therefore print.</summary>
public sealed record CertificateAllowances(bool FamilyRegister, bool IndividualNumber, bool ResidentCode, bool ResidenceStatus)
{
    public static CertificateAllowances All { get; } = new(true, true, true, true);
}

/// <summary>What the rules read about the people a request covers.</summary>
public sealed record CertificateSubjects
{
    /// <summary>The latest row of the person named in the request; null when no such person exists.</summary>
    public required ResidentRecord? Subject { get; init; }

    /// <summary>The latest rows of the people the certificate would cover, in j1010 order.</summary>
    public required IReadOnlyList<ResidentRecord> Included { get; init; }

    /// <summary>Members asked for that are not in the subject's 世帯.</summary>
    public IReadOnlyList<AtenaNumber> NotInHousehold { get; init; } = [];

    /// <summary>抑止 that apply to any included person or their 世帯.</summary>
    public IReadOnlyList<Restriction> Restrictions { get; init; } = [];

    /// <summary>支援措置 of included people that are not ended.</summary>
    public IReadOnlyList<SupportMeasure> SupportMeasures { get; init; } = [];

    /// <summary>People whose 支援措置 an approver has let through for this request (j440).</summary>
    public IReadOnlySet<string> ApprovedProtectedPeople { get; init; } = new HashSet<string>();
}

/// <summary>
/// The checks before issuance (j1000, j1390, j410, j440, 住基法第12条～第12条の3). Errors stop the
/// issuance; nothing is printed and the refusal is audited by the caller.
/// </summary>
public static class CertificateRules
{
    public static IReadOnlyList<CertificateFinding> Check(CertificateRequest request, CertificateSubjects subjects, CertificateAllowances allowances, LocalDate today, Instant now)
    {
        var findings = new List<CertificateFinding>();
        void Error(CertificateCheck check, string field, string message) => findings.Add(new(check, field, message));

        if (subjects.Subject is not { } subject)
        {
            Error(CertificateChecks.NoSubject, "subject", "該当する住民がいません。宛名番号を確かめてください。");
            return findings;
        }
        if (request.Copies is < 1 or > CertificateRequest.MaxCopies)
        {
            Error(CertificateChecks.Copies, "copies", $"部数は1～{CertificateRequest.MaxCopies}部で指定してください。");
        }
        foreach (var missing in subjects.NotInHousehold)
        {
            Error(CertificateChecks.NotAMember, "members", $"宛名番号{missing}の方は、この世帯の世帯員ではありません。");
        }

        CheckKind(request, subjects, Error);
        CheckRequester(request, Error);
        CheckAllowances(request, subjects, allowances, Error);

        foreach (var restriction in subjects.Restrictions.Where(r => r.Holds(RestrictedProcess.Issuance, today, now)))
        {
            var text = $"証明書発行の抑止が設定されています（{restriction.Reason}、{restriction.StartsOn:uuuu-MM-dd}～）。";
            findings.Add(restriction.Level == RestrictionLevel.Error
                ? new(CertificateChecks.IssuanceRestricted, "subject", text + "抑止を解除するか一時解除しないと発行できません。")
                : new(CertificateChecks.IssuanceRestrictionAlert, "subject", text));
        }

        // Seed 001: a 支援措置 stops automatic issuance (コンビニ交付) for the person, even to themselves; the kiosk
        // shows its own refusal, which does not say why.
        if (request.Requester.Channel == RequestChannel.Konbini && subjects.SupportMeasures.Any(m => m.IsProtecting))
        {
            Error(CertificateChecks.SupportMeasureAtKiosk, "subject", "支援措置の対象者を含む証明書は、コンビニ交付では交付できません。");
        }

        foreach (var measure in subjects.SupportMeasures.Where(m => m.IsProtecting))
        {
            var person = subjects.Included.FirstOrDefault(p => p.AtenaNumber.Value == measure.AtenaNumber);
            var name = person?.FullName ?? measure.AtenaNumber;
            var isSelf = request.Requester.Kind == RequesterKind.Self && subject.AtenaNumber.Value == measure.AtenaNumber;
            if (isSelf)
            {
                findings.Add(new(CertificateChecks.SupportMeasureSelf, "requester.kind", $"{name}さんは支援措置の対象者です。本人確認を厳格に行ってください。"));
            }
            else if (!subjects.ApprovedProtectedPeople.Contains(measure.AtenaNumber))
            {
                Error(CertificateChecks.SupportMeasureNotApproved, "supportApprovalId", $"{name}さんは支援措置の対象者です。本人以外への交付は、支援対象者の権限を持つ職員が審査して承認しない限りできません（j440）。");
            }
            if (measure.StateOn(today) is SupportMeasureState.Expired)
            {
                findings.Add(new(CertificateChecks.SupportMeasureEnded, "subject", $"{name}さんの支援措置の期間が終了しています（延長または終了の処理が必要です）。"));
            }
        }
        return findings;
    }

    private static void CheckKind(CertificateRequest request, CertificateSubjects subjects, Action<CertificateCheck, string, string> error)
    {
        var kind = request.Kind;
        foreach (var person in subjects.Included)
        {
            if (kind.CertifiesCurrentRecord() && !person.IsResident)
            {
                error(CertificateChecks.RemovedForResidentKind, "kind", $"{person.FullName}さんの住民票は消除されています（{person.Status.Japanese()}）。{kind.Japanese()}ではなく除票の写し・除票記載事項証明書を選んでください。");
            }
            if (kind.CertifiesRemovedRecord() && person.IsResident)
            {
                error(CertificateChecks.ResidentForRemovedKind, "kind", $"{person.FullName}さんは住民です。{kind.Japanese()}は消除された方だけに発行できます。");
            }
        }
        if (kind == CertificateKind.MoveOutCertificate && subjects.Subject is { } s && s.PlannedMoveOutDate is null && s.RemovalReason is not (ChangeReason.DomesticMoveOut or ChangeReason.MoveOutAbroad))
        {
            error(CertificateChecks.NoMoveOut, "kind", $"{s.FullName}さんには転出届の記録がないため、転出証明書は発行できません。");
        }
        if (kind == CertificateKind.ResidentCodeNotice && subjects.Subject is { ResidentCode: null } noCode)
        {
            error(CertificateChecks.NoResidentCode, "kind", $"{noCode.FullName}さんには住民票コードが記載されていません。");
        }
        if (kind is CertificateKind.MoveOutCertificate or CertificateKind.ResidentCodeNotice && subjects.Included.Count > 1)
        {
            error(CertificateChecks.OnePersonOnly, "members", $"{kind.Japanese()}は1人ずつ発行します。");
        }
        if (kind == CertificateKind.ResidentCodeNotice && request.Requester.Kind != RequesterKind.Self)
        {
            error(CertificateChecks.NotForThisRequester, "requester.kind", "住民票コード通知票は本人にだけ交付します。");
        }
    }

    private static void CheckRequester(CertificateRequest request, Action<CertificateCheck, string, string> error)
    {
        var requester = request.Requester;
        var items = request.Items;
        if (string.IsNullOrWhiteSpace(requester.Name))
        {
            error(CertificateChecks.RequesterName, "requester.name", "請求者の氏名を入力してください。");
        }
        if (requester.Kind is RequesterKind.ThirdParty or RequesterKind.Official && string.IsNullOrWhiteSpace(requester.Purpose))
        {
            error(CertificateChecks.PurposeRequired, "requester.purpose", requester.Kind == RequesterKind.Official
                ? "公用請求には法令上の根拠と利用目的が必要です（住基法第12条の2）。"
                : "第三者からの請求には請求事由（利用目的）が必要です（住基法第12条の3）。");
        }
        if (requester.Kind is RequesterKind.Agent or RequesterKind.ThirdParty && string.IsNullOrWhiteSpace(requester.Address))
        {
            error(CertificateChecks.RequesterAddress, "requester.address", $"{requester.Kind.Japanese()}の住所を入力してください。");
        }
        var selfOrHousehold = requester.Kind is RequesterKind.Self or RequesterKind.SameHousehold;
        if (!selfOrHousehold && request.Kind != CertificateKind.MoveOutCertificate)
        {
            if (items.IndividualNumber)
            {
                error(CertificateChecks.NotForThisRequester, "items.individualNumber", $"{requester.Kind.Japanese()}からの請求には個人番号を記載できません（本人又は同一世帯の者の請求に限ります）。");
            }
            if (items.ResidentCode)
            {
                error(CertificateChecks.NotForThisRequester, "items.residentCode", $"{requester.Kind.Japanese()}からの請求には住民票コードを記載できません（本人又は同一世帯の者の請求に限ります）。");
            }
        }
        if (requester.Kind == RequesterKind.ThirdParty && items.Domicile)
        {
            error(CertificateChecks.NotForThisRequester, "items.domicile", "第三者からの請求には本籍・筆頭者を記載できません（住基法第12条の3第7項）。");
        }
        if (requester.Channel == RequestChannel.Konbini)
        {
            if (requester.Kind != RequesterKind.Self)
            {
                error(CertificateChecks.NotForThisRequester, "requester.kind", "コンビニ交付は本人の個人番号カードによる請求に限ります。");
            }
            if (items.IndividualNumber || items.ResidentCode)
            {
                error(CertificateChecks.NotForThisRequester, items.IndividualNumber ? "items.individualNumber" : "items.residentCode", "コンビニ交付の証明書には個人番号・住民票コードを記載できません。");
            }
            if (request.Kind is not (CertificateKind.ResidentRecordCopy or CertificateKind.EntryCertificate))
            {
                error(CertificateChecks.NotForThisRequester, "kind", $"{request.Kind.Japanese()}はコンビニでは交付できません。");
            }
        }
        if (items.OmitKatagaki && request.Kind is not (CertificateKind.EntryCertificate or CertificateKind.RemovedEntryCertificate))
        {
            error(CertificateChecks.KatagakiOmission, "items.omitKatagaki", "方書を省略できるのは記載事項証明書だけです（j1030）。");
        }
    }

    private static void CheckAllowances(CertificateRequest request, CertificateSubjects subjects, CertificateAllowances allowances, Action<CertificateCheck, string, string> error)
    {
        var items = request.Items;
        var moveOut = request.Kind == CertificateKind.MoveOutCertificate;
        if ((items.Domicile || moveOut) && !allowances.FamilyRegister && subjects.Included.Any(p => p.Kind == ResidentKind.Japanese))
        {
            error(CertificateChecks.ItemNotVisibleToOperator, "items.domicile", "本籍・筆頭者を記載する権限がありません（表示項目の権限: 戸籍の表示）。");
        }
        if ((items.IndividualNumber || moveOut) && !allowances.IndividualNumber && subjects.Included.Any(p => p.IndividualNumber is not null))
        {
            error(CertificateChecks.ItemNotVisibleToOperator, "items.individualNumber", "個人番号を記載する権限がありません（表示項目の権限: 個人番号）。");
        }
        if ((items.ResidentCode || moveOut || request.Kind == CertificateKind.ResidentCodeNotice) && !allowances.ResidentCode && subjects.Included.Any(p => p.ResidentCode is not null))
        {
            error(CertificateChecks.ItemNotVisibleToOperator, "items.residentCode", "住民票コードを記載する権限がありません（表示項目の権限: 住民票コード）。");
        }
        if ((items.ForeignResidentItems || moveOut) && !allowances.ResidenceStatus && subjects.Included.Any(p => p.Kind == ResidentKind.Foreign))
        {
            error(CertificateChecks.ItemNotVisibleToOperator, "items.foreignResidentItems", "在留資格等を記載する権限がありません（表示項目の権限: 在留資格等）。在留資格等を省略して請求してください。");
        }
    }
}
