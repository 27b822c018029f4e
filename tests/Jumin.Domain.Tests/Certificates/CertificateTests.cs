using Jumin.Domain.Certificates;
using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Protection;
using Jumin.Domain.Residents;
using Jumin.Domain.Tests.Changes;
using NodaTime;

namespace Jumin.Domain.Tests.Certificates;

/// <summary>What a certificate shows and for whom (j1000–j1040, j1390, 住基法第12条～第12条の3).</summary>
public class CertificateTests
{
    private static readonly LocalDate Today = PaperRegister.Today;
    private static readonly Instant Now = Today.AtStartOfDayInZone(JapanTime.Zone).ToInstant() + Duration.FromHours(10);

    private readonly PaperRegister register = new();
    private readonly ResidentRecord head;
    private readonly ResidentRecord wife;

    public CertificateTests()
    {
        var (h, w, _) = register.CoupleMovesIn();
        head = register[h] with { IndividualNumber = IndividualNumber.Parse("123456789018"), ResidentCode = ResidentCode.Parse("12345678901"), Katagaki = "みどりハイツ１０１号" };
        wife = register[w];
    }

    private static CertificateComposer Composer => new(JapaneseEraTable.Default, new IssuingAuthority { Prefecture = "岩手県", Municipality = "みどり市", MayorName = "緑川　一郎", DeputyName = "森　二郎" });

    private CertificateRequest Request(CertificateKind kind = CertificateKind.ResidentRecordCopy, RequesterKind requester = RequesterKind.Self, CertificateItems? items = null, string? purpose = null, RequestChannel channel = RequestChannel.Counter) => new()
    {
        Kind = kind,
        Subject = head.AtenaNumber,
        WholeHousehold = true,
        Items = items ?? CertificateItems.Default,
        Requester = new Requester { Kind = requester, Name = "山田　太郎", Address = "仙台市", Identification = IdentityCheck.DriversLicence, Purpose = purpose, Channel = channel },
    };

    private static CertificateSubjects Subjects(params ResidentRecord[] people) => new() { Subject = people[0], Included = people };

    private static string Codes(IEnumerable<CertificateFinding> findings) => string.Join(",", findings.Select(f => f.Code).Order());

    private static string Text(CertificateDocument d) => string.Join("|", d.AllText());

    [Fact]
    public void By_default_the_domicile_the_resident_code_and_the_individual_number_are_left_out_and_the_katagaki_is_always_printed_j1000_j1030()
    {
        var document = Assert.Single(Composer.Compose(Request(), [wife, head], new Dictionary<string, IReadOnlyList<ResidentRecord>>(), wholeHousehold: true, Today));

        var text = Text(document);
        Assert.DoesNotContain("本籍", text);
        Assert.DoesNotContain("123456789018", text);
        Assert.DoesNotContain("12345678901", text);
        Assert.Contains("みどりハイツ１０１号", document.Header[0].Value);
        Assert.Equal(["世帯主", "妻"], document.People.Select(p => p.Lines.Single(l => l.Label == "続柄").Value));
        Assert.Equal("この写しは、世帯全員の住民票の原本と相違ないことを証明する。", document.Attestation);
        Assert.Equal("岩手県みどり市長　緑川　一郎", document.Signatory);
        Assert.False(document.IndividualNumberPrinted);
    }

    [Fact]
    public void Asked_for_items_appear_kana_in_brackets_and_the_katagaki_is_left_out_only_on_an_entry_certificate_j1020_j1030()
    {
        var items = CertificateItems.Default with { Domicile = true, IndividualNumber = true, ResidentCode = true, Kana = true, OmitKatagaki = true };

        var document = Assert.Single(Composer.Compose(Request(CertificateKind.EntryCertificate, items: items), [head], new Dictionary<string, IReadOnlyList<ResidentRecord>>(), wholeHousehold: false, Today));

        Assert.Equal("山田　太郎　（ヤマダ　タロウ）", document.People[0].Lines.Single(l => l.Label == "氏名").Value);
        Assert.Equal("123456789018", document.People[0].Lines.Single(l => l.Label == "個人番号").Value);
        Assert.Contains(document.People[0].Lines, l => l.Label == "本籍" && l.Value == "岩手県盛岡市内丸１０番地");
        Assert.DoesNotContain("みどりハイツ", document.Header[0].Value, StringComparison.Ordinal);
        Assert.Equal("上記の事項は、住民票の原本と相違ないことを証明する。", document.Attestation);
        Assert.True(document.IndividualNumberPrinted);

        var copy = CertificateRules.Check(Request(items: items), Subjects(head), CertificateAllowances.All, Today, Now);
        Assert.Equal("C315", Assert.Single(copy).Code);
    }

