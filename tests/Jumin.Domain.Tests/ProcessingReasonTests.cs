using Jumin.Domain.Audit;

namespace Jumin.Domain.Tests;

/// <summary>処理事由 (seeds M-10): a choice from the list, "その他" in a few words, never a number.</summary>
public sealed class ProcessingReasonTests
{
    [Fact]
    public void A_listed_reason_reads_in_Japanese_and_survives_the_session_cookie()
    {
        var reason = ProcessingReason.Create(ProcessingReasonKind.InternalRequest, "ignored for listed reasons");
        Assert.Equal("庁内他課からの依頼", reason.Text);
        Assert.Equal(reason, ProcessingReason.FromStored(reason.Stored));
        var other = ProcessingReason.Create(ProcessingReasonKind.Other, " 議会への統計資料の確認 ");
        Assert.Equal("その他（議会への統計資料の確認）", other.Text);
        Assert.Equal(other, ProcessingReason.FromStored(other.Stored));
    }

    [Theory]
    [InlineData(ProcessingReasonKind.Other, null, "reasonNote", "required")]
    [InlineData(ProcessingReasonKind.Other, "照会番号 123456789012 の件", "reasonNote", "digits")]
    [InlineData(ProcessingReasonKind.Other, "個人番号１２３４５６７８９０１２の確認", "reasonNote", "digits")]
    [InlineData((ProcessingReasonKind)0, null, "reason", "unknown")]
    public void A_reason_without_words_with_a_number_or_off_the_list_is_refused_naming_the_field(ProcessingReasonKind kind, string? note, string field, string rule)
    {
        var error = Assert.Throws<FieldValidationException>(() => ProcessingReason.Create(kind, note));
        Assert.Equal((field, rule), (error.Field, error.Error.Rule));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("7")]
    [InlineData("Everything")]
    public void Anything_else_in_the_cookie_is_no_reason(string? stored) => Assert.Null(ProcessingReason.FromStored(stored));
}
