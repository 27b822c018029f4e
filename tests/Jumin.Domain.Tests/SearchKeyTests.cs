using Jumin.Domain.Search;

namespace Jumin.Domain.Tests;

/// <summary>Each fuzzy-matching rule of j330, as a clerk would type it.</summary>
public sealed class SearchKeyTests
{
    [Theory]
    [InlineData("ヂ", "ジ")]
    [InlineData("ズ", "ヅ")]
    [InlineData("ワ", "ハ")]
    [InlineData("ヴァ", "バ")]
    [InlineData("ヴィ", "ビ")]
    [InlineData("ヴ", "ブ")]
    [InlineData("オ", "ヲ")]
    [InlineData("ヒ", "ピ")]
    [InlineData("ガ", "カ")]
    public void Voiced_and_unvoiced_kana_are_not_told_apart(string a, string b) =>
        Assert.Equal(KanaSearchKey.For(a), KanaSearchKey.For(b));

    [Theory]
    [InlineData("ッ", "ツ")]
    [InlineData("ャ", "ヤ")]
    [InlineData("ュ", "ユ")]
    [InlineData("ョ", "ヨ")]
    [InlineData("キョウコ", "キヨウコ")]
    public void Small_kana_equal_large_ones(string a, string b) =>
        Assert.Equal(KanaSearchKey.For(a), KanaSearchKey.For(b));

    [Theory]
    [InlineData("オオタ", "オウタ")]
    [InlineData("コウノ", "コオノ")]
    [InlineData("サトウ", "サトオ")]
    public void U_after_an_o_row_kana_reads_as_o(string a, string b) =>
        Assert.Equal(KanaSearchKey.For(a), KanaSearchKey.For(b));

    [Fact]
    public void A_leading_u_stays_u() => Assert.NotEqual(KanaSearchKey.For("ウエノ"), KanaSearchKey.For("オエノ"));

    [Theory]
    [InlineData("コーヒー", "コヒ")]
    [InlineData("コ―ヒ", "コーヒ")]
    [InlineData("コ－ヒ", "コ‐ヒ")]
    [InlineData("ｺｰﾋｰ", "コ-ヒ")]
    public void Long_vowel_marks_and_dashes_are_ignored(string a, string b) =>
        Assert.Equal(KanaSearchKey.For(a), KanaSearchKey.For(b));

    /// <summary>Issue 15 item 14: a 長音 typed as ー finds the name spelled with its vowel, in every vowel row.</summary>
    [Theory]
    [InlineData("オーノ", "オオノ")]
    [InlineData("オーノ", "オウノ")]
    [InlineData("ジョージ", "ジョウジ")]
    [InlineData("キョーコ", "キョウコ")]
    [InlineData("ユーコ", "ユウコ")]
    [InlineData("ケーコ", "ケイコ")]
    [InlineData("ネーネ", "ネエネ")]
    [InlineData("カーサ", "カアサ")]
    [InlineData("ミーナ", "ミイナ")]
    [InlineData("シュート", "シュウト")]
    [InlineData("コートー", "コウトウ")]
    [InlineData("ヤマダ タロー", "ヤマダタロウ")]
    public void A_long_vowel_typed_as_a_mark_finds_it_spelled_out(string typed, string stored) =>
        Assert.Equal(KanaSearchKey.For(stored), KanaSearchKey.For(typed));

    [Theory]
    [InlineData("オノ", "アノ")]
    [InlineData("ウエノ", "ウオノ")]
    [InlineData("カイ", "カ")]
    [InlineData("アオイ", "アイ")]
    public void Vowels_that_do_not_lengthen_stay(string a, string b) =>
        Assert.NotEqual(KanaSearchKey.For(a), KanaSearchKey.For(b));

    [Theory]
    [InlineData("ヤマダ タロウ", "ヤマダ　タロウ")]
    [InlineData("ヤマダタロウ", "ヤマダ　タロウ")]
    [InlineData("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダタロウ")]
    [InlineData("やまだ たろう", "ヤマダタロウ")]
    public void Spaces_widths_and_hiragana_do_not_matter(string a, string b) =>
        Assert.Equal(KanaSearchKey.For(a), KanaSearchKey.For(b));

    [Theory]
    [InlineData("渡辺", "渡邊")]
    [InlineData("渡辺", "渡邉")]
    [InlineData("浜田", "濱田")]
    [InlineData("浜田", "濵田")]
    [InlineData("藤原", "籐原")]
    [InlineData("斉藤", "齋藤")]
    [InlineData("高橋", "髙橋")]
    [InlineData("吉田", "𠮷田")]
    [InlineData("山田 太郎", "山田　太郎")]
    public void Kanji_variants_are_found_together(string a, string b) =>
        Assert.Equal(KanjiSearchKey.For(a), KanjiSearchKey.For(b));

    [Fact]
    public void Different_kanji_stay_different() => Assert.NotEqual(KanjiSearchKey.For("浜田"), KanjiSearchKey.For("浜口"));
}
