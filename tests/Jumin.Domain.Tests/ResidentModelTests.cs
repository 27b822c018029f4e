using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;
using NodaTime;

namespace Jumin.Domain.Tests;

public sealed class ResidentModelTests
{
    [Theory]
    [InlineData("世帯主")]
    [InlineData("妻")]
    [InlineData("夫（未届）")]
    [InlineData("妻(未届)")]
    [InlineData("子")]
    [InlineData("子の妻")]
    [InlineData("子の子の子の子")]
    [InlineData("父の兄の子")]
    [InlineData("縁故者")]
    [InlineData("同居人")]
    public void Relationships_of_j110_are_accepted(string text) => Assert.True(Relationship.TryParse(text, out _, out _));

    [Theory]
    [InlineData("祖父", "unknown-term")]
    [InlineData("孫", "unknown-term")]
    [InlineData("おじ", "unknown-term")]
    [InlineData("準世帯主", "unknown-term")]
    [InlineData("家事使用人", "unknown-term")]
    [InlineData("子の子の子の子の子", "too-many-generations")]
    [InlineData("", "required")]
    public void Relationships_the_standard_forbids_are_refused(string text, string rule)
    {
        Assert.False(Relationship.TryParse(text, out _, out var error));
        Assert.Equal(rule, error.Rule);
    }

    [Fact]
    public void Five_generations_become_enkosha() =>
        Assert.Equal(Relationship.Relative, Relationship.FromChain(["子", "子", "子", "子", "子"]));

    [Fact]
    public void Every_change_reason_of_j210_is_named_and_categorised()
    {
        var all = ChangeReasons.All.ToList();
        Assert.Equal(9, all.Count(r => r.Category() == ChangeCategory.Entry));
        Assert.Equal(9, all.Count(r => r.Category() == ChangeCategory.Removal));
        Assert.Equal(19, all.Count(r => r.Category() == ChangeCategory.Correction));
        Assert.Equal("国内転入", ChangeReason.DomesticMoveIn.JapaneseName());
        Assert.Equal("異動の取消し（修正）", ChangeReason.CancellationCorrection.JapaneseName());
        Assert.DoesNotContain(all, r => r.JapaneseName() == "転居取消");
        Assert.Equal(ReasonAppliesTo.ForeignOnly, ChangeReason.ExOfficioRemovalByNaturalisation.AppliesTo());
    }

    [Fact]
    public void The_next_history_row_carries_every_item_forward()
    {
        var first = Sample();
        var next = first.Next(ChangeReason.Relocation, RecordedDate.FromLocalDate(new LocalDate(2024, 4, 1)), Instant.FromUtc(2024, 4, 1, 1, 0), "本庁", "T1", "clerk01",
            r => r with { Banchi = "２番" });
        Assert.Equal(2, next.HistoryNumber);
        Assert.Equal(ChangeReason.Relocation, next.ChangeReason);
        Assert.Equal("２番", next.Banchi);
        Assert.Equal(first.FamilyName, next.FamilyName);
        Assert.Equal(first.BirthDate, next.BirthDate);
        Assert.Null(next.NotificationDate);
        Assert.Equal(1, first.HistoryNumber);
        Assert.Equal("１番", first.Banchi);
    }

    [Fact]
    public void Rules_name_the_item_they_concern()
    {
        var errors = ResidentRules.Check(Sample() with { Kind = ResidentKind.Foreign, DomicileStatus = DomicileStatus.NotApplicable });
        Assert.Contains(errors, e => e.Field == "nationality");
        Assert.Empty(ResidentRules.Check(Sample()));
        Assert.Contains(ResidentRules.Check(Sample() with { Status = ResidentStatus.Deceased }), e => e.Field == "removalReason");
    }

    internal static ResidentRecord Sample() => new()
    {
        AtenaNumber = AtenaNumber.FromSerial(1),
        HistoryNumber = 1,
        ChangeReason = ChangeReason.DomesticMoveIn,
        ChangeDate = RecordedDate.FromLocalDate(new LocalDate(2020, 4, 1)),
        ProcessedAt = Instant.FromUtc(2020, 4, 1, 0, 0),
        NotificationDate = new LocalDate(2020, 4, 3),
        InputPlace = "本庁",
        InputTerminal = "T1",
        OperatorId = "clerk01",
        Kind = ResidentKind.Japanese,
        Status = ResidentStatus.Resident,
        FamilyName = "青木",
        GivenName = "太郎",
        FamilyNameKana = "アオキ",
        GivenNameKana = "タロウ",
        BirthDate = RecordedDate.FromLocalDate(new LocalDate(2003, 1, 7)),
        Sex = Sex.Male,
        HouseholdNumber = HouseholdNumber.FromSerial(100),
        HouseholdHeadAtenaNumber = AtenaNumber.FromSerial(1),
        HouseholdHeadName = "青木　太郎",
        Relationship = Relationship.Head,
        MemberOrder = 1,
        AddressCode = AddressCode.Parse("03299001001"),
        PostalCode = PostalCode.Parse("0299901"),
        Address = "岩手県みどり市松町",
        Banchi = "１番",
        AddressEstablishedOn = RecordedDate.FromLocalDate(new LocalDate(2020, 4, 1)),
        BecameResidentOn = RecordedDate.FromLocalDate(new LocalDate(2020, 4, 1)),
        DomicileStatus = DomicileStatus.Unknown,
    };
}
