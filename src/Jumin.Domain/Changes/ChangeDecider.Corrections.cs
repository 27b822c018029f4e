using Jumin.Domain.Residents;

namespace Jumin.Domain.Changes;

/// <summary>
/// 修正 (職権修正 j840, 軽微な修正 j850, 誤記修正 j860, 旧氏・通称 j70), 住民票コード (j880) and
/// 個人番号 (j900) changes, 帰化・国籍取得 (j930, j940), 国籍喪失 (j950) and 入管通知 (j960).
/// </summary>
public sealed partial class ChangeDecider
{
    private static readonly ChangeReason[] CorrectionReasons =
    [
        ChangeReason.ExOfficioCorrection, ChangeReason.MinorCorrection, ChangeReason.ClericalErrorCorrection,
        ChangeReason.FormerSurnameEntry, ChangeReason.FormerSurnameChange, ChangeReason.FormerSurnameDeletion,
        ChangeReason.AliasEntry, ChangeReason.AliasDeletion,
    ];

    private static readonly ChangeReason[] ResidentCodeReasons = [ChangeReason.ResidentCodeChangeRequest, ChangeReason.ResidentCodeExOfficioEntry];

    private static readonly ChangeReason[] IndividualNumberReasons =
        [ChangeReason.IndividualNumberChangeRequest, ChangeReason.IndividualNumberExOfficioCorrection, ChangeReason.IndividualNumberExOfficioEntry];

    private void DecideCorrection(List<ResidentRecord> movers)
    {
        if (!RequireResidents(movers))
        {
            return;
        }
        var (allowed, fallback) = request.Kind switch
        {
            ChangeKind.ResidentCodeChange => (ResidentCodeReasons, ChangeReason.ResidentCodeChangeRequest),
            ChangeKind.IndividualNumberChange => (IndividualNumberReasons, ChangeReason.IndividualNumberChangeRequest),
            _ => (CorrectionReasons, ChangeReason.ExOfficioCorrection),
        };
        var reason = request.Reason ?? fallback;
        if (!allowed.Contains(reason))
        {
            Error(FindingCatalogue.SubjectState, "reason", "異動事由", $"{request.Kind.JapaneseName()}の異動事由は{string.Join("・", allowed.Select(a => a.JapaneseName()))}のいずれかです。");
            return;
        }
        foreach (var m in movers)
        {
            var items = request.CorrectionOf(m.AtenaNumber);
            if (request.Kind == ChangeKind.ResidentCodeChange && items?.ResidentCode is null)
            {
                Error(FindingCatalogue.MissingItem, "residentCode", "住民票コード", $"{m.FullName}の新しい住民票コードを入力してください。", m.AtenaNumber);
                continue;
            }
            if (request.Kind == ChangeKind.IndividualNumberChange && items?.IndividualNumber is null)
            {
                Error(FindingCatalogue.MissingItem, "individualNumber", "個人番号", $"{m.FullName}の新しい個人番号を入力してください。", m.AtenaNumber);
                continue;
            }
            var after = Next(m, reason, r =>
            {
                var x = Apply(r, items);
                if (request.NewAddress is { } address)
                {
                    x = WithAddress(x, address);
                }
                x = x with { Relationship = request.RelationshipOf(m.AtenaNumber) ?? x.Relationship };
                return reason switch
                {
                    ChangeReason.AliasEntry => x with { AliasRecordedOn = request.ChangeDate.ToLocalDate(), AliasDeletedOn = null },
                    ChangeReason.AliasDeletion => x with { Alias = null, AliasKana = null, AliasDeletedOn = request.ChangeDate.ToLocalDate() },
                    ChangeReason.FormerSurnameDeletion => x with { FormerSurname = null, FormerSurnameKana = null },
                    _ => x,
                };
            });
            if (SameItems(m, after))
            {
                Error(FindingCatalogue.MissingItem, "corrections", "修正内容", $"{m.FullName}の修正する項目が入力されていません。", m.AtenaNumber);
                continue;
            }
            Append(after);
        }
        CascadeHeadName(reason);
    }

    /// <summary>帰化・国籍取得 (j930, j940): the 外国人住民票 is removed and a 日本人住民票 follows under the same 宛名番号.</summary>
    private void DecideNaturalisation(List<ResidentRecord> movers)
    {
        if (!RequireResidents(movers))
        {
            return;
        }
        foreach (var m in movers)
        {
            if (m.Kind != ResidentKind.Foreign)
            {
                Error(FindingCatalogue.SubjectState, "movers", "異動者", $"{m.FullName}は日本人住民です。{request.Kind.JapaneseName()}は外国人住民に対して行います。", m.AtenaNumber);
                continue;
            }
            var removed = Next(m, ChangeReason.ExOfficioRemovalByNaturalisation, r => r with
            {
                Status = ResidentStatus.RemovedByChangeOfNationality,
                RemovalReason = ChangeReason.ExOfficioRemovalByNaturalisation,
                RemovalDate = request.ChangeDate,
            });
            Append(removed);
            var items = request.CorrectionOf(m.AtenaNumber);
            if (items?.DomicileStatus is null && string.IsNullOrWhiteSpace(items?.Domicile))
            {
                Error(FindingCatalogue.MissingItem, "domicile", "本籍", $"{m.FullName}の本籍・筆頭者を入力してください。", m.AtenaNumber);
            }
            Append(Next(removed, ChangeReason.ExOfficioEntryByNaturalisation, r => Apply(r with
            {
                Kind = ResidentKind.Japanese,
                Status = ResidentStatus.Resident,
                RemovalReason = null,
                RemovalDate = null,
                // j930: 外国人住民となった年月日 is carried over as 住民となった年月日.
                BecameResidentOn = r.BecameForeignResidentOn ?? r.BecameResidentOn,
                BecameForeignResidentOn = null,
                Nationality = null,
                Article3045Category = null,
                StatusOfResidence = null,
                PeriodOfStay = null,
                PeriodOfStayExpiresOn = null,
                ResidenceCardNumber = null,
                FormerAlienRegistrationDate = null,
                AlphabetName = null,
                Alias = null,
                AliasKana = null,
                ChangeNote = request.Kind == ChangeKind.NationalityAcquisition ? AddNote(r.ChangeNote, "国籍取得") : r.ChangeNote,
            }, items)));
        }
        CascadeHeadName(ChangeReason.ExOfficioCorrection);
    }

