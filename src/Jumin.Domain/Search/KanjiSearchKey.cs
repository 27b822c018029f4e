using System.Globalization;
using System.Text;

namespace Jumin.Domain.Search;

/// <summary>
/// 異体字・正字を包含した検索 (j330): each character in a group is searched as the first one, so
/// 「辺」 finds 邊 and 邉, 「浜」 finds 濱 and 濵, 「藤」 finds 籐. Optional for 一般市区町村 (j330);
/// the table holds the variants that occur most in surnames and can be extended.
/// </summary>
public static class KanjiSearchKey
{
    private static readonly string[] Groups =
    [
        "辺邊邉边", "浜濱濵滨", "藤籐籘䕨", "斉斎齋齊", "沢澤", "高髙", "崎﨑嵜碕", "吉𠮷", "島嶋嶌",
        "桜櫻", "国國", "広廣", "栄榮", "竜龍", "滝瀧", "関關", "恵惠", "徳德",
        "蔵藏", "横橫", "実實", "礼禮", "寿壽", "条條", "真眞", "穂穗", "黒黑", "富冨", "曽曾",
        "柳栁", "槙槇", "晃晄", "凛凜",
    ];

    private static readonly Dictionary<string, string> Canonical = Build();

    public static string For(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return string.Empty;
        }
        var text = input.Normalize(NormalizationForm.FormKC);
        var result = new StringBuilder(text.Length);
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (element.Length == 1 && char.IsWhiteSpace(element[0]))
            {
                continue;
            }
            result.Append(Canonical.TryGetValue(element, out var canonical) ? canonical : element);
        }
        return result.ToString();
    }

    private static Dictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in Groups)
        {
            var elements = new List<string>();
            var e = StringInfo.GetTextElementEnumerator(group);
            while (e.MoveNext())
            {
                elements.Add(e.GetTextElement());
            }
            foreach (var element in elements.Skip(1))
            {
                map[element] = elements[0];
            }
        }
        return map;
    }
}
