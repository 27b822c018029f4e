using Jumin.Domain;
using Jumin.Domain.Changes;
using Jumin.Domain.Identifiers;
using Jumin.Domain.JukiNet;
using Jumin.Domain.Residents;
using Jumin.JukiNet.Cards;
using Jumin.JukiNet.Identity;
using Jumin.Registry.Access;
using Jumin.Registry.Audit;
using Jumin.Registry.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Jumin.Registry.JukiNet;

/// <summary>A person's cards as the カード管理システム knows them, and whether their 送付先情報 reached it.</summary>
public sealed record CardStatusView(AtenaNumber AtenaNumber, string ResidentCode, IReadOnlyList<CardSummary> Cards, bool DestinationReceived);

/// <summary>One 送付先情報 and what became of it (j1120: 送付先情報のCS送信履歴).</summary>
public sealed record CardDestinationView(long Id, string AtenaNumber, int HistoryNumber, string Origin, string? DeliveryName, string? DeliveryAddress, string CreatedBy, DateTime CreatedAt, string? ConfirmedBy, DateTime? ConfirmedAt, DateTime? SentAt, string State, string? Result, string? LastError);

/// <summary>A 一時停止の通知 taken in from the CS, with the person it concerns here.</summary>
public sealed record CardNoticeView(long Id, string? AtenaNumber, CardSuspendedNotice Notice);

/// <summary>
/// 個人番号カード at the window (j1110, j1120): the card status of a person (whether and which card they hold), the window
/// operations 交付申請・交付・一時停止・一時停止解除・廃止・回収・返還 sent through the CS to the 個人番号カード管理システム,
/// 送付先情報 made by hand (to a 居所) and its 送信履歴, and the コールセンター's suspension notices.
/// </summary>
public sealed class CardWindow(RegistryDatabase database, AuditTrail audit, CsLink link, IClock clock)
{
    private const string Screen = "個人番号カード管理（住基ネット）";

    /// <summary>The 送付先情報 made by a 本登録.</summary>
    public const string ByChange = Changes.CardDestinationsDue.Origin;

    /// <summary>The 送付先情報 made by hand.</summary>
    public const string ByHand = "窓口";

    private CsRequests Requests => new(link, database, audit);

