using Jumin.Domain.Changes;
using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;
using NodaTime;
using static Jumin.Domain.Tests.Changes.PaperRegister;

namespace Jumin.Domain.Tests.Changes;

public class ChangeDeciderTests
{
    private static string Codes(ChangePlan plan) => string.Join(",", plan.Findings.Select(f => f.Code).Order());

    [Fact]
    public void MoveIn_of_a_couple_forms_a_household_with_the_head_first_and_the_dates_of_j590()
    {
        var register = new PaperRegister();
        var (head, wife, household) = register.CoupleMovesIn();

        var h = register[head];
        var w = register[wife];
        Assert.Equal(ChangeReason.DomesticMoveIn, h.ChangeReason);
        Assert.Equal(household, w.HouseholdNumber);
        Assert.Equal(head, w.HouseholdHeadAtenaNumber);
        Assert.Equal("山田　太郎", w.HouseholdHeadName);
        Assert.Equal("妻", w.Relationship!.Text);
        Assert.True(h.Relationship!.IsHead);
        Assert.Equal((1, 2), (h.MemberOrder, w.MemberOrder));
        // j590: 住所を定めた日 = 住民となった日 = 異動日.
        Assert.Equal(Day(2025, 4, 1), h.AddressEstablishedOn);
        Assert.Equal(Day(2025, 4, 1), h.BecameResidentOn);
        Assert.Equal("岩手県盛岡市内丸１番１号", h.PreviousAddress);
        Assert.Equal(new LocalDate(2025, 4, 3), h.NotificationDate);
        Assert.Equal(h.ChangeId, w.ChangeId);
    }

    [Fact]
    public void MoveIn_of_someone_whose_individual_number_is_a_residents_is_an_error_E101()
    {
        var register = new PaperRegister();
        var first = register.NewAtena();
        register.Enter(MoveInOf(register, first, "123456789018"));

        var plan = register.Decide(MoveInOf(register, register.NewAtena(), "123456789018"));

        Assert.True(register[first].IsResident);
        Assert.Contains(plan.Errors, f => f.Code == "E101" && f.FieldLabel == "個人番号等");
    }

    /// <summary>Issue 15 item 1: entering a number must not tell an operator who may not see 個人番号 whose it is.</summary>
    [Fact]
    public void A_number_match_names_the_holder_only_to_an_operator_who_may_see_the_number_j1390()
    {
        var register = new PaperRegister();
        var first = register.NewAtena();
        register.Enter(MoveInOf(register, first, "123456789018"));
        var second = MoveInOf(register, register.NewAtena(), "123456789018");

        var hidden = Assert.Single(register.Decide(second, shown: ShownIdentifiers.ResidentCode).Errors);
        Assert.Equal("E101", hidden.Code);
        Assert.DoesNotContain(first.Value, hidden.Message);
        Assert.DoesNotContain("宛名番号", hidden.Message);
        Assert.Contains("表示権限のある職員に依頼", hidden.Message);
        Assert.Equal(first, hidden.MatchedPerson);

        var named = Assert.Single(register.Decide(second, shown: ShownIdentifiers.IndividualNumber).Errors);
        Assert.Contains($"宛名番号{first}", named.Message);
        Assert.Equal(first, named.MatchedPerson);

        Assert.False(register.Enter(MoveOut(first, Day(2026, 11, 25))).Plan.HasErrors);
        var returning = Assert.Single(register.Decide(second).Errors);
        Assert.Equal("E102", returning.Code);
        Assert.DoesNotContain(first.Value, returning.Message);
        Assert.Equal(first, returning.MatchedPerson);
    }

