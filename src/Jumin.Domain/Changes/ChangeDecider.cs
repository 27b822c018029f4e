using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;

namespace Jumin.Domain.Changes;

/// <summary>
/// Decides a 異動: from the request and the register as it stands, the next 住民票 row of every
/// person concerned and the j1440 findings. Pure — the same request on the same register gives the
/// same plan, which is why 本登録 can plan again and trust the result.
/// Each kind is decided in its own file: <c>ChangeDecider.Entries.cs</c> (転入, 出生, 職権記載,
/// 法第30条の46・47), <c>.Moves.cs</c> (転居, 転出, 転入通知), <c>.Households.cs</c> (世帯分離・合併・変更,
/// 世帯主変更), <c>.Removals.cs</c> (死亡, 失踪, 職権消除), <c>.Corrections.cs</c> (修正, 住民票コード,
/// 個人番号, 帰化, 国籍取得・喪失, 入管通知) and <c>.Cancellation.cs</c> (取消). What every kind shares: the rows
/// and 世帯 bookkeeping in <c>.Rows.cs</c>, the checks over the planned rows in <c>.Checks.cs</c>, and items that
/// cannot be true here in <c>.Items.cs</c>.
/// </summary>
public sealed partial class ChangeDecider
{
    private readonly ChangeRequest request;
    private readonly RegisterSnapshot register;
    private readonly ChangeContext context;
    private readonly List<ChangeFinding> findings = [];
    private readonly List<PlannedRow> rows = [];
    private readonly List<HouseholdHeadNotice> notices = [];

    private ChangeDecider(ChangeRequest request, RegisterSnapshot register, ChangeContext context)
    {
        this.request = request;
        this.register = register;
        this.context = context;
    }

    public static ChangePlan Decide(ChangeRequest request, RegisterSnapshot register, ChangeContext context)
    {
        var decider = new ChangeDecider(request, register, context);
        decider.Run();
        return new(request, decider.rows, decider.findings, decider.notices);
    }

