using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Jumin.Domain.Dates;
using Jumin.Domain.JukiNet;
using Jumin.Domain.Residents;
using Jumin.JukiNet.Cards;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Jumin.National.Cards;

/// <summary>What an operation did: the card as it now stands (or the refusal), and the municipality to notify, if any.</summary>
public sealed record CardOperationOutcome(CardOperationResult Result, CardSuspendedNotice? Notice = null);

/// <summary>Counts for the card statistics (seed 004 §2.12 (3)): 送付先情報 received, cards by status, valid cards.</summary>
public sealed record CardStatistics(int DestinationsReceived, IReadOnlyDictionary<string, int> CardsByStatus, int ValidCards);

/// <summary>
/// 個人番号カード管理システム (j1110, j1120; seed 004 §1.3, §2.9–2.10). It takes 送付先情報 and window operations that the
/// 全国サーバ passes on from the CS, suspensions from the コールセンター, and the 異動 of card holders (R-STO-12); it keeps
/// its own 個人番号カード用管理ファイル and cannot reach the 全国サーバ's 本人確認情報: its constructor takes only its own
/// database. The issuance contractor's 発行 is one step with the 交付申請 here (ADR 0011): the card is made, numbered and
/// dated, and waits at the municipality as 未交付.
/// </summary>
public sealed partial class CardManagement(CardDatabase database, IClock clock)
{
    /// <summary>The operator name recorded for what the module does on its own (異動 of a holder).</summary>
    public const string System = "カード管理システム";

    public CardDatabase Database => database;