    /// <summary>カード管理状況 (j1110): whether, and which, card the person holds.</summary>
    /// <exception cref="FieldValidationException">The person has no 住民票コード.</exception>
    /// <exception cref="JukiNetRequestException">The network did not answer.</exception>
    public async Task<CardStatusView> StatusAsync(Operator op, AtenaNumber atena, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.Inquiry, Screen, cancellationToken);
        var person = await PersonAsync(atena, cancellationToken);
        var code = CodeOf(person);
        var result = await Requests.AskAsync<CardStatusResult>(op, AuditFunctions.View, Screen, atena.Value, MessageKinds.CardStatus, new CardStatusRequest(code), "照会", cancellationToken)
            ?? new CardStatusResult([], false);
        await audit.AppendAloneAsync(database, [audit.Event(op, AuditFunctions.View, Screen, atena.Value, detail: $"カード管理情報の照会（{result.Cards.Count}枚）")], cancellationToken);
        return new CardStatusView(atena, code, result.Cards, result.DestinationReceived);
    }

    /// <summary>
    /// A window operation on the person's card (j1110). 一時停止 and 廃止 need a reason; the カード管理システム refuses an
    /// operation the card's state does not allow, or one on a card of another municipality.
    /// </summary>
    /// <exception cref="FieldValidationException">No reason where one is needed, or no 住民票コード.</exception>
    /// <exception cref="JukiNetRequestException">Refused, with the reason, or the network did not answer.</exception>
    public async Task<CardSummary> OperateAsync(Operator op, AtenaNumber atena, CardOperation operation, string? reason, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.ChangeEntry, Screen, cancellationToken);
        if (operation.NeedsReason() && string.IsNullOrWhiteSpace(reason))
        {
            throw new FieldValidationException("reason", "理由", new ValidationError("required", $"{operation.JapaneseName()}には理由を入力してください。"));
        }
        var person = await PersonAsync(atena, cancellationToken);
        var code = CodeOf(person);
        var request = new CardOperationRequest(operation.JapaneseName(), op.UserId, code, null, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
        var result = await Requests.AskAsync<CardOperationResult>(op, AuditFunctions.ChangeEntry, Screen, atena.Value, MessageKinds.CardOperation, request, "要求", cancellationToken);
        if (result?.Card is not { } card)
        {
            var refusal = result?.Refusal ?? "カード管理システムから応答がありません。";
            await Requests.RefusedAsync(op, AuditFunctions.ChangeEntry, Screen, atena.Value, $"{operation.JapaneseName()}: {refusal}", cancellationToken);
            throw new JukiNetRequestException(refusal);
        }
        await audit.AppendAloneAsync(database, [audit.Event(op, AuditFunctions.ChangeEntry, Screen, atena.Value,
            detail: $"{operation.JapaneseName()} カード{card.CardNumber}（{card.Status}）{(request.Reason is null ? "" : " 理由 " + request.Reason)}")], cancellationToken);
        return card;
    }

    /// <summary>
    /// 送付先情報 by hand (j1120: 現住所とは異なる居所を送付先として設定できること). It waits until another user confirms it.
    /// </summary>
    /// <exception cref="FieldValidationException">The person is not a resident with a 住民票コード and a 個人番号.</exception>
    public async Task<CardDestinationView> CreateDestinationAsync(Operator op, AtenaNumber atena, string? deliveryName, string? deliveryAddress, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.ChangeEntry, Screen, cancellationToken);
        var person = await PersonAsync(atena, cancellationToken);
        if (!Changes.CardDestinationsDue.IsDue(person))
        {
            throw new FieldValidationException("atenaNumber", AtenaNumber.Label, new ValidationError("card-destination", "送付先情報は住民票コードと個人番号が記載された住民についてのみ作成できます。"));
        }
        await using var db = database.Open();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = new CardDestinationSendRow
        {
            AtenaNumber = atena,
            HistoryNumber = person.HistoryNumber,
            Origin = ByHand,
            DeliveryName = Blank(deliveryName),
            DeliveryAddress = Blank(deliveryAddress),
            CreatedBy = op.UserId,
            CreatedAt = Now,
        };
        db.CardDestinations.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, [audit.Event(op, AuditFunctions.ChangeProvisional, Screen, atena.Value,
            detail: $"送付先情報{row.Id}を作成（送付先 {row.DeliveryAddress ?? "住所"}）。別の職員の確認後に送信します")], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return View(row);
    }

    /// <summary>The second pair of eyes: another user confirms a 送付先情報 made by hand, and it goes out with the next send.</summary>
    /// <exception cref="JukiNetRequestException">Unknown, already confirmed, or made by the same user.</exception>
    public async Task<CardDestinationView> ConfirmDestinationAsync(Operator op, long id, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.Approval, Screen, cancellationToken);
        await using var db = database.Open();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.CardDestinations.AsTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        var refusal = row switch
        {
            null => $"送付先情報{id}はありません。",
            { ConfirmedAt: not null } => $"送付先情報{id}は既に{row.ConfirmedBy}が確認しています。",
            _ when row.CreatedBy == op.UserId => "自分が作成した送付先情報は確認できません。別の職員が確認してください。",
            _ => null,
        };
        if (refusal is not null)
        {
            await transaction.RollbackAsync(cancellationToken);
            await Requests.RefusedAsync(op, AuditFunctions.ChangeRegistration, Screen, row?.AtenaNumber.Value, refusal, cancellationToken);
            throw new JukiNetRequestException(refusal);
        }
        row!.ConfirmedBy = op.UserId;
        row.ConfirmedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, [audit.Event(op, AuditFunctions.ChangeRegistration, Screen, row.AtenaNumber.Value, detail: $"送付先情報{id}を確認（作成 {row.CreatedBy}）")], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return View(row);
    }

    /// <summary>送付先情報のCS送信履歴 (j1120), newest first: of one person, or the latest 200.</summary>
    public async Task<IReadOnlyList<CardDestinationView>> DestinationsAsync(Operator op, AtenaNumber? atena, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.Inquiry, Screen, cancellationToken);
        await using var db = database.Open();
        var query = db.CardDestinations.AsNoTracking();
        if (atena is { } one)
        {
            query = query.Where(d => d.AtenaNumber == one);
        }
        var rows = await query.OrderByDescending(d => d.Id).Take(200).ToListAsync(cancellationToken);
        await audit.AppendAloneAsync(database, [audit.Event(op, AuditFunctions.Search, Screen, atena?.Value, detail: $"送付先情報の送信履歴 {rows.Count}件")], cancellationToken);
        return rows.Select(View).ToList();
    }

    /// <summary>
    /// 一時停止の通知 (seed 004 §2.10 item 3): takes in every notice waiting at the CS, logs each against the person here,
    /// and tells the CS they were taken.
    /// </summary>
    public async Task<IReadOnlyList<CardNoticeView>> TakeInNoticesAsync(Operator op, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.ChangeEntry, Screen, cancellationToken);
        var pending = await Requests.AskAsync<PendingCardNotices>(op, AuditFunctions.ChangeEntry, Screen, null, MessageKinds.CardNoticesPending, new { }, "要求", cancellationToken)
            ?? new PendingCardNotices([]);
        var views = new List<CardNoticeView>();
        await using (var db = database.Open())
        {
            foreach (var item in pending.Notices)
            {
                var code = ResidentCode.TryParse(item.Notice.ResidentCode, out var parsed, out _) ? parsed : null;
                var atena = code is null ? null : await db.ResidentHistory.AsNoTracking().Where(r => r.ResidentCode == code)
                    .OrderByDescending(r => r.HistoryNumber).Select(r => r.AtenaNumber).FirstOrDefaultAsync(cancellationToken);
                views.Add(new CardNoticeView(item.Id, atena?.Value, item.Notice));
            }
        }
        if (views.Count > 0)
        {
            await Requests.AskAsync<object>(op, AuditFunctions.ChangeEntry, Screen, null, MessageKinds.CardNoticesTaken, new CardNoticesTaken(views.Select(v => v.Id).ToList()), "要求", cancellationToken);
        }
        await audit.AppendAloneAsync(database, [.. views.Select(v => audit.Event(op, AuditFunctions.ChangeEntry, Screen, v.AtenaNumber,
            detail: $"一時停止の通知を受理: カード{v.Notice.CardNumber} {v.Notice.Reason}（{v.Notice.Operator}）")),
            audit.Event(op, AuditFunctions.ChangeEntry, Screen, detail: $"一時停止の通知 {views.Count}件を受理")], cancellationToken);
        return views;
    }

    /// <summary>The 送付先情報 a row makes, as it goes to the CS.</summary>
    internal static CardDestinationMessage Message(CardDestinationSendRow send, ResidentRecord row) => new(
        send.Id,
        row.ResidentCode!.Value,
        row.IndividualNumber!.Digits,
        row.FullName,
        row.FullNameKana,
        row.BirthDate.ToGregorian(),
        (int)row.Sex,
        $"{row.Address}{row.Banchi}",
        send.DeliveryName ?? row.FullName,
        send.DeliveryAddress ?? $"{row.Address}{row.Banchi}{(string.IsNullOrEmpty(row.Katagaki) ? "" : "　" + row.Katagaki)}",
        send.Origin);

    public static CardDestinationView View(CardDestinationSendRow row) => new(
        row.Id, row.AtenaNumber.Value, row.HistoryNumber, row.Origin, row.DeliveryName, row.DeliveryAddress, row.CreatedBy, row.CreatedAt, row.ConfirmedBy, row.ConfirmedAt, row.SentAt,
        row switch
        {
            { ConfirmedAt: null } => "確認待ち",
            { SentAt: null } => "送信待ち",
            { Result: null } => "送信済み",
            _ => "市町村CSでエラー",
        },
        row.Result, row.LastError);

    private async Task<ResidentRecord> PersonAsync(AtenaNumber atena, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        return await db.LatestRows(db.Residents.Where(r => r.AtenaNumber == atena)).AsNoTracking().SingleOrDefaultAsync(cancellationToken)
            ?? throw new FieldValidationException("atenaNumber", AtenaNumber.Label, new ValidationError("not-found", $"宛名番号{atena}の住民票はありません。"));
    }

    private static string CodeOf(ResidentRecord person) => person.ResidentCode?.Value
        ?? throw new FieldValidationException("atenaNumber", AtenaNumber.Label, new ValidationError("no-resident-code", "この人には住民票コードが記載されていません（個人番号カードは住民票コードで管理されます）。"));

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private DateTime Now => clock.GetCurrentInstant().ToDateTimeUtc();
}
