using System.Globalization;
using Jumin.Domain;
using Jumin.Domain.Changes;
using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;
using Jumin.JukiNet.Identity;
using Jumin.Registry.Access;
using Jumin.Registry.Audit;
using Jumin.Registry.Changes;
using Jumin.Registry.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Jumin.Registry.JukiNet;

/// <summary>住基ネット refused or could not answer; the message says why, in Japanese.</summary>
public sealed class JukiNetRequestException(string message) : RefusalException(message)
{
    public override RefusalKind Kind => RefusalKind.Conflict;
}

/// <summary>
/// Moving between municipalities over 住基ネット: 特例転入 with the 転出証明書情報 fetched from the old municipality
/// (j610, j670), and the 転入通知 that comes back to the old one and is taken in as a 仮登録 of 転入通知の受理 (j680–j700).
/// </summary>
public sealed class MovesBetweenMunicipalities(RegistryDatabase database, AuditTrail audit, ChangeService changes, CsLink link, IClock clock)
{
    private const string SpecialMoveIn = "特例転入（転出証明書情報の取得）";
    private const string MoveInNotices = "転入通知の受理（住基ネット）";

    /// <summary>
    /// 特例転入 (j670): the 転出証明書情報 of the person whose 住民票コード the clerk read from the 個人番号カード, from the
    /// municipality they left. It can be fetched once; a second municipality is refused.
    /// </summary>
    /// <exception cref="JukiNetRequestException">Not found, already taken, purged, or the network did not answer.</exception>
    public async Task<DepartureCertificateMessage> FetchDepartureCertificateAsync(Operator op, ResidentCode residentCode, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.ChangeEntry, SpecialMoveIn, cancellationToken);
        var result = await RequestAsync<DepartureCertificateResult>(op, SpecialMoveIn, residentCode.Value, MessageKinds.DepartureCertificate, new DepartureCertificateRequest(residentCode.Value), cancellationToken);
        if (result.Certificate is not { } certificate)
        {
            await FailAsync(op, SpecialMoveIn, residentCode.Value, result.Refusal ?? "転出証明書情報がありません。", cancellationToken);
            throw new JukiNetRequestException(result.Refusal ?? "転出証明書情報がありません。");
        }
        await audit.AppendAloneAsync(database, [audit.Event(op, AuditFunctions.ChangeEntry, SpecialMoveIn, residentCode.Value, individualNumberAccessed: certificate.IndividualNumber is not null,
            detail: $"転出証明書情報を取得（転出元 {certificate.MunicipalityCode}）")], cancellationToken);
        return certificate;
    }

    /// <summary>
    /// The person a 転出証明書情報 describes, as the 転入 screen needs them (the clerk adds the new address, the 世帯 and
    /// the date, and checks the rest against the person in front of them).
    /// </summary>
    public static PersonItems PersonFrom(DepartureCertificateMessage certificate) => new()
    {
        Kind = ResidentKind.Japanese,
        FamilyName = certificate.FamilyName,
        GivenName = certificate.GivenName,
        FamilyNameKana = certificate.FamilyNameKana,
        GivenNameKana = certificate.GivenNameKana,
        Sex = (Sex)certificate.Sex,
        BirthDate = certificate.BirthDate is { } birth ? RecordedDate.FromLocalDate(LocalDate.FromDateTime(DateTime.Parse(birth, CultureInfo.InvariantCulture))) : RecordedDate.Unknown,
        DomicileStatus = certificate.Domicile is null ? DomicileStatus.Unknown : DomicileStatus.Recorded,
        Domicile = certificate.Domicile,
        HeadOfFamilyRegister = certificate.HeadOfFamilyRegister,
        ResidentCode = ResidentCode.Parse(certificate.ResidentCode),
        IndividualNumber = certificate.IndividualNumber is { } number ? IndividualNumber.Parse(number) : null,
    };

    /// <summary>
    /// 転入通知の受理 (j700): enters a 仮登録 for each 転入通知 waiting at the CS (another user registers it, j530), and
    /// tells the CS which were taken. A notice for a person who is not a 国内転出 除票 here is left at the CS and reported.
    /// </summary>
    public async Task<MoveInNoticeIntake> TakeInMoveInNoticesAsync(Operator op, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.ChangeEntry, MoveInNotices, cancellationToken);
        var pending = await RequestAsync<PendingMoveInNotices>(op, MoveInNotices, null, MessageKinds.MoveInNoticesPending, new { }, cancellationToken);
        var entered = new List<long>();
        var taken = new List<long>();
        var problems = new List<string>();
        var today = clock.GetCurrentInstant().InZone(JapanTime.Zone).Date;
        foreach (var item in pending.Notices)
        {
            var notice = item.Notice;
            AtenaNumber? atena;
            await using (var db = database.Open())
            {
                atena = await db.ResidentHistory.AsNoTracking()
                    .Where(r => r.ResidentCode == ResidentCode.Parse(notice.ResidentCode))
                    .OrderByDescending(r => r.HistoryNumber).Select(r => r.AtenaNumber).FirstOrDefaultAsync(cancellationToken);
            }
            if (atena is null)
            {
                problems.Add($"住民票コード{notice.ResidentCode}の除票がありません。");
                continue;
            }
            var moveIn = ParseDate(notice.MoveInDate);
            var request = new ChangeRequest
            {
                Kind = ChangeKind.MoveInNotice,
                Basis = ChangeBasis.ExOfficio,
                ChangeDate = moveIn is { } date ? RecordedDate.FromLocalDate(date) : RecordedDate.FromLocalDate(today),
                Movers = [atena],
                MoveInNoticeDate = LocalDate.FromDateTime(item.ReceivedAt),
                Destination = new DestinationInput(notice.NewAddress, ConfirmedMoveOutDate: moveIn),
            };
            try
            {
                entered.Add((await changes.EnterAsync(op, request, [], cancellationToken)).Id);
                taken.Add(item.Id);
            }
            catch (ChangeRejectedException e)
            {
                problems.Add($"住民票コード{notice.ResidentCode}: {string.Join(" ", e.Findings.Select(f => f.Message))}");
            }
        }
        if (taken.Count > 0)
        {
            await RequestAsync<object>(op, MoveInNotices, null, MessageKinds.MoveInNoticesTaken, new MoveInNoticesTaken(taken), cancellationToken);
        }
        await audit.AppendAloneAsync(database, [audit.Event(op, AuditFunctions.ChangeProvisional, MoveInNotices, detail: $"転入通知{pending.Notices.Count}件、仮登録{entered.Count}件、保留{problems.Count}件")], cancellationToken);
        return new MoveInNoticeIntake(entered, problems);
    }

    private async Task<T> RequestAsync<T>(Operator op, string screen, string? target, string kind, object body, CancellationToken cancellationToken) where T : class =>
        (await new CsRequests(link, database, audit).AskAsync<T>(op, AuditFunctions.ChangeEntry, screen, target, kind, body, "要求", cancellationToken))!;

    private Task FailAsync(Operator op, string screen, string? target, string reason, CancellationToken cancellationToken) =>
        new CsRequests(link, database, audit).RefusedAsync(op, AuditFunctions.ChangeEntry, screen, target, reason, cancellationToken);

    private static LocalDate? ParseDate(string text)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text, @"^(\d{4})年(\d{1,2})月(\d{1,2})日$");
        return match.Success
            ? new LocalDate(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture))
            : null;
    }
}

/// <summary>What taking in the 転入通知 did: the 仮登録 entered, and the notices left at the CS with the reason.</summary>
public sealed record MoveInNoticeIntake(IReadOnlyList<long> Entered, IReadOnlyList<string> Problems);
