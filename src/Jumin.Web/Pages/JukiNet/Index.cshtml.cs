using Jumin.JukiNet.Identity;
using Jumin.Registry.Access;
using Jumin.Registry.JukiNet;
using Jumin.Web.Contracts;
using Jumin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jumin.Web.Pages.JukiNet;

/// <summary>
/// 住基ネット: what the registry has sent its CS, 特例転入 (転出証明書情報の取得, j670), 転入通知の受理 (j700) and
/// 整合性確認 (j1100).
/// </summary>
public sealed class IndexModel(JukiNetConnection jukinet, Microsoft.AspNetCore.DataProtection.IDataProtectionProvider dataProtection) : PageModel, IShowsRefusal
{
    public CsLinkStatus? Status { get; private set; }

    public string Mode => jukinet.Mode;

    [BindProperty]
    public string? ResidentCode { get; set; }

    /// <summary>The 転出証明書情報 as this operator may see it (j1390).</summary>
    public DepartureCertificateDto? Certificate { get; private set; }

    /// <summary>What the operator may not see of it, sealed for the 転入 form.</summary>
    public string? Sealed { get; private set; }

    [BindProperty]
    public string? AtenaNumber { get; set; }

    [BindProperty]
    public bool ChangeCode { get; set; }

    public ResidentCodeAssigned? Assigned { get; private set; }

    public MoveInNoticeIntake? Intake { get; private set; }

    public ConsistencyReport? Report { get; private set; }

    [BindProperty]
    public string? CardAtenaNumber { get; set; }

    /// <summary>照会, or the Japanese name of a window operation.</summary>
    [BindProperty]
    public string? CardOperation { get; set; }

    [BindProperty]
    public string? CardReason { get; set; }

    [BindProperty]
    public string? DeliveryName { get; set; }

    [BindProperty]
    public string? DeliveryAddress { get; set; }

    public CardStatusView? Cards { get; private set; }

    public string? CardDone { get; private set; }

    public IReadOnlyList<CardNoticeView>? CardNotices { get; private set; }

    public IReadOnlyList<CardDestinationView> Destinations { get; private set; } = [];

    public bool MayConfirm => User.ToOperator().May(Permission.Approval);

    public string? Problem { get; private set; }

    public bool MayRunConsistency => User.ToOperator().May(Permission.Batch);

    public async Task OnGetAsync()
    {
        Report = MayRunConsistency && jukinet.LastScheduledReport is { } last ? ConsistencyReportView.For(last, User.ToOperator().VisibleItems) : null;
        await LoadAsync();
    }

    public bool MayEnterChanges => User.ToOperator().May(Permission.ChangeEntry);

    public async Task<IActionResult> OnPostDepartureAsync()
    {
        if (!MayEnterChanges)
        {
            return Forbid();
        }
        if (!Jumin.Domain.Identifiers.ResidentCode.TryParse(ResidentCode, out var code, out var error))
        {
            ModelState.AddModelError(nameof(ResidentCode), $"{Jumin.Domain.Identifiers.ResidentCode.Label}: {error.Message}");
        }
        else if (jukinet.Moves is { } moves)
        {
            var op = User.ToOperator();
            var certificate = await moves.FetchDepartureCertificateAsync(op, code, HttpContext.RequestAborted);
            Certificate = DepartureCertificateDto.For(certificate, op.VisibleItems);
            Sealed = WithheldItems.Seal(dataProtection, certificate, op.VisibleItems);
        }
        await LoadAsync();
        return Page();
    }