    private void Run()
    {
        CheckDates();
        CheckLocalAddressCode();
        var movers = KnownMovers();
        CheckNotBeforeResidence(movers);
        if (findings.Any(f => f.IsError))
        {
            return;
        }
        switch (request.Kind)
        {
            case ChangeKind.MoveIn or ChangeKind.MoveInFromAbroad or ChangeKind.ExOfficioEntry or ChangeKind.Article3046MoveIn or ChangeKind.Article3047Notification:
                DecideEntry(movers);
                break;
            case ChangeKind.Birth:
                DecideBirth();
                break;
            case ChangeKind.Relocation:
                DecideRelocation(movers);
                break;
            case ChangeKind.MoveOut or ChangeKind.MoveOutAbroad:
                DecideMoveOut(movers);
                break;
            case ChangeKind.MoveInNotice:
                DecideMoveInNotice(movers);
                break;
            case ChangeKind.HouseholdSeparation:
                DecideSeparation(movers);
                break;
            case ChangeKind.HouseholdMerger:
                DecideMerger(movers);
                break;
            case ChangeKind.HouseholdChange:
                DecideHouseholdChange(movers);
                break;
            case ChangeKind.HouseholdHeadChange:
                DecideHeadChange();
                break;
            case ChangeKind.Death or ChangeKind.Disappearance or ChangeKind.ExOfficioRemoval:
                DecideRemoval(movers);
                break;
            case ChangeKind.Correction or ChangeKind.ResidentCodeChange or ChangeKind.IndividualNumberChange:
                DecideCorrection(movers);
                break;
            case ChangeKind.Naturalisation or ChangeKind.NationalityAcquisition:
                DecideNaturalisation(movers);
                break;
            case ChangeKind.NationalityLoss:
                DecideNationalityLoss(movers);
                break;
            case ChangeKind.ImmigrationNotice:
                DecideImmigrationNotice(movers);
                break;
            case ChangeKind.Cancellation:
                DecideCancellation();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(request), request.Kind, "未対応の異動です。");
        }
        if (rows.Count == 0 && !findings.Any(f => f.IsError))
        {
            Error(FindingCatalogue.MissingItem, "movers", "異動者", "異動者を選んでください。");
        }
        CheckRows();
    }

    // ── Findings ─────────────────────────────────────────────────────────────

    private void Error(FindingRule rule, string field, string label, string message, AtenaNumber? atena = null) =>
        findings.Add(new(rule, field, label, message, atena));

    private void Alert(FindingRule rule, string field, string label, string message, AtenaNumber? atena = null) =>
        findings.Add(new(rule, field, label, message, atena));

    // ── Dates (j480, j570, j640) ─────────────────────────────────────────────

    private void CheckDates()
    {
        var today = RecordedDate.FromLocalDate(context.Today);
        if (request.ChangeDate.SortKey > today.SortKey && !request.Kind.AllowsFutureDate())
        {
            Error(FindingCatalogue.FutureChangeDate, "changeDate", "異動日", $"異動日（{request.ChangeDate}）が処理日（{context.Today:yyyy-MM-dd}）より後です。転出以外は処理日以前の日を入力してください。");
        }
        if (request.Basis == ChangeBasis.ExOfficio)
        {
            return;
        }
        var label = request.Basis.DateLabel();
        if (request.NotificationDate is not { } notified)
        {
            Error(FindingCatalogue.NotificationDate, "notificationDate", label, $"{label}を入力してください（{request.Basis.JapaneseName()}による異動）。");
            return;
        }
        if (notified > context.Today)
        {
            Error(FindingCatalogue.NotificationDate, "notificationDate", label, $"{label}（{notified:yyyy-MM-dd}）に処理日より後の日は入力できません。");
        }
        if (request.Basis != ChangeBasis.Notification || request.ChangeDate.ToLocalDate() is not { } changed)
        {
            return;
        }
        switch (request.Kind)
        {
            case ChangeKind.MoveIn or ChangeKind.MoveInFromAbroad or ChangeKind.Relocation or ChangeKind.Article3046MoveIn:
                if (notified < changed)
                {
                    Error(FindingCatalogue.NotificationDate, "notificationDate", label, $"{request.Kind.JapaneseName()}の届出日（{notified:yyyy-MM-dd}）は異動日（{changed:yyyy-MM-dd}）以後の日です。");
                }
                else if (notified > changed.PlusDays(14))
                {
                    Alert(FindingCatalogue.LateNotification, "notificationDate", label, $"異動日から{NodaTime.Period.Between(changed, notified, NodaTime.PeriodUnits.Days).Days}日後の届出です（届出期間14日を経過）。簡易裁判所への通知（法第52条）を確認してください。");
                }
                break;
            case ChangeKind.MoveOut or ChangeKind.MoveOutAbroad when notified > changed.PlusDays(14):
                Error(FindingCatalogue.LateMoveOutNotification, "basis", "届出・職権の別", $"転出した日（{changed:yyyy-MM-dd}）から14日を過ぎた転出届です。届出ではなく職権で記載してください（転出証明書に準ずる証明書を交付）。");
                break;
        }
    }

    // ── Subjects (j460) ──────────────────────────────────────────────────────

    private List<ResidentRecord> KnownMovers()
    {
        var known = new List<ResidentRecord>();
        foreach (var atena in request.Movers.Distinct())
        {
            if (register.Latest(atena) is { } row)
            {
                known.Add(row);
            }
            else
            {
                Error(FindingCatalogue.SubjectState, "movers", "異動者", $"宛名番号{atena}の住民は登録されていません。", atena);
            }
        }
        return known;
    }

    /// <summary>Refuses movers who are not (or, for 転入通知 and 再転入, are still) residents.</summary>
    private bool RequireResidents(IEnumerable<ResidentRecord> movers, bool resident = true)
    {
        var ok = true;
        foreach (var m in movers.Where(m => m.IsResident != resident))
        {
            Error(FindingCatalogue.SubjectState, "movers", "異動者", resident
                ? $"{m.FullName}（{m.AtenaNumber}）は除票です（{m.RemovalReason?.JapaneseName()}）。{request.Kind.JapaneseName()}は住民に対して行います。"
                : $"{m.FullName}（{m.AtenaNumber}）は住民です。{request.Kind.JapaneseName()}は除票の者に対して行います。", m.AtenaNumber);
            ok = false;
        }
        return ok;
    }
}