    /// <summary>送付先情報受領 (1-①): kept once per municipality and 送付先管理番号; a resend changes nothing.</summary>
    public async Task ReceiveDestinationAsync(CardDestinationMessage destination, CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        var municipality = destination.MunicipalityCode ?? throw new ArgumentException("送付先情報に市町村コードがありません。", nameof(destination));
        if (await db.Destinations.AnyAsync(d => d.MunicipalityCode == municipality && d.DestinationNumber == destination.DestinationNumber, cancellationToken))
        {
            return;
        }
        db.Destinations.Add(new ReceivedDestinationRow
        {
            MunicipalityCode = municipality,
            DestinationNumber = destination.DestinationNumber,
            ResidentCode = destination.ResidentCode,
            IndividualNumber = database.Protector.SealText(destination.IndividualNumber),
            Name = destination.Name,
            NameKana = destination.NameKana,
            BirthDate = destination.BirthDate,
            Sex = destination.Sex,
            Address = destination.Address,
            DeliveryName = destination.DeliveryName,
            DeliveryAddress = destination.DeliveryAddress,
            Reason = destination.Reason,
            ReceivedAt = Now,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// A window operation from a municipality (<paramref name="byCallCentre"/> false; only on cards under its jurisdiction)
    /// or a 一時停止 from the コールセンター, which also yields the notice for the municipality (seed 004 §2.10 item 3).
    /// </summary>
    public async Task<CardOperationOutcome> OperateAsync(CardOperationRequest request, string from, bool byCallCentre, CancellationToken cancellationToken = default)
    {
        if (CardOperations.FromJapanese(request.Operation) is not { } operation)
        {
            return Refused($"操作「{request.Operation}」はありません（交付申請・交付・一時停止・一時停止解除・廃止・回収・返還）。");
        }
        if (string.IsNullOrWhiteSpace(request.Operator))
        {
            return Refused("操作者が指定されていません。");
        }
        if (operation.NeedsReason() && string.IsNullOrWhiteSpace(request.Reason))
        {
            return Refused($"{operation.JapaneseName()}には理由が必要です。");
        }
        await using var db = database.Open();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var residentCode = request.ResidentCode;
        if (byCallCentre)
        {
            var hash = request.IndividualNumber is null ? null : database.Protector.LookupHash(request.IndividualNumber);
            residentCode = hash is null ? null
                : await db.Cards.Where(c => c.IndividualNumberHash == hash).OrderByDescending(c => c.IssuedOn).Select(c => c.ResidentCode).FirstOrDefaultAsync(cancellationToken);
            if (residentCode is null)
            {
                return Refused("この個人番号の個人番号カードはありません。");
            }
        }
        if (string.IsNullOrEmpty(residentCode))
        {
            return Refused("住民票コードが指定されていません。");
        }
        if (operation == CardOperation.Application)
        {
            return await ApplyForCardAsync(db, transaction, residentCode, request, from, cancellationToken);
        }
        var cards = await db.Cards.Where(c => c.ResidentCode == residentCode).ToListAsync(cancellationToken);
        var card = operation == CardOperation.Collect
            ? cards.Where(c => c.Status == (int)CardStatus.Abolished && c.CollectedAt == null).OrderByDescending(c => c.AbolishedAt).FirstOrDefault()
            : cards.Where(c => c.Status != (int)CardStatus.Abolished).OrderByDescending(c => c.IssuedOn).FirstOrDefault();
        card ??= cards.OrderByDescending(c => c.IssuedOn).ThenByDescending(c => c.UpdatedAt).FirstOrDefault();
        if (card is null)
        {
            return Refused($"住民票コード{residentCode}の人の個人番号カードはありません。");
        }
        if (!byCallCentre && card.MunicipalityCode != request.MunicipalityCode)
        {
            return Refused($"カード{card.CardNumber}の所管は{card.MunicipalityCode}です（{request.MunicipalityCode}からは操作できません）。");
        }
        var (after, refusal) = CardLedgerRules.Apply(new CardState((CardStatus)card.Status, card.CollectedAt is not null), operation, byCallCentre);
        if (after is null)
        {
            return Refused(refusal!);
        }
        var now = Now;
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        switch (operation)
        {
            case CardOperation.HandOver:
                card.HandedOverAt = now;
                break;
            case CardOperation.Suspend:
                card.SuspendedAt = now;
                card.SuspensionReason = reason;
                break;
            case CardOperation.Resume:
                card.SuspendedAt = null;
                card.SuspensionReason = null;
                break;
            case CardOperation.Abolish:
            case CardOperation.Return:
                card.AbolishedAt = now;
                card.AbolitionReason = reason ?? operation.JapaneseName();
                break;
        }
        if (after.Collected && card.CollectedAt is null)
        {
            card.CollectedAt = now;
        }
        card.Status = (int)after.Status;
        card.UpdatedAt = now;
        db.Events.Add(Event(card, (int)operation, reason, from, request.Operator, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var notice = byCallCentre ? new CardSuspendedNotice(card.ResidentCode, card.CardNumber, card.MunicipalityCode, now, reason!, request.Operator) : null;
        return new CardOperationOutcome(new CardOperationResult(Summary(card)), notice);
    }

    /// <summary>
    /// 交付申請 and 発行 (1-⑤ to 1-⑩): the person's latest 送付先情報 supplies the 4情報 and the 個人番号 (the number on a
    /// returned form is not used, seed 004 §2.9); a card the person still holds is abolished as 再交付.
    /// </summary>
    private async Task<CardOperationOutcome> ApplyForCardAsync(CardDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, string residentCode, CardOperationRequest request, string from, CancellationToken cancellationToken)
    {
        var destination = await db.Destinations.Where(d => d.ResidentCode == residentCode).OrderByDescending(d => d.Id).FirstOrDefaultAsync(cancellationToken);
        if (destination is null)
        {
            return Refused($"住民票コード{residentCode}の送付先情報を受け取っていません（交付申請書は送付先情報に基づいて作られます）。");
        }
        var now = Now;
        foreach (var held in await db.Cards.Where(c => c.ResidentCode == residentCode && c.Status != (int)CardStatus.Abolished).ToListAsync(cancellationToken))
        {
            held.Status = (int)CardStatus.Abolished;
            held.AbolishedAt = now;
            held.AbolitionReason = "再交付";
            held.UpdatedAt = now;
            db.Events.Add(Event(held, (int)CardOperation.Abolish, "再交付", from, request.Operator, now));
        }
        var issuedOn = JapanTime.Today(clock);
        var card = new CardRow
        {
            CardNumber = await NewCardNumberAsync(db, cancellationToken),
            ResidentCode = residentCode,
            IndividualNumber = destination.IndividualNumber,
            IndividualNumberHash = database.Protector.LookupHash(database.Protector.OpenText(destination.IndividualNumber)),
            MunicipalityCode = request.MunicipalityCode ?? destination.MunicipalityCode,
            Status = (int)CardStatus.NotHandedOver,
            IssuedOn = issuedOn.ToDateOnly(),
            ExpiresOn = ExpiryFor(destination.BirthDate, issuedOn).ToDateOnly(),
            UpdatedAt = now,
        };
        db.Cards.Add(card);
        db.Events.Add(Event(card, (int)CardOperation.Application, request.Reason, from, request.Operator, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CardOperationOutcome(new CardOperationResult(Summary(card)));
    }

    /// <summary>カード管理情報 for the window: every card of the person, newest first.</summary>
    public async Task<CardStatusResult> StatusAsync(string residentCode, CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        var cards = await db.Cards.AsNoTracking().Where(c => c.ResidentCode == residentCode).ToListAsync(cancellationToken);
        var received = await db.Destinations.AnyAsync(d => d.ResidentCode == residentCode, cancellationToken);
        return new CardStatusResult(cards.OrderByDescending(c => c.IssuedOn).ThenByDescending(c => c.UpdatedAt).Select(Summary).ToList(), received);
    }

    /// <summary>
    /// 異動 of a card holder (seed 004 R-STO-12, §2.11): the cards follow a 住民票コード change; the jurisdiction follows a
    /// 転入 to another municipality (所管, 前住地市町村コード, 転入処理日); a death or a change of 個人番号 ends the card.
    /// </summary>
    public async Task HolderChangedAsync(string residentCode, string? previousResidentCode, string municipalityCode, ChangeReason reason, string? individualNumber, CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        var codes = previousResidentCode is null ? new[] { residentCode } : [residentCode, previousResidentCode];
        var cards = await db.Cards.Where(c => codes.Contains(c.ResidentCode) && c.Status != (int)CardStatus.Abolished).ToListAsync(cancellationToken);
        if (cards.Count == 0)
        {
            return;
        }
        var now = Now;
        foreach (var card in cards)
        {
            string? what = null;
            if (card.ResidentCode != residentCode)
            {
                card.ResidentCode = residentCode;
                what = $"住民票コードの変更（{previousResidentCode}→{residentCode}）";
            }
            if (reason.Category() == ChangeCategory.Entry && card.MunicipalityCode != municipalityCode)
            {
                card.PreviousMunicipalityCode = card.MunicipalityCode;
                card.MunicipalityCode = municipalityCode;
                card.MovedInAt = now;
                what = $"{reason.JapaneseName()}により所管を{card.PreviousMunicipalityCode}から{municipalityCode}へ移しました";
            }
            var ended = reason == ChangeReason.Death ? "死亡"
                : individualNumber is not null && database.Protector.LookupHash(individualNumber) != card.IndividualNumberHash ? "個人番号の変更"
                : null;
            if (ended is not null)
            {
                card.Status = (int)CardStatus.Abolished;
                card.AbolishedAt = now;
                card.AbolitionReason = ended;
                what = ended;
            }
            if (what is not null)
            {
                card.UpdatedAt = now;
                db.Events.Add(Event(card, 0, what, "national", System, now));
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Statistics (seed 004 §2.12 (3)): counts only, nothing about any one person.</summary>
    public async Task<CardStatistics> StatisticsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        var today = JapanTime.Today(clock).ToDateOnly();
        var byStatus = await db.Cards.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var valid = await db.Cards.CountAsync(c => c.Status != (int)CardStatus.Abolished && c.ExpiresOn >= today, cancellationToken);
        return new CardStatistics(
            await db.Destinations.CountAsync(cancellationToken),
            byStatus.ToDictionary(s => ((CardStatus)s.Key).JapaneseName(), s => s.Count),
            valid);
    }

    private DateTime Now => clock.GetCurrentInstant().ToDateTimeUtc();

    private static CardOperationOutcome Refused(string reason) => new(new CardOperationResult(null, reason));

    private static CardEventRow Event(CardRow card, int operation, string? reason, string from, string @operator, DateTime at) => new()
    {
        CardNumber = card.CardNumber,
        ResidentCode = card.ResidentCode,
        Operation = operation,
        Status = card.Status,
        Reason = reason,
        From = from,
        Operator = @operator,
        At = at,
    };

    public static CardSummary Summary(CardRow card) => new(
        card.CardNumber,
        card.ResidentCode,
        ((CardStatus)card.Status).JapaneseName(),
        card.MunicipalityCode,
        card.IssuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        card.ExpiresOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Day(card.HandedOverAt),
        Day(card.SuspendedAt),
        card.SuspensionReason,
        Day(card.AbolishedAt),
        card.AbolitionReason,
        Day(card.CollectedAt));

    private static string? Day(DateTime? at) =>
        at is { } value ? Instant.FromDateTimeUtc(DateTime.SpecifyKind(value, DateTimeKind.Utc)).InZone(JapanTime.Zone).Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

    /// <summary>カード発行番号: 12 random digits, never one already in the ledger.</summary>
    private static async Task<string> NewCardNumberAsync(CardDbContext db, CancellationToken cancellationToken)
    {
        while (true)
        {
            var number = RandomNumberGenerator.GetInt32(100_000, 1_000_000).ToString(CultureInfo.InvariantCulture)
                + RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
            if (!await db.Cards.AnyAsync(c => c.CardNumber == number, cancellationToken))
            {
                return number;
            }
        }
    }

    /// <summary>
    /// The expiry from the 生年月日 as the register writes it (西暦, e.g. 1990年5月1日). A month or day 不詳 counts as the
    /// first; a wholly unknown date is treated as an adult's.
    /// </summary>
    private static LocalDate ExpiryFor(string birthDate, LocalDate issuedOn)
    {
        var match = GregorianDate().Match(birthDate);
        if (!match.Success)
        {
            return CardLedgerRules.Expiry(issuedOn.PlusYears(-30), issuedOn);
        }
        var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var month = match.Groups[2].Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 1;
        var day = match.Groups[3].Success ? int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) : 1;
        return CardLedgerRules.Expiry(new LocalDate(year, month, Math.Min(day, CalendarSystem.Iso.GetDaysInMonth(year, month))), issuedOn);
    }

    [GeneratedRegex(@"^(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?", RegexOptions.CultureInvariant)]
    private static partial Regex GregorianDate();
}
