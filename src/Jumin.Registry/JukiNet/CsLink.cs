using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Jumin.Domain.Residents;
using Jumin.JukiNet.Identity;
using Jumin.JukiNet.Pki;
using Jumin.JukiNet.Protocol;
using Jumin.JukiNet.Transport;
using Jumin.Registry.Changes;
using Jumin.Registry.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Jumin.Registry.JukiNet;

/// <summary>How a registry reaches its 市町村CS: its own node name and certificate, the CS, and the transport.</summary>
public sealed record CsLinkSettings(NodeId Self, X509Certificate2 Credentials, DirectoryEntry Cs, IJukiNetTransport Transport);

/// <summary>
/// The registry's side of 住基ネット (j1090): every 本登録 left a message for the CS in the registry's outbox, in the
/// 本登録's transaction; this sends them in that order as signed 本人確認情報 updates, again and again until the CS
/// acknowledges each, and records what the CS answered (applied, or the 論理チェック it failed). It also asks the CS
/// questions on the request stream (検索, 個人番号の生成・変更).
/// </summary>
public sealed class CsLink(RegistryDatabase database, CsLinkSettings settings, IClock clock) : IDisposable
{
    private const string RequestSequence = "jukinet-request";

    /// <summary>What a row without a 住民票コード is marked with instead of being sent.</summary>
    public const string NotSentWithoutCode = "住民票コードが記載されていないため送信していません（記載後に送信します）。";
    private readonly SemaphoreSlim sending = new(1, 1);

    public CsLinkSettings Settings => settings;

    /// <summary>Sends every unacknowledged message in order; stops at the first the CS does not acknowledge. Returns how many were acknowledged.</summary>
    public async Task<int> DeliverPendingAsync(CancellationToken cancellationToken = default)
    {
        await sending.WaitAsync(cancellationToken);
        try
        {
            await using var db = database.Open();
            var pending = await db.Outbox.AsTracking()
                .Where(m => m.Destination == OutboxDestinations.JukiNetCs && m.DeliveredAt == null)
                .OrderBy(m => m.Sequence).Take(500).ToListAsync(cancellationToken);
            var delivered = 0;
            foreach (var message in pending)
            {
                var row = await db.ResidentHistory.AsNoTracking().SingleAsync(r => r.AtenaNumber == message.AtenaNumber && r.HistoryNumber == message.HistoryNumber, cancellationToken);
                if (row.ResidentCode is null)
                {
                    // Nothing to key it by on the network: it goes once the 住民票コード is recorded (住民票コードの職権記載).
                    message.DeliveredAt = clock.GetCurrentInstant().ToDateTimeUtc();
                    message.DeliveryResult = NotSentWithoutCode;
                    await db.SaveChangesAsync(cancellationToken);
                    continue;
                }
                var previousCode = row.ChangeReason == ChangeReason.ResidentCodeChangeRequest
                    ? await db.ResidentHistory.AsNoTracking().Where(r => r.AtenaNumber == message.AtenaNumber && r.HistoryNumber == message.HistoryNumber - 1).Select(r => r.ResidentCode).SingleOrDefaultAsync(cancellationToken)
                    : null;
                var update = ToMessage(row) with
                {
                    PreviousResidentCode = previousCode?.Value,
                    Departure = row.ChangeReason == ChangeReason.DomesticMoveOut ? DepartureCertificate(row) : null,
                };
                var envelope = Sign(Streams.Update, message.Sequence, MessageKinds.IdentityUpdate, JsonSerializer.Serialize(update, Envelope.Json), message.CreatedAt);
                message.Attempts++;
                Reply reply;
                try
                {
                    reply = await settings.Transport.SendAsync(settings.Cs, envelope, cancellationToken);
                }
                catch (NodeUnreachableException e)
                {
                    message.LastError = e.Message;
                    await db.SaveChangesAsync(cancellationToken);
                    break;
                }
                if (reply.Outcome == ReplyOutcome.Refused)
                {
                    message.LastError = reply.Reason;
                    await db.SaveChangesAsync(cancellationToken);
                    break;
                }
                message.DeliveredAt = clock.GetCurrentInstant().ToDateTimeUtc();
                message.DeliveryResult = reply.Reason;
                message.LastError = null;
                await db.SaveChangesAsync(cancellationToken);
                delivered++;
            }
            return delivered;
        }
        finally
        {
            sending.Release();
        }
    }

    /// <summary>Asks the CS a question on the request stream and returns its reply.</summary>
    /// <exception cref="NodeUnreachableException">The CS did not answer.</exception>
    public async Task<Reply> RequestAsync(string kind, object body, CancellationToken cancellationToken = default)
    {
        long sequence;
        await using (var db = database.Open())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var numbering = await NumberSequences.LockAsync(db, RequestSequence, cancellationToken);
            sequence = numbering.NextValue++;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        var envelope = Sign(Streams.Request, sequence, kind, JsonSerializer.Serialize(body, Envelope.Json), clock.GetCurrentInstant().ToDateTimeUtc());
        return await settings.Transport.SendAsync(settings.Cs, envelope, cancellationToken);
    }

    /// <summary>Sends the outbox every <paramref name="interval"/> until stopped.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            await DeliverPendingAsync(cancellationToken);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    /// <summary>
    /// 本人確認情報 of one 住民票 row: the 5情報 with 振り仮名, 住所 and 番地, 住民票コード, 個人番号, and the change. The
    /// municipality code is left to the CS, which knows whose CS it is.
    /// </summary>
    public static IdentityUpdateMessage ToMessage(ResidentRecord row) => new(
        row.ResidentCode?.Value ?? "",
        null,
        row.FullName,
        row.FullNameKana,
        row.BirthDate.ToGregorian(),
        (int)row.Sex,
        $"{row.Address}{row.Banchi}",
        row.IndividualNumber?.Digits,
        (int)row.ChangeReason,
        row.ChangeDate.ToGregorian(),
        row.IsResident);

    /// <summary>転出証明書情報 (j650): what the 転出証明書 for this 除票 row would say.</summary>
    public static DepartureCertificateMessage DepartureCertificate(ResidentRecord row) => new(
        row.ResidentCode?.Value ?? "",
        null,
        row.FamilyName,
        row.GivenName,
        row.FamilyNameKana,
        row.GivenNameKana,
        row.BirthDate.ToLocalDate()?.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        (int)row.Sex,
        $"{row.Address}{row.Banchi}",
        row.IndividualNumber?.Digits,
        row.HouseholdHeadName,
        row.Relationship?.Text,
        row.Domicile,
        row.HeadOfFamilyRegister,
        row.PlannedMoveOutDate?.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        row.PlannedDestination);

    private Envelope Sign(string stream, long sequence, string kind, string body, DateTime sentAt)
    {
        using var key = settings.Credentials.GetECDsaPrivateKey() ?? throw new InvalidOperationException("既存住基システムの秘密鍵がありません。");
        return new Envelope
        {
            From = settings.Self.Value,
            To = settings.Cs.Id.Value,
            Stream = stream,
            Sequence = sequence,
            Kind = kind,
            Body = body,
            SentAt = Instant.FromDateTimeUtc(DateTime.SpecifyKind(sentAt, DateTimeKind.Utc)).ToString(),
        }.SignedWith(key);
    }

    public void Dispose() => sending.Dispose();
}