    /// <summary>国籍喪失 (j950): the 日本人住民票 is removed and a 外国人住民票 follows under the same 宛名番号.</summary>
    private void DecideNationalityLoss(List<ResidentRecord> movers)
    {
        if (!RequireResidents(movers))
        {
            return;
        }
        foreach (var m in movers)
        {
            if (m.Kind != ResidentKind.Japanese)
            {
                Error(FindingCatalogue.SubjectState, "movers", "異動者", $"{m.FullName}は外国人住民です。国籍喪失は日本人住民に対して行います。", m.AtenaNumber);
                continue;
            }
            var removed = Next(m, ChangeReason.ExOfficioRemovalByLossOfNationality, r => r with
            {
                Status = ResidentStatus.RemovedByChangeOfNationality,
                RemovalReason = ChangeReason.ExOfficioRemovalByLossOfNationality,
                RemovalDate = request.ChangeDate,
            });
            Append(removed);
            // j950: the later of the day nationality was lost and the day they became a resident.
            var since = m.BecameResidentOn is { } became && became.SortKey > request.ChangeDate.SortKey ? became : request.ChangeDate;
            Append(Next(removed, ChangeReason.ExOfficioEntryByLossOfNationality, r => Apply(r with
            {
                Kind = ResidentKind.Foreign,
                Status = ResidentStatus.Resident,
                RemovalReason = null,
                RemovalDate = null,
                BecameForeignResidentOn = since,
                BecameResidentOn = null,
                DomicileStatus = DomicileStatus.NotApplicable,
                Domicile = null,
                HeadOfFamilyRegister = null,
                FormerSurname = null,
                FormerSurnameKana = null,
                Article3045Category = Article3045Category.TransitionalByLossOfNationality,
            }, request.CorrectionOf(m.AtenaNumber))));
        }
        CascadeHeadName(ChangeReason.ExOfficioCorrection);
    }

    /// <summary>入管通知 (j960): the 在留 items are corrected, or the 住民票 removed when the person leaves the scope of the law.</summary>
    private void DecideImmigrationNotice(List<ResidentRecord> movers)
    {
        if (!RequireResidents(movers))
        {
            return;
        }
        foreach (var m in movers)
        {
            if (m.Kind != ResidentKind.Foreign)
            {
                Error(FindingCatalogue.SubjectState, "movers", "異動者", $"{m.FullName}は日本人住民です。入管通知は外国人住民に対して処理します。", m.AtenaNumber);
                continue;
            }
            if (request.RemoveFromRegister)
            {
                Append(Next(m, ChangeReason.ExOfficioRemoval, r => r with
                {
                    Status = ResidentStatus.RemovedExOfficio,
                    RemovalReason = ChangeReason.ExOfficioRemoval,
                    RemovalDate = request.ChangeDate,
                    ChangeNote = AddNote(r.ChangeNote, "出入国在留管理庁長官通知"),
                }));
                continue;
            }
            var after = Next(m, ChangeReason.ExOfficioCorrection, r => Apply(r, request.CorrectionOf(m.AtenaNumber)) with { ChangeNote = AddNote(r.ChangeNote, "出入国在留管理庁長官通知") });
            if (SameItems(m, after))
            {
                Error(FindingCatalogue.MissingItem, "corrections", "修正内容", $"{m.FullName}の通知による修正内容を入力してください。", m.AtenaNumber);
                continue;
            }
            Append(after);
        }
        if (request.RemoveFromRegister)
        {
            HandleHouseholdsLeft(movers);
        }
    }

    /// <summary>j840: when a 世帯主's name changes, the 世帯主の氏名 on every member's 住民票 follows.</summary>
    private void CascadeHeadName(ChangeReason reason)
    {
        foreach (var head in rows.Select(r => r.After).Where(a => a.IsResident && a.Relationship?.IsHead == true).ToList())
        {
            foreach (var member in register.Members(head.HouseholdNumber).Where(m => m.AtenaNumber != head.AtenaNumber))
            {
                var current = Current(member.AtenaNumber)!;
                if (current.HouseholdHeadName != head.FullName)
                {
                    Append(Next(current, reason, r => r with { HouseholdHeadName = head.FullName, ChangeNote = AddNote(r.ChangeNote, "世帯主の氏名の修正に伴う修正") }));
                }
            }
        }
    }
}
