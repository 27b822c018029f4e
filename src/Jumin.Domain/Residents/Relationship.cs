using System.Diagnostics.CodeAnalysis;

namespace Jumin.Domain.Residents;

/// <summary>
/// 世帯主との続柄 (j110): 世帯主; the basic terms 夫, 妻, 夫（未届）, 妻（未届）, 子, 父, 母, 兄, 姉,
/// 弟, 妹 (子の夫 and 子の妻 are chains of two); chains of at most four basic terms joined by 「の」
/// (子の子の子の子); 縁故者; 同居人. Other terms (祖父, 孫, おじ, 準世帯主…) are refused (j110
/// 実装しない機能), and a chain of five or more becomes 縁故者.
/// </summary>
public sealed record Relationship
{
    public const string Label = "続柄";

    public const int MaxGenerations = 4;

    private static readonly HashSet<string> BasicTerms = new(StringComparer.Ordinal)
    {
        "夫", "妻", "夫（未届）", "妻（未届）", "子", "父", "母", "兄", "姉", "弟", "妹",
    };

    private Relationship(string text) => Text = text;

    public static Relationship Head { get; } = new("世帯主");

    public static Relationship Relative { get; } = new("縁故者");

    public static Relationship Lodger { get; } = new("同居人");

    public string Text { get; }

    public bool IsHead => Text == Head.Text;

    /// <summary>The basic terms of a chain (empty for 世帯主, 縁故者, 同居人).</summary>
    public IReadOnlyList<string> Chain => IsHead || this == Relative || this == Lodger ? [] : Split(Text);

    /// <summary>Joins basic terms by 「の」; five or more generations become 縁故者 (j110 留意点).</summary>
    public static Relationship FromChain(IReadOnlyList<string> terms)
    {
        if (terms.Count == 0 || terms.Any(t => !BasicTerms.Contains(t)))
        {
            throw new ArgumentException("続柄は基本続柄（夫・妻・子・父・母・兄・姉・弟・妹など）をつなげて作ります。", nameof(terms));
        }
        return terms.Count > MaxGenerations ? Relative : new(string.Join("の", terms));
    }

    public static bool TryParse(string? input, [NotNullWhen(true)] out Relationship? value, [NotNullWhen(false)] out ValidationError? error)
    {
        value = null;
        error = null;
        var text = (input ?? string.Empty).Trim().Replace('(', '（').Replace(')', '）');
        if (text.Length == 0)
        {
            error = new("required", $"{Label}を入力してください。");
            return false;
        }
        if (text == Head.Text || text == Relative.Text || text == Lodger.Text)
        {
            value = text == Head.Text ? Head : text == Relative.Text ? Relative : Lodger;
            return true;
        }
        var terms = Split(text);
        var unknown = terms.FirstOrDefault(t => !BasicTerms.Contains(t));
        if (unknown is not null)
        {
            error = new("unknown-term", $"続柄「{text}」は使えません（「{unknown}」は標準仕様の続柄にありません）。夫・妻・子・父・母・兄・姉・弟・妹を「の」でつなげるか、縁故者・同居人としてください。");
            return false;
        }
        if (terms.Count > MaxGenerations)
        {
            error = new("too-many-generations", $"続柄「{text}」は{terms.Count}世代です。5世代以上は「縁故者」としてください。");
            return false;
        }
        value = new(text);
        return true;
    }

    public static Relationship Parse(string input) =>
        TryParse(input, out var value, out var error) ? value : throw new InvalidValueException(error);

    public override string ToString() => Text;

    private static List<string> Split(string text) => [.. text.Split('の')];
}