    [Fact]
    public void MoveIn_matching_a_removed_persons_number_must_reuse_their_atena_number_j600()
    {
        var register = new PaperRegister();
        var person = register.NewAtena();
        register.Enter(MoveInOf(register, person, "123456789018"));
        Assert.False(register.Enter(MoveOut(person, Day(2026, 11, 25))).Plan.HasErrors);

        var asNew = register.Decide(MoveInOf(register, register.NewAtena(), "123456789018"));
        Assert.Equal("E102", Assert.Single(asNew.Errors).Code);

        var household = register.NewHousehold();
        var (returning, _) = register.Enter(new ChangeRequest
        {
            Kind = ChangeKind.MoveIn,
            ChangeDate = Day(2026, 11, 28),
            NotificationDate = Today,
            Movers = [person],
            NewAddress = Address("９番９号"),
            PreviousAddress = new("東京都千代田区霞が関二丁目１番２号"),
            NewHouseholdNumber = household,
            NewHead = person,
        });
        Assert.False(returning.HasErrors, Codes(returning));
        var row = register[person];
        Assert.Equal(3, row.HistoryNumber);
        Assert.True(row.IsResident);
        Assert.Null(row.RemovalReason);
        Assert.Null(row.PlannedDestination);
        Assert.Equal(Day(2026, 11, 28), row.BecameResidentOn);
    }

    [Fact]
    public void MoveIn_of_someone_with_the_same_three_items_as_a_resident_is_an_alert_A201()
    {
        var register = new PaperRegister();
        register.CoupleMovesIn();
        var twin = register.NewAtena();
        var plan = register.Decide(new ChangeRequest
        {
            Kind = ChangeKind.MoveIn,
            ChangeDate = Day(2026, 11, 20),
            NotificationDate = Today,
            NewPersons = [new(twin, Japanese("山田", "太郎", "ヤマダ", "タロウ", Sex.Male, new LocalDate(1980, 5, 5)))],
            NewAddress = Address("５番５号"),
            PreviousAddress = new("青森県八戸市内丸一丁目１番１号"),
            NewHouseholdNumber = register.NewHousehold(),
            NewHead = twin,
        });
        Assert.False(plan.HasErrors);
        Assert.Equal("A201", Assert.Single(plan.Alerts).Code);
        Assert.Single(plan.Unacknowledged([]));
        Assert.Empty(plan.Unacknowledged(["A201"]));
    }

    [Fact]
    public void Unregistered_MoveIn_marks_the_previous_address_and_the_note_j620()
    {
        var register = new PaperRegister();
        var person = register.NewAtena();
        var plan = register.Decide(MoveInOf(register, person, null) with
        {
            PreviousAddress = new("宮城県仙台市青葉区本町三丁目８番１号", Unregistered: true, LastRegisteredAddress: "秋田県秋田市山王四丁目１番１号"),
        });
        var row = Assert.Single(plan.NewRows);
        Assert.Equal("宮城県仙台市青葉区本町三丁目８番１号（未届）", row.PreviousAddress);
        Assert.Contains("未届転入", row.ChangeNote);
        Assert.Equal("秋田県秋田市山王四丁目１番１号", row.LastRegisteredAddress);
        Assert.Contains(plan.Alerts, a => a.Code == "A207");
    }

    [Fact]
    public void A_whole_household_relocating_keeps_its_household_and_relationships()
    {
        var register = new PaperRegister();
        var (head, wife, household) = register.CoupleMovesIn();
        var (plan, _) = register.Enter(new ChangeRequest
        {
            Kind = ChangeKind.Relocation,
            ChangeDate = Day(2026, 11, 20),
            NotificationDate = Today,
            Movers = [head, wife],
            NewAddress = Address("２番３号", "みどりハイツ１０１"),
        });
        Assert.False(plan.HasErrors, Codes(plan));
        Assert.Equal(household, register[wife].HouseholdNumber);
        Assert.Equal("妻", register[wife].Relationship!.Text);
        Assert.Equal("２番３号", register[head].Banchi);
        Assert.Equal("みどりハイツ１０１", register[head].Katagaki);
        Assert.Equal(Day(2026, 11, 20), register[head].AddressEstablishedOn);
        Assert.Equal(Day(2025, 4, 1), register[head].BecameResidentOn);
    }

    [Fact]
    public void A_relocation_that_changes_the_name_is_an_error_E103()
    {
        var register = new PaperRegister();
        var (head, _, _) = register.CoupleMovesIn();
        var before = register[head];
        var moved = before with { HistoryNumber = 2, ChangeReason = ChangeReason.Relocation, Banchi = "８番８号" };
        Assert.False(ChangeDecider.ChangesMoreThanAddress(before, moved));
        Assert.True(ChangeDecider.ChangesMoreThanAddress(before, moved with { FamilyName = "佐藤" }));
        Assert.True(ChangeDecider.ChangesMoreThanAddress(before, moved with { BirthDate = Day(1981, 1, 1) }));
    }

