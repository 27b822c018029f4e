using System.Text;

namespace Jumin.Domain.Search;

/// <summary>
/// The normalisation j330 asks of name search, applied alike to what is stored and what is typed,
/// so that equal keys mean "the same for a clerk":
/// <list type="bullet">
/// <item>half-width and hiragana input are read as full-width katakana;</item>
/// <item>清音・濁音・半濁音 are not told apart (ヂ=ジ, ヅ=ズ, ヴァ=バ, ヴィ=ビ, ヴ=ブ, ヒ=ピ), nor ワ=ハ, ヲ=オ, ヰ=イ, ヱ=エ;</item>
/// <item>small kana equal large ones (ッ=ツ, ャ=ヤ, ュ=ユ, ョ=ヨ, ァ=ア …);</item>
/// <item>a ウ after an オ段 kana, from the second character on, is read as オ (オオタ=オウタ);</item>
/// <item>長音 and the dashes typed for it (ー ― － ‐ ｰ -) are ignored, and so are spaces (全角・半角);</item>
/// <item>so that a 長音 typed as ー and one spelled out meet, a vowel that lengthens the kana before it is ignored too:
/// ア after ア段, イ after イ段, ウ after ウ段, エ or イ after エ段, オ (or the ウ read as オ) after オ段 — オーノ, オオノ and オウノ
/// share one key, as do ジョージ and ジョウジ, キョーコ and キョウコ, ケーコ and ケイコ.</item>
/// </list>
/// (株)・(有) and other symbols are not searchable (j330 実装しない機能): they are dropped.
/// </summary>
public static class KanaSearchKey
{
    /// <summary>
    /// Raised whenever a rule changes what key a name gets, so that a register rebuilds the keys it stored before
    /// (2: spelled-out long vowels are ignored like ー).
    /// </summary>
    public const int Version = 2;

    // Replaced before the 濁点 is dropped: ヂ and ヅ would otherwise become チ and ツ, not ジ and ズ.
    // Longer spellings first, so that ヴァ becomes バ and not ブア.
    private static readonly (string From, string To)[] Respellings =
    [
        ("ヴァ", "バ"), ("ヴィ", "ビ"), ("ヴェ", "ベ"), ("ヴォ", "ボ"), ("ヴ", "ブ"), ("ヂ", "ジ"), ("ヅ", "ズ"),
    ];

    public static string For(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return string.Empty;
        }
        // NFKC turns half-width katakana (ｶﾞ) into full-width with voicing composed (ガ).
        var text = input.Normalize(NormalizationForm.FormKC);
        var katakana = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            katakana.Append(c is >= 'ぁ' and <= 'ゖ' ? (char)(c + 0x60) : c);
        }
        foreach (var (from, to) in Respellings)
        {
            katakana.Replace(from, to);
        }

        var result = new StringBuilder(katakana.Length);
        foreach (var c in katakana.ToString().Normalize(NormalizationForm.FormD))
        {
            if (c is '\u3099' or '\u309A')
            {
                continue; // 濁点・半濁点
            }
            var folded = Fold(c);
            if (folded == '\0')
            {
                continue;
            }
            if (folded == 'ウ' && result.Length > 0 && IsODan(result[^1]))
            {
                folded = 'オ';
            }
            if (result.Length > 0 && Lengthens(result[^1], folded))
            {
                continue;
            }
            result.Append(folded);
        }
        return result.ToString().Normalize(NormalizationForm.FormC);
    }

    private static char Fold(char c) => c switch
    {
        'ァ' => 'ア',
        'ィ' => 'イ',
        'ゥ' => 'ウ',
        'ェ' => 'エ',
        'ォ' => 'オ',
        'ッ' => 'ツ',
        'ャ' => 'ヤ',
        'ュ' => 'ユ',
        'ョ' => 'ヨ',
        'ヮ' => 'ハ',
        'ヵ' => 'カ',
        'ヶ' => 'ケ',
        'ワ' => 'ハ',
        'ヲ' => 'オ',
        'ヰ' => 'イ',
        'ヱ' => 'エ',
        'ー' or '―' or '－' or '‐' or '-' or '−' or '—' or '～' or '〜' => '\0',
        _ when char.IsWhiteSpace(c) => '\0',
        _ when IsKatakana(c) || char.IsLetterOrDigit(c) => char.ToUpperInvariant(c),
        _ => '\0',
    };

    private static bool IsKatakana(char c) => c is >= 'ァ' and <= 'ヺ';

    private static bool IsODan(char c) => c is 'オ' or 'コ' or 'ソ' or 'ト' or 'ノ' or 'ホ' or 'モ' or 'ヨ' or 'ロ';

    /// <summary>Whether <paramref name="vowel"/> after <paramref name="kana"/> only makes it long (the keys hold no 濁点 or small kana).</summary>
    private static bool Lengthens(char kana, char vowel) => vowel switch
    {
        'ア' => kana is 'ア' or 'カ' or 'サ' or 'タ' or 'ナ' or 'ハ' or 'マ' or 'ヤ' or 'ラ',
        'イ' => kana is 'イ' or 'キ' or 'シ' or 'チ' or 'ニ' or 'ヒ' or 'ミ' or 'リ' || IsEDan(kana),
        'ウ' => kana is 'ウ' or 'ク' or 'ス' or 'ツ' or 'ヌ' or 'フ' or 'ム' or 'ユ' or 'ル',
        'エ' => IsEDan(kana),
        'オ' => IsODan(kana),
        _ => false,
    };

    private static bool IsEDan(char c) => c is 'エ' or 'ケ' or 'セ' or 'テ' or 'ネ' or 'ヘ' or 'メ' or 'レ';
}
