using Jumin.Domain.Audit;
using Jumin.Domain.JukiNet;
using NodaTime;

namespace Jumin.Domain.Tests;

/// <summary>The 個人番号カード ledger (j1110; seed 004 §2.10): which operation each state allows, and the card's expiry.</summary>
public sealed class CardLedgerTests
{
    private static readonly CardState NotHandedOver = new(CardStatus.NotHandedOver, false);
    private static readonly CardState InUse = new(CardStatus.InUse, false);
    private static readonly CardState Suspended = new(CardStatus.Suspended, false);
    private static readonly CardState Abolished = new(CardStatus.Abolished, false);

    [Fact]
    public void A_card_goes_from_handover_through_suspension_to_abolition_and_collection()
    {
        Assert.Equal(InUse, CardLedgerRules.Apply(NotHandedOver, CardOperation.HandOver, false).After);
        Assert.Equal(Suspended, CardLedgerRules.Apply(InUse, CardOperation.Suspend, false).After);
        Assert.Equal(InUse, CardLedgerRules.Apply(Suspended, CardOperation.Resume, false).After);
        Assert.Equal(Abolished, CardLedgerRules.Apply(Suspended, CardOperation.Abolish, false).After);
        Assert.Equal(Abolished with { Collected = true }, CardLedgerRules.Apply(Abolished, CardOperation.Collect, false).After);
        Assert.Equal(Abolished with { Collected = true }, CardLedgerRules.Apply(InUse, CardOperation.Return, false).After);
    }

    [Theory]
    [InlineData(CardStatus.NotHandedOver, CardOperation.Suspend, "未交付のカードには一時停止を行えません")]
    [InlineData(CardStatus.InUse, CardOperation.HandOver, "運用中のカードには交付を行えません")]
    [InlineData(CardStatus.InUse, CardOperation.Resume, "運用中のカードには一時停止解除を行えません")]
    [InlineData(CardStatus.InUse, CardOperation.Collect, "回収できるのは廃止されたカードだけです")]
    [InlineData(CardStatus.Suspended, CardOperation.Suspend, "既に一時停止")]
    [InlineData(CardStatus.Abolished, CardOperation.Resume, "廃止されたカードには一時停止解除を行えません")]
    [InlineData(CardStatus.Abolished, CardOperation.Return, "廃止されたカードには返還を行えません")]
    public void An_operation_the_state_does_not_allow_is_refused_with_the_reason(CardStatus status, CardOperation operation, string reason)
    {
        var (after, refusal) = CardLedgerRules.Apply(new CardState(status, false), operation, false);

        Assert.Null(after);
        Assert.Contains(reason, refusal);
    }

    [Fact]
    public void The_call_centre_may_suspend_but_never_lift_a_suspension()
    {
        Assert.Equal(Suspended, CardLedgerRules.Apply(InUse, CardOperation.Suspend, true).After);
        Assert.Contains("一時停止だけ", CardLedgerRules.Apply(Suspended, CardOperation.Resume, true).Refusal);
        Assert.Contains("一時停止だけ", CardLedgerRules.Apply(InUse, CardOperation.Abolish, true).Refusal);
    }

    [Theory]
    [InlineData("1978-04-01", "2026-11-25", "2036-04-01")] // adult: the 10th birthday after issue
    [InlineData("1990-11-25", "2026-11-25", "2036-11-25")] // issued on the birthday itself
    [InlineData("2013-06-03", "2026-11-25", "2031-06-03")] // under 18: the 5th birthday
    [InlineData("2008-11-26", "2026-11-25", "2030-11-26")] // 18 tomorrow: still a minor on the day of issue, so the 5th (tomorrow is the 1st)
    [InlineData("2000-02-29", "2026-11-25", "2036-02-29")] // a leap-day birthday in a leap year
    [InlineData("2000-02-29", "2027-03-01", "2037-02-28")] // … and in a common year
    public void A_card_expires_on_the_holders_10th_or_5th_birthday_after_issue(string birth, string issued, string expected)
    {
        var pattern = NodaTime.Text.LocalDatePattern.Iso;
        Assert.Equal(pattern.Parse(expected).Value, CardLedgerRules.Expiry(pattern.Parse(birth).Value, pattern.Parse(issued).Value));
    }

    [Fact]
    public void The_next_open_day_skips_weekends_holidays_and_the_new_year_closure()
    {
        Assert.Equal(new LocalDate(2026, 11, 26), OffHours.NextOpenDay(new LocalDate(2026, 11, 25)));
        Assert.Equal(new LocalDate(2026, 11, 24), OffHours.NextOpenDay(new LocalDate(2026, 11, 20)));
        Assert.Equal(new LocalDate(2027, 1, 4), OffHours.NextOpenDay(new LocalDate(2026, 12, 28)));
    }
}