    [Fact]
    public void When_the_head_relocates_alone_the_one_remaining_member_becomes_head_ex_officio_j490()
    {
        var register = new PaperRegister();
        var (head, wife, household) = register.CoupleMovesIn();
        var newHousehold = register.NewHousehold();
        var (plan, _) = register.Enter(new ChangeRequest
        {
            Kind = ChangeKind.Relocation,
            ChangeDate = Day(2026, 11, 20),
            NotificationDate = Today,
            Movers = [head],
            NewAddress = Address("７番７号"),
            NewHouseholdNumber = newHousehold,
            NewHead = head,
        });
        Assert.False(plan.HasErrors, Codes(plan));
        Assert.Contains(plan.Alerts, a => a.Code == "A203");
        var notice = Assert.Single(plan.HeadNotices);
        Assert.True(notice.HeadSetExOfficio);
        Assert.Equal(wife, notice.Addressee);
        Assert.True(register[wife].Relationship!.IsHead);
        Assert.Equal(household, register[wife].HouseholdNumber);
        Assert.Equal(ChangeReason.HouseholdHeadChange, register[wife].ChangeReason);
        Assert.Equal(newHousehold, register[head].HouseholdNumber);
    }

    [Fact]
    public void When_the_head_dies_leaving_two_members_the_clerk_is_alerted_to_change_the_head_first_j490()
    {
        var register = new PaperRegister();
        var (head, _, household) = register.CoupleMovesIn();
        register.ChildBorn(household, "次郎", Sex.Male, new LocalDate(2026, 6, 1));
        var plan = register.Decide(new ChangeRequest
        {
            Kind = ChangeKind.Death,
            Basis = ChangeBasis.FamilyRegisterNotice,
            ChangeDate = Day(2026, 11, 25),
            NotificationDate = Today,
            Movers = [head],
        });
        Assert.False(plan.HasErrors, Codes(plan));
        Assert.Equal("A202", Assert.Single(plan.Alerts).Code);
        Assert.False(Assert.Single(plan.HeadNotices).HeadSetExOfficio);
        var row = Assert.Single(plan.NewRows);
        Assert.Equal(ResidentStatus.Deceased, row.Status);
        Assert.Equal(ChangeReason.Death, row.RemovalReason);
    }

    [Fact]
    public void A_future_change_date_is_refused_except_for_a_planned_move_out_E104()
    {
        var register = new PaperRegister();
        var (head, wife, _) = register.CoupleMovesIn();
        var relocation = register.Decide(new ChangeRequest
        {
            Kind = ChangeKind.Relocation,
            ChangeDate = Day(2026, 12, 10),
            NotificationDate = Today,
            Movers = [head, wife],
            NewAddress = Address("２番３号"),
        });
        Assert.Contains(relocation.Errors, e => (e.Code, e.FieldLabel) == ("E104", "異動日"));

        var moveOut = register.Decide(MoveOut(head, Day(2026, 12, 10)) with { Movers = [head, wife] });
        Assert.False(moveOut.HasErrors, Codes(moveOut));
        Assert.All(moveOut.NewRows, r => Assert.Equal(new LocalDate(2026, 12, 10), r.PlannedMoveOutDate));
    }

    [Fact]
    public void A_change_dated_before_the_person_became_a_resident_is_an_error_E105()
    {
        var register = new PaperRegister();
        var (head, wife, _) = register.CoupleMovesIn();
        var plan = register.Decide(new ChangeRequest
        {
            Kind = ChangeKind.Relocation,
            ChangeDate = Day(2025, 3, 1),
            NotificationDate = new LocalDate(2025, 3, 2),
            Movers = [head, wife],
            NewAddress = Address("２番３号"),
        });
        Assert.Contains(plan.Errors, e => e.Code == "E105" && e.Field == "changeDate");
    }

    [Fact]
    public void Joining_a_household_that_has_no_members_is_an_error_E106()
    {
        var register = new PaperRegister();
        var person = register.NewAtena();
        var plan = register.Decide(MoveInOf(register, person, null) with { NewHouseholdNumber = null, NewHead = null, JoinHousehold = register.NewHousehold() });
        Assert.Contains(plan.Errors, e => e.Code == "E106");
    }

