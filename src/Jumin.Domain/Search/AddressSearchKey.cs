using System.Text;

namespace Jumin.Domain.Search;

/// <summary>Address search keys: width, blanks and the ways 丁目・番地 are typed do not matter.</summary>
public static class AddressSearchKey
{
    public static string For(string? input)
    {
        var text = KanjiSearchKey.For(input);
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            result.Append(c is '－' or '‐' or '―' or '−' or 'ー' ? '-' : c);
        }
        return result.ToString();
    }
}