    [Fact]
    public void Third_parties_agents_and_officials_get_only_what_the_law_allows_them_j1000()
    {
        var all = CertificateItems.Default with { Domicile = true, IndividualNumber = true, ResidentCode = true };

        Assert.Equal("C303,C303,C303,C305", Codes(CertificateRules.Check(Request(requester: RequesterKind.ThirdParty, items: all), Subjects(head), CertificateAllowances.All, Today, Now)));
        Assert.Equal("C303,C303", Codes(CertificateRules.Check(Request(requester: RequesterKind.Agent, items: all), Subjects(head), CertificateAllowances.All, Today, Now)));
        // 公用 may have the 本籍 with a legal ground, never the 個人番号.
        Assert.Equal("C303", Codes(CertificateRules.Check(Request(requester: RequesterKind.Official, items: CertificateItems.Default with { Domicile = true, IndividualNumber = true }, purpose: "地方税法第20条の11"), Subjects(head), CertificateAllowances.All, Today, Now)));
        Assert.Empty(CertificateRules.Check(Request(requester: RequesterKind.SameHousehold, items: all), Subjects(head), CertificateAllowances.All, Today, Now));
        Assert.Empty(CertificateRules.Check(Request(requester: RequesterKind.ThirdParty, purpose: "相続手続"), Subjects(head), CertificateAllowances.All, Today, Now));
    }

    [Fact]
    public void A_clerk_cannot_print_an_item_they_may_not_see_j1390()
    {
        var findings = CertificateRules.Check(Request(items: CertificateItems.Default with { IndividualNumber = true, Domicile = true }), Subjects(head), new(FamilyRegister: false, IndividualNumber: false, ResidentCode: true, ResidenceStatus: true), Today, Now);

        Assert.Equal(["items.domicile", "items.individualNumber"], findings.Where(f => f.Code == "C304").Select(f => f.Field).Order());
    }

    [Fact]
    public void A_removed_person_gets_a_removal_copy_and_a_resident_does_not()
    {
        var removed = head with { Status = ResidentStatus.Deceased, RemovalReason = ChangeReason.Death };

        Assert.Equal("C301", Codes(CertificateRules.Check(Request(), Subjects(removed), CertificateAllowances.All, Today, Now)));
        Assert.Equal("C302", Codes(CertificateRules.Check(Request(CertificateKind.RemovedRecordCopy), Subjects(head), CertificateAllowances.All, Today, Now)));
        Assert.Equal("C309", Codes(CertificateRules.Check(Request(CertificateKind.MoveOutCertificate), Subjects(head), CertificateAllowances.All, Today, Now)));
        var document = Assert.Single(Composer.Compose(Request(CertificateKind.RemovedRecordCopy), [removed], new Dictionary<string, IReadOnlyList<ResidentRecord>>(), false, Today));
        Assert.Contains(document.People[0].Lines, l => l.Label == "消除事由" && l.Value == "死亡");
        Assert.Equal("この写しは、住民票の除票の原本と相違ないことを証明する。", document.Attestation);
    }

    [Fact]
    public void A_protected_person_is_issued_only_to_themself_or_with_an_approval_j440()
    {
        var measure = new SupportMeasure { Id = 1, AtenaNumber = wife.AtenaNumber.Value, StartsOn = Today.PlusMonths(-2), EndsOn = SupportMeasure.TermEnd(Today.PlusMonths(-2)) };
        var subjects = Subjects(head, wife) with { SupportMeasures = [measure] };

        Assert.Equal("C306", Codes(CertificateRules.Check(Request(requester: RequesterKind.SameHousehold), subjects, CertificateAllowances.All, Today, Now)));
        Assert.Empty(CertificateRules.Check(Request(requester: RequesterKind.SameHousehold), subjects with { ApprovedProtectedPeople = new HashSet<string> { wife.AtenaNumber.Value } }, CertificateAllowances.All, Today, Now));
        var own = CertificateRules.Check(Request() with { Subject = wife.AtenaNumber }, subjects with { Subject = wife, Included = [wife] }, CertificateAllowances.All, Today, Now);
        Assert.Equal("A312", Codes(own));
        Assert.Equal("C303,C306,C317", Codes(CertificateRules.Check(Request(channel: RequestChannel.Konbini, requester: RequesterKind.SameHousehold), subjects, CertificateAllowances.All, Today, Now)));
        // Seed 001: no コンビニ交付 for a protected person, not even to themself (issue 15 item 2).
        Assert.Equal("A312,C317", Codes(CertificateRules.Check(Request(channel: RequestChannel.Konbini) with { Subject = wife.AtenaNumber }, subjects with { Subject = wife, Included = [wife] }, CertificateAllowances.All, Today, Now)));
    }