    [Fact]
    public void A_member_joining_without_a_relationship_or_as_a_second_head_is_an_error_E107()
    {
        var register = new PaperRegister();
        var (_, _, household) = register.CoupleMovesIn();
        var person = register.NewAtena();
        var join = MoveInOf(register, person, null) with { NewHouseholdNumber = null, NewHead = null, JoinHousehold = household, NewAddress = null };
        Assert.Contains(register.Decide(join).Errors, e => e.Code == "E107" && e.FieldLabel == "続柄");
        Assert.Contains(register.Decide(join with { Relationships = [new(person, Relationship.Head)] }).Errors, e => e.Code == "E107");
        var ok = register.Decide(join with { Relationships = [new(person, Relationship.Parse("母"))] });
        Assert.False(ok.HasErrors, Codes(ok));
        Assert.Contains(ok.Alerts, a => a.Code == "A206"); // 母 but recorded as 男
    }

    [Fact]
    public void A_duplicate_individual_number_is_an_error_E108()
    {
        var register = new PaperRegister();
        var first = register.NewAtena();
        register.Enter(MoveInOf(register, first, "123456789018"));
        var (head, _, _) = register.CoupleMovesIn("３番３号");
        var plan = register.Decide(new ChangeRequest
        {
            Kind = ChangeKind.IndividualNumberChange,
            Basis = ChangeBasis.ExOfficio,
            Reason = ChangeReason.IndividualNumberExOfficioCorrection,
            ChangeDate = RecordedDate.FromLocalDate(Today),
            Movers = [head],
            Corrections = [new(head, new PersonItems { IndividualNumber = IndividualNumber.Parse("123456789018") })],
        });
        var error = Assert.Single(plan.Errors);
        Assert.Equal(("E108", "個人番号"), (error.Code, error.FieldLabel));
        Assert.DoesNotContain("123456789018", error.Message);
    }

    [Fact]
    public void A_move_out_notified_more_than_14_days_late_must_be_entered_ex_officio_j640()
    {
        var register = new PaperRegister();
        var (head, wife, _) = register.CoupleMovesIn();
        var late = MoveOut(head, Day(2026, 11, 1)) with { Movers = [head, wife], NotificationDate = new LocalDate(2026, 11, 20) };
        Assert.Equal("E114", Assert.Single(register.Decide(late).Errors).Code);
        Assert.False(register.Decide(late with { Basis = ChangeBasis.ExOfficio }).HasErrors);
    }

    [Fact]
    public void A_move_in_notified_after_14_days_is_an_alert_and_before_the_move_an_error()
    {
        var register = new PaperRegister();
        var person = register.NewAtena();
        var late = register.Decide(MoveInOf(register, person, null) with { ChangeDate = Day(2026, 10, 1), NotificationDate = new LocalDate(2026, 11, 1) });
        Assert.Contains(late.Alerts, a => a.Code == "A204");
        var early = register.Decide(MoveInOf(register, person, null) with { ChangeDate = Day(2026, 11, 20), NotificationDate = new LocalDate(2026, 11, 19) });
        Assert.Contains(early.Errors, a => a.Code == "E109" && a.FieldLabel == "届出日");
    }

    [Fact]
    public void A_move_in_notice_confirms_the_move_out_and_keeps_the_planned_items_j680()
    {
        var register = new PaperRegister();
        var (head, wife, _) = register.CoupleMovesIn();
        register.Enter(MoveOut(head, Day(2026, 11, 20)) with { Movers = [head, wife] });
        var (plan, _) = register.Enter(new ChangeRequest
        {
            Kind = ChangeKind.MoveInNotice,
            Basis = ChangeBasis.ExOfficio,
            ChangeDate = Day(2026, 11, 22),
            Movers = [head, wife],
            MoveInNoticeDate = new LocalDate(2026, 11, 28),
            Destination = new("宮城県仙台市青葉区国分町三丁目７番１号", ConfirmedMoveOutDate: new LocalDate(2026, 11, 22)),
        });
        Assert.False(plan.HasErrors, Codes(plan));
        var row = register[wife];
        Assert.Equal(new LocalDate(2026, 11, 28), row.MoveInNoticeDate);
        Assert.Equal(new LocalDate(2026, 11, 22), row.ConfirmedMoveOutDate);
        Assert.Equal(new LocalDate(2026, 11, 20), row.PlannedMoveOutDate);
        Assert.Equal("宮城県仙台市青葉区", row.PlannedDestination);
        Assert.False(row.IsResident);
    }