    /// <summary>住民票コードの付番・変更 (j870, j880): a code from the CS's pool, entered as a 仮登録.</summary>
    public async Task<IActionResult> OnPostResidentCodeAsync()
    {
        if (!MayEnterChanges)
        {
            return Forbid();
        }
        if (!Jumin.Domain.Identifiers.AtenaNumber.TryParse(AtenaNumber, out var atena, out var error))
        {
            ModelState.AddModelError(nameof(AtenaNumber), $"{Jumin.Domain.Identifiers.AtenaNumber.Label}: {error.Message}");
        }
        else if (jukinet.ResidentCodes is { } codes)
        {
            Assigned = await codes.AssignAsync(User.ToOperator(), atena, ChangeCode, HttpContext.RequestAborted);
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostNoticesAsync()
    {
        if (!MayEnterChanges)
        {
            return Forbid();
        }
        if (jukinet.Moves is { } moves)
        {
            Intake = await moves.TakeInMoveInNoticesAsync(User.ToOperator(), HttpContext.RequestAborted);
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostConsistencyAsync()
    {
        if (!MayRunConsistency)
        {
            return Forbid();
        }
        if (jukinet.Consistency is { } consistency)
        {
            Report = ConsistencyReportView.For(await consistency.RunAsync(User.ToOperator(), HttpContext.RequestAborted), User.ToOperator().VisibleItems);
        }
        await LoadAsync();
        return Page();
    }

    /// <summary>個人番号カード (j1110): 照会, or a window operation followed by the card's status.</summary>
    public async Task<IActionResult> OnPostCardAsync()
    {
        if (!MayEnterChanges)
        {
            return Forbid();
        }
        var operation = CardOperation is null or "照会" ? (Jumin.Domain.JukiNet.CardOperation?)null : Jumin.Domain.JukiNet.CardOperations.FromJapanese(CardOperation);
        if (!Jumin.Domain.Identifiers.AtenaNumber.TryParse(CardAtenaNumber, out var atena, out var error))
        {
            ModelState.AddModelError(nameof(CardAtenaNumber), $"{Jumin.Domain.Identifiers.AtenaNumber.Label}: {error.Message}");
        }
        else if (CardOperation is not null and not "照会" && operation is null)
        {
            ModelState.AddModelError(nameof(CardOperation), "操作: 交付申請・交付・一時停止・一時停止解除・廃止・回収・返還 のいずれかを選んでください。");
        }
        else if (jukinet.Cards is { } cards)
        {
            var op = User.ToOperator();
            if (operation is { } chosen)
            {
                var card = await cards.OperateAsync(op, atena, chosen, CardReason, HttpContext.RequestAborted);
                CardDone = $"{Jumin.Domain.JukiNet.CardOperations.JapaneseName(chosen)}を行いました（カード {card.CardNumber}: {card.Status}）。";
            }
            Cards = await cards.StatusAsync(op, atena, HttpContext.RequestAborted);
        }
        await LoadAsync();
        return Page();
    }

    /// <summary>送付先情報 by hand (j1120), to a 居所; another user confirms it.</summary>
    public async Task<IActionResult> OnPostDestinationAsync()
    {
        if (!MayEnterChanges)
        {
            return Forbid();
        }
        if (!Jumin.Domain.Identifiers.AtenaNumber.TryParse(CardAtenaNumber, out var atena, out var error))
        {
            ModelState.AddModelError(nameof(CardAtenaNumber), $"{Jumin.Domain.Identifiers.AtenaNumber.Label}: {error.Message}");
        }
        else if (jukinet.Cards is { } cards)
        {
            var op = User.ToOperator();
            var made = await cards.CreateDestinationAsync(op, atena, DeliveryName, DeliveryAddress, HttpContext.RequestAborted);
            CardDone = $"送付先情報 {made.Id} を作成しました。別の職員が確認すると送信されます。";
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmDestinationAsync(long id)
    {
        if (!MayConfirm)
        {
            return Forbid();
        }
        if (jukinet.Cards is { } cards)
        {
            var op = User.ToOperator();
            await cards.ConfirmDestinationAsync(op, id, HttpContext.RequestAborted);
            CardDone = $"送付先情報 {id} を確認しました。次の送信で市町村CSへ送ります。";
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostCardNoticesAsync()
    {
        if (!MayEnterChanges)
        {
            return Forbid();
        }
        if (jukinet.Cards is { } cards)
        {
            CardNotices = await cards.TakeInNoticesAsync(User.ToOperator(), HttpContext.RequestAborted);
        }
        await LoadAsync();
        return Page();
    }

    /// <summary>
    /// What the network refused is shown as the page's problem; a field (the card's 理由, the 送付先) beside its input;
    /// a 住民票コード change the register refuses, with its findings. The page loads again in each case.
    /// </summary>
    public async Task<bool> ShowAsync(Jumin.Domain.RefusalException refusal)
    {
        switch (refusal)
        {
            case JukiNetRequestException:
                Problem = refusal.Message;
                break;
            case Jumin.Registry.Changes.ChangeRejectedException rejected:
                Problem = string.Join(" ", rejected.Findings.Select(f => f.Message));
                break;
            case { Fields.Count: > 0 }:
                foreach (var field in refusal.Fields)
                {
                    ModelState.AddModelError(field.Field == "reason" ? nameof(CardReason) : nameof(CardAtenaNumber), field.Message);
                }
                break;
            default:
                return false;
        }
        await LoadAsync();
        return true;
    }

    private async Task LoadAsync()
    {
        if (jukinet.Link is null)
        {
            Problem ??= Mode == "off" ? "住基ネットに接続していません（Jumin:JukiNet:Mode が off）。" : "住基ネットへの接続を準備しています。";
            return;
        }
        Status = await jukinet.Link.StatusAsync(HttpContext.RequestAborted);
        if (jukinet.Cards is { } cards && MayEnterChanges)
        {
            Destinations = (await cards.DestinationsAsync(User.ToOperator(), null, HttpContext.RequestAborted)).Take(20).ToList();
        }
    }
}
