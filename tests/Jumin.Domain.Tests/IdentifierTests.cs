using Jumin.Domain.Identifiers;

namespace Jumin.Domain.Tests;

public sealed class IdentifierTests
{
    // 個人番号: 123456789018 is the example the check digit rule (総務省令第85号第5条) is usually shown with;
    // 983205673214 is a second worked example. Changing the check digit or any digit breaks them.
    [Theory]
    [InlineData("123456789018")]
    [InlineData("983205673214")]
    [InlineData("１２３４ ５６７８ ９０１８")]
    public void Individual_numbers_with_the_right_check_digit_are_accepted(string input) =>
        Assert.True(IndividualNumber.TryParse(input, out _, out _));

    [Theory]
    [InlineData("123456789012", "check-digit")]
    [InlineData("983205673210", "check-digit")]
    [InlineData("123456789108", "check-digit")]
    [InlineData("12345678901", "length")]
    [InlineData("12345678901A", "digits")]
    [InlineData("", "required")]
    public void Invalid_individual_numbers_are_refused_with_the_rule(string input, string rule)
    {
        Assert.False(IndividualNumber.TryParse(input, out _, out var error));
        Assert.Equal(rule, error.Rule);
        Assert.Contains("個人番号", error.Message);
    }

    [Fact]
    public void The_check_digit_is_zero_when_the_remainder_is_zero_or_one()
    {
        // Σ = 11·k gives remainder 0; 00000000001 gives Σ = 1·2 = 2 → 9, and 00000000006 gives 12 → remainder 1 → 0.
        Assert.Equal(0, CheckDigits.IndividualNumber("00000000000"));
        Assert.Equal(9, CheckDigits.IndividualNumber("00000000001"));
        Assert.Equal(0, CheckDigits.IndividualNumber("00000000006"));
    }

    [Fact]
    public void An_individual_number_never_prints_itself()
    {
        var number = IndividualNumber.Parse("123456789018");
        Assert.DoesNotContain("123456789018", number.ToString());
        Assert.DoesNotContain("123456789018", $"{number}");
    }

    [Theory]
    [InlineData("032018", "03")] // 盛岡市
    [InlineData("011002", "01")] // 札幌市
    [InlineData("130001", "13")] // 東京都
    [InlineData("131016", "13")] // 千代田区
    [InlineData("271004", "27")] // 大阪市
    public void Published_local_government_codes_are_valid(string code, string prefecture)
    {
        var parsed = LocalGovernmentCode.Parse(code);
        Assert.Equal(code, parsed.Value);
        Assert.Equal(prefecture, parsed.PrefectureCode);
    }

    [Fact]
    public void A_five_digit_local_government_code_gets_its_check_digit() =>
        Assert.Equal("032018", LocalGovernmentCode.Parse("03201").Value);

    [Theory]
    [InlineData("032017", "check-digit")]
    [InlineData("482019", "prefecture")]
    [InlineData("000000", "prefecture")]
    [InlineData("0320", "length")]
    public void Invalid_local_government_codes_are_refused(string code, string rule)
    {
        Assert.False(LocalGovernmentCode.TryParse(code, out _, out var error));
        Assert.Equal(rule, error.Rule);
    }

    [Fact]
    public void Atena_numbers_carry_a_mod11_weights_2_to_7_check_digit()
    {
        // Serial 000000001: weights from the right 2 → Σ = 2, remainder 2, check 11 − 2 = 9.
        Assert.Equal("0000000019", AtenaNumber.FromSerial(1).Value);
        // Serial 000000011: Σ = 1·2 + 1·3 = 5 → 6.
        Assert.Equal("0000000116", AtenaNumber.FromSerial(11).Value);
        // Serial 000000012: Σ = 2·2 + 1·3 = 7 → 4.
        Assert.Equal("0000000124", AtenaNumber.Parse("0000000124").Value);
    }

    [Fact]
    public void Remainder_zero_gives_check_digit_zero()
    {
        // Serial 000000143: Σ = 3·2 + 4·3 + 1·4 = 22, remainder 0 → check digit 0 (j130).
        Assert.Equal("0000001430", AtenaNumber.FromSerial(143).Value);
        Assert.True(AtenaNumber.TryParse("0000001430", out _, out _));
    }

    [Fact]
    public void Serials_whose_remainder_is_one_are_never_issued()
    {
        // Serial 000000202: Σ = 2·2 + 0·3 + 2·4 = 12, remainder 1 (ADR 0002).
        Assert.Throws<InvalidValueException>(() => AtenaNumber.FromSerial(202));
        Assert.Equal(203, AtenaNumber.NextIssuableSerial(202));
        Assert.Equal(201, AtenaNumber.NextIssuableSerial(201));
        // No 10-digit string can name serial 202: both 0 and "10" are wrong.
        Assert.False(AtenaNumber.TryParse("0000002020", out _, out var error));
        Assert.Equal("check-digit", error.Rule);
    }

    [Theory]
    [InlineData("0000000018", "check-digit")]
    [InlineData("000000001", "length")]
    [InlineData("00000000X9", "digits")]
    [InlineData("0000000000", "range")]
    public void Invalid_atena_and_household_numbers_are_refused(string input, string rule)
    {
        Assert.False(AtenaNumber.TryParse(input, out _, out var atenaError));
        Assert.Equal(rule, atenaError.Rule);
        Assert.Contains("宛名番号", atenaError.Message);
        Assert.False(HouseholdNumber.TryParse(input, out _, out var householdError));
        Assert.Contains("世帯番号", householdError.Message);
    }

    [Fact]
    public void Atena_and_household_numbers_compare_by_serial_and_never_equal_each_other()
    {
        Assert.Equal(AtenaNumber.FromSerial(5), AtenaNumber.Parse(AtenaNumber.FromSerial(5).Value));
        Assert.True(AtenaNumber.FromSerial(4) < AtenaNumber.FromSerial(5));
        Assert.False(AtenaNumber.FromSerial(5).Equals(HouseholdNumber.FromSerial(5)));
    }

    [Theory]
    [InlineData("12345678901", true, null)]
    [InlineData("1234567890", false, "length")]
    [InlineData("00000000000", false, "range")]
    public void Resident_codes_are_eleven_digits(string input, bool valid, string? rule)
    {
        Assert.Equal(valid, ResidentCode.TryParse(input, out _, out var error));
        Assert.Equal(rule, error?.Rule);
    }

    [Fact]
    public void Other_identifiers_validate_their_form()
    {
        Assert.Equal("〒029-9901", PostalCode.Parse("029-9901").ToString());
        Assert.False(PostalCode.TryParse("02999", out _, out _));
        Assert.Equal("AB12345678CD", ResidenceCardNumber.Parse("ab12345678cd").Value);
        Assert.False(ResidenceCardNumber.TryParse("AB1234567CD", out _, out _));
        Assert.Equal("03299001001", AddressCode.Parse("03299001001").Value);
        Assert.False(AddressCode.TryParse("48299001001", out _, out var error));
        Assert.Equal("municipality", error.Rule);
        Assert.Equal("1234-567890", BasicPensionNumber.Parse("1234567890").ToString());
    }
}