    [Fact]
    public void Separation_forms_a_new_household_and_merger_refuses_a_household_at_another_address()
    {
        var register = new PaperRegister();
        var (head, wife, household) = register.CoupleMovesIn();
        var separate = register.NewHousehold();
        var (plan, _) = register.Enter(new ChangeRequest
        {
            Kind = ChangeKind.HouseholdSeparation,
            ChangeDate = RecordedDate.FromLocalDate(Today),
            NotificationDate = Today,
            Movers = [wife],
            NewHouseholdNumber = separate,
            NewHead = wife,
        });
        Assert.False(plan.HasErrors, Codes(plan));
        Assert.Equal(separate, register[wife].HouseholdNumber);
        Assert.True(register[wife].Relationship!.IsHead);
        Assert.Equal(register[head].Address, register[wife].Address);

        var merge = new ChangeRequest
        {
            Kind = ChangeKind.HouseholdMerger,
            ChangeDate = RecordedDate.FromLocalDate(Today),
            NotificationDate = Today,
            Movers = [wife],
            JoinHousehold = household,
            Relationships = [new(wife, Relationship.Parse("妻"))],
        };
        Assert.False(register.Decide(merge).HasErrors);
        var (elsewhere, _, _) = register.CoupleMovesIn("９番地");
        Assert.Contains(register.Decide(merge with { JoinHousehold = register[elsewhere].HouseholdNumber }).Errors, e => e.Code == "E115");
    }

    [Fact]
    public void Head_change_derives_every_members_relationship_to_the_new_head_j730()
    {
        var register = new PaperRegister();
        var (head, wife, household) = register.CoupleMovesIn();
        var child = register.ChildBorn(household, "次郎", Sex.Male, new LocalDate(2026, 6, 1));
        var (plan, _) = register.Enter(new ChangeRequest
        {
            Kind = ChangeKind.HouseholdHeadChange,
            ChangeDate = RecordedDate.FromLocalDate(Today),
            NotificationDate = Today,
            NewHead = wife,
        });
        Assert.False(plan.HasErrors, Codes(plan));
        Assert.Equal(3, plan.NewRows.Count);
        Assert.All(plan.NewRows, r => Assert.Equal(wife, r.HouseholdHeadAtenaNumber));
        Assert.Equal(1, register[wife].MemberOrder);
        Assert.Equal("夫", register[head].Relationship!.Text);
        Assert.Equal("子", register[child].Relationship!.Text);
        Assert.Single(register.Residents, r => r.HouseholdNumber == household && r.Relationship!.IsHead);
    }

    [Fact]
    public void When_a_son_becomes_head_his_parents_and_siblings_relationships_follow_j730()
    {
        var register = new PaperRegister();
        var (father, mother, household) = register.CoupleMovesIn();
        var elder = register.ChildBorn(household, "一郎", Sex.Male, new LocalDate(2024, 1, 1));
        var younger = register.ChildBorn(household, "二子", Sex.Female, new LocalDate(2026, 1, 1));
        var plan = register.Decide(new ChangeRequest
        {
            Kind = ChangeKind.HouseholdHeadChange,
            ChangeDate = RecordedDate.FromLocalDate(Today),
            NotificationDate = Today,
            NewHead = elder,
        });
        Assert.False(plan.HasErrors, Codes(plan));
        string Of(AtenaNumber a) => plan.NewRows.Single(r => r.AtenaNumber == a).Relationship!.Text;
        Assert.Equal(("世帯主", "父", "母", "妹"), (Of(elder), Of(father), Of(mother), Of(younger)));
    }

