using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Jumin.Domain.Residents;
using Jumin.JukiNet.Identity;
using Jumin.JukiNet.Messaging;
using Jumin.JukiNet.Pki;
using Jumin.JukiNet.Protocol;
using Jumin.JukiNet.Transport;
using Jumin.Registry.Audit;
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

    /// <summary>What the CS answers for a row without a 住民票コード (it goes up once the code is recorded).</summary>
    public const string NotSentWithoutCode = IdentityUpdateMessage.WithoutResidentCode;
    private readonly SemaphoreSlim sending = new(1, 1);

    public CsLinkSettings Settings => settings;

    /// <summary>Raised after a round in which the CS acknowledged messages (how many), once they are marked sent.</summary>
    public event Action<int>? Delivered;

    /// <summary>
    /// Sends up to 100 unacknowledged messages in order (callers loop while it returns any); stops at the first the CS
    /// does not acknowledge. Returns how many were acknowledged.
    /// </summary>
    public async Task<int> DeliverPendingAsync(CancellationToken cancellationToken = default)
    {
        await sending.WaitAsync(cancellationToken);
        try
        {
            await using var db = database.Open();
            var pending = await db.Outbox.AsTracking()
                .Where(m => m.Destination == OutboxDestinations.JukiNetCs && m.DeliveredAt == null)
                .OrderBy(m => m.Sequence).Take(100).ToListAsync(cancellationToken);
            // One read for the whole batch: the rows the messages carry, and the row before each (the previous 住民票コード).
            var atenas = pending.Select(m => m.AtenaNumber).Distinct().ToList();
            var history = (await db.ResidentHistory.AsNoTracking().Where(r => atenas.Contains(r.AtenaNumber)).ToListAsync(cancellationToken))
                .ToDictionary(r => (r.AtenaNumber.Value, r.HistoryNumber));
            var delivered = await InOrder.SendAsync(pending,
                message =>
                {
                    var row = history[(message.AtenaNumber.Value, message.HistoryNumber)];
                    var previousCode = row.ChangeReason == ChangeReason.ResidentCodeChangeRequest
                        ? history.GetValueOrDefault((message.AtenaNumber.Value, message.HistoryNumber - 1))?.ResidentCode
                        : null;
                    var update = ToMessage(row) with
                    {
                        PreviousResidentCode = previousCode?.Value,
                        Departure = row.ChangeReason == ChangeReason.DomesticMoveOut && message.ChangeId != InitialLoadChange ? DepartureCertificate(row) : null,
                        IsInitialLoad = message.ChangeId == InitialLoadChange,
                    };
                    var envelope = Sign(Streams.Update, message.Sequence, MessageKinds.IdentityUpdate, JsonSerializer.Serialize(update, Envelope.Json), message.CreatedAt);
                    message.Attempts++;
                    return settings.Transport.SendAsync(settings.Cs, envelope, cancellationToken);
                },
                async (message, reply) =>
                {
                    message.DeliveredAt = clock.GetCurrentInstant().ToDateTimeUtc();
                    message.DeliveryResult = reply.Reason;
                    message.LastError = null;
                    await db.SaveChangesAsync(cancellationToken);
                },
                async (message, stop) =>
                {
                    message.LastError = stop.Reason;
                    await db.SaveChangesAsync(cancellationToken);
                });
            if (delivered == pending.Count)
            {
                delivered += await SendCardDestinationsAsync(db, cancellationToken);
            }
            if (delivered > 0)
            {
                Delivered?.Invoke(delivered);
            }
            return delivered;
        }
        finally
        {
            sending.Release();
        }
    }

    /// <summary>
    /// 送付先情報 (j1120), once every 本人確認情報 update before it has reached the CS (the CS checks the 個人番号 against the
    /// latest 住民票コード it holds): up to 100 confirmed and unsent, in the order they were made. A resend after a lost
    /// answer carries the same 送付先管理番号, which the CS does not pass on twice.
    /// </summary>
    private async Task<int> SendCardDestinationsAsync(RegistryDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Outbox.AnyAsync(m => m.Destination == OutboxDestinations.JukiNetCs && m.DeliveredAt == null, cancellationToken))
        {
            return 0;
        }
        var due = await db.CardDestinations.AsTracking().Where(d => d.ConfirmedAt != null && d.SentAt == null).OrderBy(d => d.Id).Take(100).ToListAsync(cancellationToken);
        return await InOrder.SendAsync(due,
            async destination =>
            {
                var row = await db.ResidentHistory.AsNoTracking().SingleAsync(r => r.AtenaNumber == destination.AtenaNumber && r.HistoryNumber == destination.HistoryNumber, cancellationToken);
                destination.Attempts++;
                return await RequestAsync(MessageKinds.CardDestination, CardWindow.Message(destination, row), cancellationToken);
            },
            async (destination, reply) =>
            {
                var result = MessageBodies.Parse<Jumin.JukiNet.Cards.CardDestinationResult>(reply.Body!);
                destination.SentAt = clock.GetCurrentInstant().ToDateTimeUtc();
                destination.Result = result.Accepted ? null : result.Refusal;
                destination.LastError = null;
                await db.SaveChangesAsync(cancellationToken);
            },
            async (destination, stop) =>
            {
                destination.LastError = stop.Reason;
                await db.SaveChangesAsync(cancellationToken);
            },
            unusable: reply => reply.Body is null);
    }

    /// <summary>The 異動番号 of the messages of the 初期移行 (no 異動 wrote them).</summary>
    public const long InitialLoadChange = 0;

    /// <summary>
    /// 初期移行: a register connected to its CS for the first time (nothing ever sent) queues every person's current row
    /// that has a 住民票コード, 住民 and 消除者 alike, in 宛名番号 order. Returns how many; 0 when already connected.
    /// </summary>
    public async Task<int> EnqueueInitialLoadAsync(AuditTrail audit, CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Outbox.AnyAsync(m => m.Destination == OutboxDestinations.JukiNetCs, cancellationToken))
        {
            return 0;
        }
        var current = await db.LatestRows(db.Residents).AsNoTracking()
            .Where(h => h.ResidentCode != null)
            .Select(h => new { h.AtenaNumber, h.HistoryNumber, h.ChangeReason })
            .ToListAsync(cancellationToken);
        var now = clock.GetCurrentInstant().ToDateTimeUtc();
        var sequence = 0L;
        foreach (var row in current.OrderBy(r => r.AtenaNumber.Value, StringComparer.Ordinal))
        {
            db.Outbox.Add(new OutboxMessageRow
            {
                Destination = OutboxDestinations.JukiNetCs,
                Sequence = ++sequence,
                ChangeId = InitialLoadChange,
                AtenaNumber = row.AtenaNumber,
                HistoryNumber = row.HistoryNumber,
                ChangeReason = (int)row.ChangeReason,
                CreatedAt = now,
            });
        }
        await audit.AppendAsync(db, [audit.Event(Access.Operator.Batch("jukinet-initial-load"), Audit.AuditFunctions.BatchUpdate, "住基ネット初期移行", detail: $"本人確認情報 {current.Count}件を市町村CSへの送信待ちにしました")], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return current.Count;
    }

    /// <summary>What the registry has sent its CS: waiting, acknowledged, refused by a 論理チェック, and the last problem.</summary>
    public async Task<CsLinkStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        var messages = db.Outbox.AsNoTracking().Where(m => m.Destination == OutboxDestinations.JukiNetCs);
        var waiting = await messages.CountAsync(m => m.DeliveredAt == null, cancellationToken);
        var delivered = await messages.CountAsync(m => m.DeliveredAt != null && m.DeliveryResult == null, cancellationToken);
        var rejected = await messages.Where(m => m.DeliveredAt != null && m.DeliveryResult != null && m.DeliveryResult != NotSentWithoutCode)
            .OrderByDescending(m => m.Sequence).Take(50).Select(m => new { m.Sequence, m.AtenaNumber, m.DeliveryResult }).ToListAsync(cancellationToken);
        var rejectedCount = await messages.CountAsync(m => m.DeliveredAt != null && m.DeliveryResult != null && m.DeliveryResult != NotSentWithoutCode, cancellationToken);
        var withoutCode = await messages.CountAsync(m => m.DeliveryResult == NotSentWithoutCode, cancellationToken);
        var problem = await messages.Where(m => m.DeliveredAt == null && m.LastError != null).OrderBy(m => m.Sequence).Select(m => m.LastError).FirstOrDefaultAsync(cancellationToken);
        return new CsLinkStatus(settings.Cs.Name, waiting, delivered, rejectedCount, withoutCode, problem,
            rejected.Select(m => new CsLinkRejection(m.Sequence, m.AtenaNumber.Value, m.DeliveryResult!)).ToList());
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

    /// <summary>Sends the outbox every <paramref name="interval"/> until stopped; a round that fails is tried again (<see cref="DeliveryResilience.Rounds"/>).</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        var rounds = DeliveryResilience.Rounds(e => LastSenderFailure = $"{clock.GetCurrentInstant()}: {e.GetType().Name}: {e.Message}", cancellationToken);
        do
        {
            await rounds.ExecuteAsync(async token =>
            {
                while (await DeliverPendingAsync(token) > 0)
                {
                }
                LastSenderFailure = null;
            }, cancellationToken);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    /// <summary>The name of the CS this registry is linked to (as the 整合性確認 report names the level).</summary>
    public string CsName => settings.Cs.Name;

    /// <summary>Why the last send round failed as a whole (the registry's database restarting …); null once one succeeds.</summary>
    public string? LastSenderFailure { get; private set; }

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

    private Envelope Sign(string stream, long sequence, string kind, string body, DateTime sentAt) =>
        new Envelope
        {
            From = settings.Self.Value,
            To = settings.Cs.Id.Value,
            Stream = stream,
            Sequence = sequence,
            Kind = kind,
            Body = body,
            SentAt = Instant.FromDateTimeUtc(DateTime.SpecifyKind(sentAt, DateTimeKind.Utc)).ToString(),
        }.SignedBy(settings.Credentials);

    public void Dispose() => sending.Dispose();
}

/// <summary>The state of the registry's link to its CS, for the 住基ネット screen.</summary>
public sealed record CsLinkStatus(string Cs, int Waiting, int Delivered, int Rejected, int WithoutResidentCode, string? LastProblem, IReadOnlyList<CsLinkRejection> RecentRejections);

/// <summary>A message the CS refused by a 論理チェック.</summary>
public sealed record CsLinkRejection(long Sequence, string AtenaNumber, string Reason);
