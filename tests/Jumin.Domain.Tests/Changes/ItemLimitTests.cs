using Jumin.Domain.Changes;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;
using NodaTime;
using static Jumin.Domain.Tests.Changes.PaperRegister;

namespace Jumin.Domain.Tests.Changes;

/// <summary>Issue 15 item 10: values that parse but that no register may hold (j1440, j180, j250).</summary>
public class ItemLimitTests
{
    private static ChangeRequest MoveIn(AtenaNumber person, PersonItems items, AddressInput? address = null) => new()
    {
        Kind = ChangeKind.MoveIn,
        ChangeDate = Day(2026, 11, 1),
        NotificationDate = new LocalDate(2026, 11, 2),
        NewPersons = [new(person, items)],
        NewAddress = address ?? Address("３番３号"),
        PreviousAddress = new("岩手県盛岡市内丸１番１号"),
        NewHouseholdNumber = ChangeRequest.NewHouseholdPlaceholder,
        NewHead = person,
    };

    [Fact]
    public void A_birth_date_after_today_is_an_error_on_the_birth_date()
    {
        var register = new PaperRegister();
        var person = register.NewAtena();

        var plan = register.Decide(MoveIn(person, Japanese("未来", "生", "ミライ", "セイ", Sex.Male, Today.PlusYears(73))));

        var finding = Assert.Single(plan.Errors);
        Assert.Equal(("E119", "birthDate"), (finding.Code, finding.Field));
        Assert.False(register.Decide(MoveIn(person, Japanese("未来", "生", "ミライ", "セイ", Sex.Male, Today))).HasErrors);
    }

    [Fact]
    public void A_new_address_with_another_municipalitys_code_is_an_error_on_the_address_code()
    {
        var register = new PaperRegister();
        var person = register.NewAtena();
        var tokyo = new AddressInput(AddressCode.Parse("13101001001"), PostalCode.Parse("1000001"), "岩手県みどり市中央一丁目", "３番３号");

        var plan = register.Decide(MoveIn(person, Japanese("他市", "住所", "タシ", "ジュウショ", Sex.Male, new LocalDate(1990, 1, 1)), tokyo));

        var finding = Assert.Single(plan.Errors);
        Assert.Equal(("E120", "newAddress.addressCode"), (finding.Code, finding.Field));
    }

    [Theory]
    [InlineData("ヤマダ", null)]
    [InlineData("ヴァン　デル・ベーク", null)]
    [InlineData("やまだ", "kana")]
    [InlineData("山田", "kana")]
    [InlineData("YAMADA", "kana")]
    [InlineData("ﾔﾏﾀﾞ", "kana")]
    [InlineData("ヤマ\u0000ダ", "control")]
    [InlineData("ヤマ\u202Eダ", "control")]
    public void A_kana_item_holds_katakana_only(string value, string? rule) =>
        Assert.Equal(rule, TextItems.Check(value, TextItems.FamilyNameKana)?.Rule);

    [Fact]
    public void A_lone_surrogate_is_no_character() =>
        Assert.Equal("encoding", TextItems.Check("ヤマ" + (char)0xD800 + "ダ", TextItems.FamilyNameKana)?.Rule);

    [Fact]
    public void Lengths_count_characters_not_code_units_and_refuse_what_no_name_needs()
    {
        Assert.Null(TextItems.Check(string.Concat(Enumerable.Repeat("𠮷", 50)), TextItems.FamilyName));
        Assert.Equal("length", TextItems.Check(new string('あ', 51), TextItems.FamilyName)?.Rule);
        Assert.Equal("length", TextItems.Check(new string('x', 200_000), TextItems.Remarks)?.Rule);
        Assert.Contains("200000文字", TextItems.Check(new string('x', 200_000), TextItems.Remarks)!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Line_breaks_belong_only_in_the_items_that_have_lines()
    {
        Assert.Null(TextItems.Check("1行目\n2行目", TextItems.Remarks));
        Assert.Equal("control", TextItems.Check("中央\n一丁目", TextItems.Address)?.Rule);
        Assert.Equal("control", TextItems.Check("備考\u0000", TextItems.Remarks)?.Rule);
    }

    [Fact]
    public void Every_failing_item_of_a_person_is_named_with_its_field()
    {
        var items = Japanese("山田", "太郎", "やまだ", "タロウ", Sex.Male, new LocalDate(1980, 1, 1)) with { Katagaki = new string('棟', 101) };

        var failures = items.TextFailures("newPersons[0]").ToList();

        Assert.Equal(["newPersons[0].familyNameKana", "newPersons[0].katagaki"], failures.Select(f => f.Field));
    }
}