    [Fact]
    public void Birth_enters_the_household_with_the_domicile_quoted_from_the_head_j770()
    {
        var register = new PaperRegister();
        var (head, _, household) = register.CoupleMovesIn();
        var child = register.ChildBorn(household, "次郎", Sex.Male, new LocalDate(2026, 6, 1));
        var row = register[child];
        Assert.Equal(ChangeReason.Birth, row.ChangeReason);
        Assert.Equal(register[head].Domicile, row.Domicile);
        Assert.Equal(Day(2026, 6, 1), row.BirthDate);
        Assert.Equal(Day(2026, 6, 1), row.BecameResidentOn);
        Assert.Null(row.PreviousAddress);
        Assert.Equal(3, row.MemberOrder);
        Assert.Equal(register[head].Address, row.Address);
    }

    [Fact]
    public void Naturalisation_removes_the_foreign_record_and_adds_a_japanese_one_under_the_same_atena_j930()
    {
        var register = new PaperRegister();
        var person = register.NewAtena();
        var household = register.NewHousehold();
        register.Enter(new ChangeRequest
        {
            Kind = ChangeKind.MoveInFromAbroad,
            ChangeDate = Day(2024, 4, 1),
            NotificationDate = new LocalDate(2024, 4, 2),
            NewPersons = [new(person, new PersonItems
            {
                Kind = ResidentKind.Foreign, FamilyName = "", GivenName = "", AlphabetName = "SMITH JOHN", GivenNameKana = "スミス　ジョン",
                Sex = Sex.Male, BirthDate = Day(1990, 1, 2), Nationality = "英国", Article3045Category = Article3045Category.MidToLongTermResident,
                StatusOfResidence = "技術・人文知識・国際業務", PeriodOfStay = "3年", PeriodOfStayExpiresOn = new LocalDate(2027, 4, 1),
            })],
            NewAddress = Address("４番４号"),
            PreviousAddress = new("英国"),
            NewHouseholdNumber = household,
            NewHead = person,
        });
        var (plan, _) = register.Enter(new ChangeRequest
        {
            Kind = ChangeKind.Naturalisation,
            Basis = ChangeBasis.FamilyRegisterNotice,
            ChangeDate = Day(2026, 11, 1),
            NotificationDate = Today,
            Movers = [person],
            Corrections = [new(person, new PersonItems { FamilyName = "須見", GivenName = "譲", FamilyNameKana = "スミ", GivenNameKana = "ジョウ", Domicile = "岩手県みどり市中央一丁目４番地", HeadOfFamilyRegister = "須見　譲" })],
        });
        Assert.False(plan.HasErrors, Codes(plan));
        Assert.Equal([ChangeReason.ExOfficioRemovalByNaturalisation, ChangeReason.ExOfficioEntryByNaturalisation], plan.NewRows.Select(r => r.ChangeReason));
        var row = register[person];
        Assert.Equal(ResidentKind.Japanese, row.Kind);
        Assert.Equal(Day(2024, 4, 1), row.BecameResidentOn);
        Assert.Null(row.Nationality);
        Assert.Equal("須見　譲", row.HouseholdHeadName);
        Assert.Equal(household, row.HouseholdNumber);
    }

    [Fact]
    public void Cancelling_a_move_out_restores_the_resident_exactly_and_a_later_change_blocks_cancelling_j980()
    {
        var register = new PaperRegister();
        var (head, wife, _) = register.CoupleMovesIn();
        var before = register[wife];
        var (_, moveOut) = register.Enter(MoveOut(head, Day(2026, 11, 20)) with { Movers = [head, wife] });
        var (plan, _) = register.Enter(new ChangeRequest
        {
            Kind = ChangeKind.Cancellation,
            Basis = ChangeBasis.ExOfficio,
            ChangeDate = RecordedDate.FromLocalDate(Today),
            CancelsChange = moveOut,
        });
        Assert.False(plan.HasErrors, Codes(plan));
        var restored = register[wife];
        Assert.Equal(ChangeReason.CancellationIncrease, restored.ChangeReason);
        Assert.Equal(3, restored.HistoryNumber);
        Assert.True(restored.IsResident);
        Assert.False(ChangeDecider.ChangesMoreThanAddress(before, restored with { Banchi = before.Banchi }));
        Assert.Equal(before with { HistoryNumber = 0, ChangeReason = default, ChangeDate = before.ChangeDate, ProcessedAt = default, NotificationDate = null, InputTerminal = "", OperatorId = "", InputPlace = "", ChangeNote = null, ChangeId = null },
            restored with { HistoryNumber = 0, ChangeReason = default, ChangeDate = before.ChangeDate, ProcessedAt = default, NotificationDate = null, InputTerminal = "", OperatorId = "", InputPlace = "", ChangeNote = null, ChangeId = null });

        var (_, relocation) = register.Enter(new ChangeRequest { Kind = ChangeKind.Relocation, ChangeDate = RecordedDate.FromLocalDate(Today), NotificationDate = Today, Movers = [head, wife], NewAddress = Address("６番６号") });
        var blocked = register.Decide(new ChangeRequest { Kind = ChangeKind.Cancellation, Basis = ChangeBasis.ExOfficio, ChangeDate = RecordedDate.FromLocalDate(Today), CancelsChange = moveOut });
        Assert.Contains(blocked.Errors, e => e.Code == "E116");
        Assert.True(relocation > moveOut);
    }

