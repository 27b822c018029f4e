using Jumin.Domain.Audit;
using Jumin.Domain.Certificates;
using Jumin.Domain.Changes;
using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Protection;
using Jumin.Registry.Audit;
using Jumin.Registry.Certificates;
using Jumin.Registry.Konbini;
using Jumin.Registry.Protection;
using Jumin.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Testing;
using static Jumin.Testing.ChangeRequests;

namespace Jumin.Registry.Tests;

/// <summary>
/// 証明書発行 against a real database, with the PDFs read back: what is printed for whom (j1000,
/// j1390), 交付履歴 (j300, j360), 発行番号 (j1040), 抑止 (j410), 支援措置 (j440) and コンビニ交付 (j1210).
/// </summary>
public abstract class CertificateServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string HusbandNumber = "123456789018";

    private readonly FakeClock clock = new(Instant.FromUtc(2026, 11, 30, 1, 0));

    private TestRegistry registry = null!;

    private AtenaNumber head = null!;

    private AtenaNumber wife = null!;

    private CertificateService Certificates => registry.Node.Certificates;

    private LocalDate Today => JapanTime.Today(clock);

    public async Task InitializeAsync()
    {
        registry = await TestRegistry.CreateAsync(provider, clock: clock);
        var entry = await registry.Node.Changes.EnterAsync(await registry.OperatorAsync("clerk01"), CoupleMovesIn(Today.PlusDays(-20), husbandNumber: HusbandNumber), []);
        var registered = await registry.Node.Changes.RegisterAsync(await registry.OperatorAsync("approver01"), entry.Id);
        (head, wife) = (registered.Plan.NewRows[0].AtenaNumber, registered.Plan.NewRows[1].AtenaNumber);
    }

    public async Task DisposeAsync() => await registry.DisposeAsync();

    private static CertificateRequest Request(AtenaNumber subject, CertificateKind kind = CertificateKind.ResidentRecordCopy, RequesterKind requester = RequesterKind.Self, bool wholeHousehold = true, CertificateItems? items = null, int copies = 1) => new()
    {
        Kind = kind,
        Subject = subject,
        WholeHousehold = wholeHousehold,
        Items = items ?? CertificateItems.Default,
        Requester = new Requester
        {
            Kind = requester,
            Name = requester == RequesterKind.Self ? "山田　太郎" : "佐藤　一郎",
            Address = requester is RequesterKind.Self or RequesterKind.SameHousehold ? null : "宮城県仙台市青葉区本町１－１",
            Identification = IdentityCheck.DriversLicence,
            Purpose = requester is RequesterKind.ThirdParty or RequesterKind.Official ? "相続手続のため" : null,
        },
        Copies = copies,
    };

    [Fact]
    public async Task A_household_copy_prints_both_members_the_whole_household_attestation_and_its_issue_number_and_omits_the_optional_items()
    {
        var clerk = await registry.OperatorAsync("clerk02");

        var result = await Certificates.IssueAsync(clerk, Request(head));

        var text = PdfFiles.Text(result.Pdf);
        Assert.Contains("住民票の写し（世帯連記式）", text);
        Assert.Contains("山田太郎", text);
        Assert.Contains("山田花子", text);
        Assert.True(text.IndexOf("山田太郎", StringComparison.Ordinal) < text.IndexOf("山田花子", StringComparison.Ordinal), "世帯主 before 妻 (j1010)");
        Assert.Contains("この写しは、世帯全員の住民票の原本と相違ないことを証明する。", text);
        Assert.Contains("岩手県みどり市長緑川一郎", text);
        Assert.Contains("岩手県みどり市中央一丁目１番１号", text);
        var copy = Assert.Single(result.Copies);
        Assert.Matches(@"^20261130 みどり市 TEST-TERMINAL プリンタ001 001$", copy.IssueNumber);
        Assert.Contains("発行番号20261130みどり市TEST-TERMINALプリンタ0010011/1", text);
        Assert.Contains("照合番号" + copy.VerificationCodes[0], text);
        // 本籍, 住民票コード and 個人番号 only when asked for (j1000).
        Assert.DoesNotContain("本籍", text);
        Assert.DoesNotContain(HusbandNumber, text);
        Assert.DoesNotContain("個人番号", text);

        var (dark, _) = await PdfFiles.RenderAsync(result.Pdf);
        Assert.InRange(dark, 0.005, 0.5);

        await using var db = registry.Node.Database.Open();
        var issue = await db.CertificateIssues.SingleAsync();
        Assert.Equal((copy.IssueNumber, "clerk02", "TEST-TERMINAL", "本庁 市民課", false, true), (issue.IssueNumber, issue.OperatorId, issue.Terminal, issue.Place, issue.IndividualNumberPrinted, issue.SealPrinted));
        Assert.Equal([head, wife], (await db.CertificateIssueSubjects.OrderBy(s => s.AtenaNumber).ToListAsync()).Select(s => s.AtenaNumber).Order());
        var audit = await db.AuditLog.Where(a => a.Function == AuditFunctions.CertificateIssue).ToListAsync();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Contains(copy.IssueNumber, a.Detail));
    }

    [Fact]
    public async Task Clients_sharing_a_terminal_name_share_its_numbering_so_no_two_copies_carry_the_same_issue_number_j1040()
    {
        var clerk = await registry.OperatorAsync("clerk02");

        var first = await Certificates.IssueAsync(clerk with { Terminal = "本庁1 (10.0.0.5)" }, Request(head));
        var second = await Certificates.IssueAsync(clerk with { Terminal = "本庁1 (10.0.0.6)" }, Request(head));

        Assert.Equal("20261130 みどり市 本庁1 プリンタ001 001", Assert.Single(first.Copies).IssueNumber);
        Assert.Equal("20261130 みどり市 本庁1 プリンタ001 002", Assert.Single(second.Copies).IssueNumber);
    }

    [Fact]
    public async Task The_individual_number_is_printed_only_when_asked_for_by_the_person_and_allowed_to_the_clerk_j1390()
    {
        var items = CertificateItems.Default with { IndividualNumber = true, Domicile = true };

        var allowed = await Certificates.IssueAsync(await registry.OperatorAsync("clerk02"), Request(head, wholeHousehold: false, items: items));
        var text = PdfFiles.Text(allowed.Pdf);
        Assert.Contains(HusbandNumber, text);
        Assert.Contains("岩手県盛岡市内丸１０番地", text);
        Assert.Contains("この写しは、住民票の原本と相違ないことを証明する。", text);

        // clerk01 may not see the 個人番号: refused, named, audited, nothing recorded.
        var refused = await Assert.ThrowsAsync<CertificateRefusedException>(() => Certificates.IssueAsync(registry.OperatorAsync("clerk01").Result, Request(head, wholeHousehold: false, items: items)));
        var finding = Assert.Single(refused.Findings, f => f.IsError);
        Assert.Equal(("C304", "items.individualNumber"), (finding.Code, finding.Field));

        // A third party gets neither the 個人番号 nor the 本籍.
        var thirdParty = await Assert.ThrowsAsync<CertificateRefusedException>(() => Certificates.IssueAsync(registry.OperatorAsync("clerk02").Result, Request(head, requester: RequesterKind.ThirdParty, items: items)));
        Assert.Equal(["items.domicile", "items.individualNumber"], thirdParty.Findings.Where(f => f.Code == "C303").Select(f => f.Field).Order());

        await using var db = registry.Node.Database.Open();
        var issue = await db.CertificateIssues.SingleAsync();
        Assert.True(issue.IndividualNumberPrinted);
        Assert.Equal(2, await db.AuditLog.CountAsync(a => a.Function == AuditFunctions.CertificateIssue && a.Outcome == (int)AuditOutcome.Refused));
    }

    [Fact]
    public async Task Each_copy_has_its_own_issue_number_and_codes_that_find_it_in_the_issue_history_and_a_misprint_can_be_recorded_as_destroyed()
    {
        var clerk = await registry.OperatorAsync("clerk02");

        var result = await Certificates.IssueAsync(clerk, Request(head, copies: 3));

        Assert.Equal(3, result.Copies.Select(c => c.IssueNumber).Distinct().Count());
        Assert.Equal(3, PdfFiles.PageCount(result.Pdf));
        var second = result.Copies[1];
        var found = await Certificates.VerifyAsync(clerk, second.VerificationCodes[0].ToLowerInvariant().Replace("-", ""));
        Assert.Equal(second.IssueNumber, found!.Issue.IssueNumber);
        Assert.Null(await Certificates.VerifyAsync(clerk, "0000-0000-0000"));

        await Certificates.RecordDisposalAsync(clerk, second.IssueId, "用紙詰まりで印字がかすれたため破棄");

        var history = await Certificates.HistoryAsync(clerk, new IssueHistoryQuery { Subject = wife });
        Assert.Equal(3, history.Count);
        Assert.Equal("用紙詰まりで印字がかすれたため破棄", Assert.Single(history, h => h.Disposal is not null).Disposal!.Reason);
        Assert.All(history, h => Assert.Equal("住民票の写し", ((CertificateKind)h.Issue.Kind).Japanese()));
        Assert.Empty(await Certificates.HistoryAsync(clerk, new IssueHistoryQuery { Subject = wife, From = Today.PlusDays(1) }));

        // 交付履歴 cannot be rewritten (j300).
        await using var db = registry.Node.Database.Open();
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE certificate_issues SET operator_id = 'someone'"));
    }

    [Fact]
    public async Task A_protected_persons_certificate_goes_to_someone_else_only_with_an_approval_which_is_used_once_j440()
    {
        var approver = await registry.OperatorAsync("approver01");
        var clerk = await registry.OperatorAsync("clerk02");
        await registry.Node.SupportMeasures.RegisterAsync(approver, new SupportMeasureInput { AtenaNumber = wife, StartsOn = Today, Offender = "加害者 氏名不詳" });

        var refused = await Assert.ThrowsAsync<CertificateRefusedException>(() => Certificates.IssueAsync(clerk, Request(head)));
        Assert.Contains(refused.Findings, f => f.Code == "C306" && f.Message.Contains("山田　花子", StringComparison.Ordinal));
        // The person herself may have hers, with an alert to check her identity strictly.
        var own = await Certificates.IssueAsync(clerk, Request(wife, wholeHousehold: false) with { Requester = Request(wife).Requester with { Name = "山田　花子" } });
        Assert.Contains(own.Findings, f => f.Code == "A312");

        var approval = await registry.Node.SupportMeasures.ApproveIssuanceAsync(approver, wife, "佐藤　一郎", "弁護士による相続手続、加害者との関係なしを確認");
        var request = Request(head, requester: RequesterKind.ThirdParty) with { SupportApprovalId = approval };
        var issued = await Certificates.IssueAsync(clerk, request);
        Assert.Contains("山田花子", PdfFiles.Text(issued.Pdf));
        var again = await Assert.ThrowsAsync<CertificateRefusedException>(() => Certificates.IssueAsync(clerk, request));
        Assert.Contains(again.Findings, f => f.Code == "C316");

        await using var db = registry.Node.Database.Open();
        Assert.Contains(await db.AuditLog.Where(a => a.Function == AuditFunctions.CertificateIssue).Select(a => a.Detail).ToListAsync(), d => d!.Contains($"支援措置承認{approval}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_issuance_restriction_stops_certificates_until_released_and_returns_by_itself_after_the_temporary_release_j410()
    {
        var approver = await registry.OperatorAsync("approver01");
        var clerk = await registry.OperatorAsync("clerk02");
        var id = await registry.Node.Restrictions.SetAsync(approver, new RestrictionInput(RestrictionScope.Household, (await HouseholdAsync()).Value, RestrictedProcess.Issuance, RestrictionLevel.Error, Today, Today.PlusDays(-1 + 30), "不正請求の疑い"));

        var refused = await Assert.ThrowsAsync<CertificateRefusedException>(() => Certificates.IssueAsync(clerk, Request(wife, wholeHousehold: false)));
        Assert.Contains(refused.Findings, f => f.Code == "C307");
        await Assert.ThrowsAsync<Access.AccessDeniedException>(() => registry.Node.Restrictions.ReleaseTemporarilyAsync(clerk, id));

        await registry.Node.Restrictions.ReleaseTemporarilyAsync(approver, id);
        await Certificates.IssueAsync(clerk, Request(wife, wholeHousehold: false));

        clock.Advance(Duration.FromMinutes(registry.Node.Options.RestrictionReleaseMinutes + 1));
        await Assert.ThrowsAsync<CertificateRefusedException>(() => Certificates.IssueAsync(clerk, Request(wife, wholeHousehold: false)));

        // The end date passing does not end it (j410); only 本解除 does.
        clock.Advance(Duration.FromDays(60));
        await Assert.ThrowsAsync<CertificateRefusedException>(() => Certificates.IssueAsync(clerk, Request(wife, wholeHousehold: false)));
        await registry.Node.Restrictions.LiftAsync(approver, id);
        await Certificates.IssueAsync(clerk, Request(wife, wholeHousehold: false));
    }

    [Fact]
    public async Task A_removed_person_gets_a_removal_copy_not_a_resident_copy_and_a_second_move_out_certificate_is_a_reissue_j660()
    {
        var clerk = await registry.OperatorAsync("clerk02");
        var moveOut = await registry.Node.Changes.EnterAsync(await registry.OperatorAsync("clerk01"), new ChangeRequest
        {
            Kind = ChangeKind.MoveOut,
            ChangeDate = RecordedDate.FromLocalDate(Today.PlusDays(7)),
            NotificationDate = Today,
            Movers = [head, wife],
            Destination = new("宮城県仙台市青葉区本町一丁目１番１号"),
        }, []);
        await registry.Node.Changes.RegisterAsync(await registry.OperatorAsync("approver01"), moveOut.Id);

        var first = await Certificates.IssueAsync(clerk, Request(head, CertificateKind.MoveOutCertificate));
        var text = PdfFiles.Text(first.Pdf);
        Assert.Contains("転出証明書", text);
        Assert.Contains("宮城県仙台市青葉区本町一丁目１番１号", text);
        Assert.Contains(HusbandNumber, text);
        Assert.DoesNotContain("再交付", text);

        var second = await Certificates.IssueAsync(clerk, Request(head, CertificateKind.MoveOutCertificate));
        Assert.Contains("再交付", PdfFiles.Text(second.Pdf));

        // 転出届 removes the 住民票 (消除, 転出予定): a 住民票の写し is refused, the 除票の写し is what they get.
        var refused = await Assert.ThrowsAsync<CertificateRefusedException>(() => Certificates.IssueAsync(clerk, Request(head, wholeHousehold: false)));
        Assert.Contains(refused.Findings, f => f.Code == "C301" && f.Field == "kind");
        var removed = PdfFiles.Text((await Certificates.IssueAsync(clerk, Request(head, CertificateKind.RemovedRecordCopy))).Pdf);
        Assert.Contains("この写しは、住民票の除票の原本と相違ないことを証明する。", removed);
        Assert.Contains("山田花子", removed);
        Assert.Contains("国内転出", removed);
        Assert.Contains(await registry.Node.Certificates.HistoryAsync(clerk, new IssueHistoryQuery { Subject = head }), h => h.Issue.Reissue);
    }

    [Fact]
    public async Task The_kiosk_needs_the_card_and_its_pin_locks_after_three_wrong_pins_and_hands_out_an_image_only_pdf_j1210()
    {
        var serial = await registry.Node.Konbini.RegisterCardAsync(await registry.OperatorAsync("clerk02"), head, "1234");

        var wrong = await Assert.ThrowsAsync<KonbiniRefusedException>(() => registry.Node.Konbini.IssueAsync(serial, "0000", new KonbiniRequest()));
        Assert.Equal(2, wrong.AttemptsLeft);
        var result = await registry.Node.Konbini.IssueAsync(serial, "1234", new KonbiniRequest { WholeHousehold = true });

        var (letters, images) = PdfFiles.Content(result.ImagePdf);
        Assert.Equal((0, 1), (letters, images));
        var (dark, _) = await PdfFiles.RenderAsync(result.ImagePdf);
        Assert.InRange(dark, 0.005, 0.5);
        await using (var db = registry.Node.Database.Open())
        {
            var issue = await db.CertificateIssues.SingleAsync();
            Assert.Equal(((int)RequestChannel.Konbini, "konbini", (int)IdentityCheck.CardAndPin), (issue.Channel, issue.OperatorId, issue.Identification));
        }

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<KonbiniRefusedException>(() => registry.Node.Konbini.IssueAsync(serial, "9999", new KonbiniRequest()));
        }
        var locked = await Assert.ThrowsAsync<KonbiniRefusedException>(() => registry.Node.Konbini.IssueAsync(serial, "1234", new KonbiniRequest()));
        Assert.Contains("ロック", locked.Message);
    }

    [Fact]
    public async Task The_kiosk_refuses_a_protected_person_without_saying_why()
    {
        var serial = await registry.Node.Konbini.RegisterCardAsync(await registry.OperatorAsync("clerk02"), head, "1234");
        await registry.Node.SupportMeasures.RegisterAsync(await registry.OperatorAsync("approver01"), new SupportMeasureInput { AtenaNumber = wife, StartsOn = Today });

        var refused = await Assert.ThrowsAsync<KonbiniRefusedException>(() => registry.Node.Konbini.IssueAsync(serial, "1234", new KonbiniRequest { WholeHousehold = true }));

        Assert.DoesNotContain("支援", refused.Message);
        await using var db = registry.Node.Database.Open();
        Assert.Empty(await db.CertificateIssues.ToListAsync());
    }

    private async Task<HouseholdNumber> HouseholdAsync()
    {
        await using var db = registry.Node.Database.Open();
        return await db.Residents.Where(r => r.AtenaNumber == head).Select(r => r.HouseholdNumber).SingleAsync();
    }
}

public sealed class SqliteCertificateServiceTests() : CertificateServiceTests(DatabaseProvider.Sqlite);

public sealed class PostgresCertificateServiceTests() : CertificateServiceTests(DatabaseProvider.Postgres);