    [Fact]
    public void The_term_is_one_year_it_may_be_extended_from_one_month_before_its_end_and_a_lapsed_term_keeps_protecting_j440()
    {
        // The standard's own example: 令和2年4月1日 → 令和3年3月31日.
        Assert.Equal(new LocalDate(2021, 3, 31), SupportMeasure.TermEnd(new LocalDate(2020, 4, 1)));
        var measure = new SupportMeasure { Id = 1, AtenaNumber = "x", StartsOn = new LocalDate(2020, 4, 1), EndsOn = new LocalDate(2021, 3, 31) };

        Assert.Equal(SupportMeasureState.InForce, measure.StateOn(new LocalDate(2021, 2, 27)));
        Assert.False(measure.CanExtendOn(new LocalDate(2021, 2, 27)));
        Assert.Equal(SupportMeasureState.EndingSoon, measure.StateOn(new LocalDate(2021, 2, 28)));
        Assert.Equal(new LocalDate(2022, 3, 31), measure.Extended().EndsOn);
        Assert.Equal(SupportMeasureState.Expired, measure.StateOn(new LocalDate(2021, 4, 1)));
        Assert.True(measure.IsProtecting);
        Assert.Equal(SupportMeasureState.Provisional, measure.StateOn(new LocalDate(2020, 5, 1), movedOut: true));
        Assert.Equal(SupportMeasureState.Ended, (measure with { EndedOn = new LocalDate(2020, 6, 1) }).StateOn(new LocalDate(2020, 7, 1)));
    }

    [Fact]
    public void A_restriction_holds_its_processes_from_its_start_until_lifted_and_lets_go_only_while_temporarily_released_j410()
    {
        var restriction = new Restriction { Id = 1, Scope = RestrictionScope.Person, Target = "x", Processes = RestrictedProcess.Issuance | RestrictedProcess.Inquiry, Level = RestrictionLevel.Error, StartsOn = Today, EndsOn = Today.PlusDays(1), Reason = "調査中" };

        Assert.True(restriction.Holds(RestrictedProcess.Issuance, Today, Now));
        Assert.False(restriction.Holds(RestrictedProcess.Change, Today, Now));
        Assert.False(restriction.Holds(RestrictedProcess.Issuance, Today.PlusDays(-1), Now));
        // The end date passing does not end it.
        Assert.True(restriction.Holds(RestrictedProcess.Issuance, Today.PlusDays(30), Now));
        var released = restriction with { TemporarilyReleasedUntil = Now + Duration.FromMinutes(30) };
        Assert.False(released.Holds(RestrictedProcess.Issuance, Today, Now + Duration.FromMinutes(29)));
        Assert.True(released.Holds(RestrictedProcess.Issuance, Today, Now + Duration.FromMinutes(30)));
        Assert.False((restriction with { LiftedAt = Now }).Holds(RestrictedProcess.Issuance, Today, Now));
        Assert.Equal("発行・照会", Restriction.Describe(restriction.Processes));
    }

    [Fact]
    public void Members_are_ordered_by_j1010_head_spouse_children_their_families_parents_siblings_grandparents_others()
    {
        ResidentRecord Member(string relationship, int year, string? familyRegisterHead = null) => head with
        {
            AtenaNumber = register.NewAtena(),
            Relationship = Relationship.Parse(relationship),
            BirthDate = RecordedDate.FromLocalDate(new LocalDate(year, 1, 1)),
            FamilyName = "山田",
            GivenName = relationship + year,
            HeadOfFamilyRegister = familyRegisterHead,
        };
        var father = Member("父", 1940) with { GivenName = "父", HeadOfFamilyRegister = "山田　父" };
        var expected = new[]
        {
            Member("世帯主", 1970), Member("妻", 1972), Member("子", 1995), Member("子", 1998),
            Member("子の妻", 1996), Member("子の子", 2020),
            father, Member("母", 1942), Member("妹", 1975), Member("父の母", 1915),
            Member("妻の父", 1945), Member("縁故者", 1960), Member("同居人", 1980),
        };

        var sorted = HouseholdOrder.Sort(expected.Reverse());

        Assert.Equal(expected.Select(m => m.GivenName), sorted.Select(m => m.GivenName));
    }

    [Fact]
    public void The_issue_number_is_the_date_municipality_terminal_printer_serial_and_page_j1040()
    {
        var number = new IssueNumber(new LocalDate(2020, 5, 2), "みどり市", "本庁1", "プリンタ001", 11);

        Assert.Equal("20200502 みどり市 本庁1 プリンタ001 011 1/2", number.OnPage(1, 2));
        Assert.Throws<ArgumentException>(() => new IssueNumber(Today, "みどり市", "本庁 1", "プリンタ001", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IssueNumber(Today, "みどり市", "本庁1", "プリンタ001", 0));
    }
}