    [Fact]
    public void Cancelling_a_move_in_takes_the_people_off_the_register_as_cancelled_decrease()
    {
        var register = new PaperRegister();
        var person = register.NewAtena();
        var (_, moveIn) = register.Enter(MoveInOf(register, person, null));
        var (plan, _) = register.Enter(new ChangeRequest { Kind = ChangeKind.Cancellation, Basis = ChangeBasis.ExOfficio, ChangeDate = RecordedDate.FromLocalDate(Today), CancelsChange = moveIn });
        Assert.False(plan.HasErrors, Codes(plan));
        Assert.False(register[person].IsResident);
        Assert.Equal(ChangeReason.CancellationDecrease, register[person].RemovalReason);
        Assert.Empty(register.Residents);
    }

    [Fact]
    public void Correcting_the_heads_name_corrects_the_head_name_on_every_member_j840()
    {
        var register = new PaperRegister();
        var (head, wife, _) = register.CoupleMovesIn();
        var (plan, _) = register.Enter(new ChangeRequest
        {
            Kind = ChangeKind.Correction,
            Basis = ChangeBasis.ExOfficio,
            Reason = ChangeReason.ClericalErrorCorrection,
            ChangeDate = RecordedDate.FromLocalDate(Today),
            Movers = [head],
            Corrections = [new(head, new PersonItems { GivenName = "太朗" })],
        });
        Assert.False(plan.HasErrors, Codes(plan));
        Assert.Equal("山田　太朗", register[wife].HouseholdHeadName);
        Assert.Equal(ChangeReason.ClericalErrorCorrection, register[wife].ChangeReason);
        Assert.Equal(2, register.History[head].Count);
        Assert.Equal("太郎", register.History[head][0].GivenName);
    }

    [Fact]
    public void Every_rule_in_the_catalogue_has_a_unique_code()
    {
        Assert.Equal(FindingCatalogue.All.Count, FindingCatalogue.All.Select(r => r.Code).Distinct().Count());
        Assert.All(FindingCatalogue.All, r => Assert.Equal(r.Severity == FindingSeverity.Error ? 'E' : 'A', r.Code[0]));
    }

    private static ChangeRequest MoveInOf(PaperRegister register, AtenaNumber person, string? number) => new()
    {
        Kind = ChangeKind.MoveIn,
        ChangeDate = Day(2026, 11, 20),
        NotificationDate = Today,
        NewPersons = [new(person, Japanese("鈴木", "一郎", "スズキ", "イチロウ", Sex.Male, new LocalDate(1970, 1, 1), number))],
        NewAddress = Address("８番８号"),
        PreviousAddress = new("青森県青森市長島一丁目１番１号"),
        NewHouseholdNumber = register.NewHousehold(),
        NewHead = person,
    };

    private static ChangeRequest MoveOut(AtenaNumber person, RecordedDate date) => new()
    {
        Kind = ChangeKind.MoveOut,
        ChangeDate = date,
        NotificationDate = date.ToLocalDate() > Today ? Today : date.ToLocalDate(),
        Movers = [person],
        Destination = new("宮城県仙台市青葉区"),
    };
}
