using NodaTime;

namespace Jumin.Domain.Dates;

/// <summary>元号 — one Japanese era.</summary>
/// <param name="Name">The era name, e.g. 令和.</param>
/// <param name="Abbreviation">The one-character abbreviation, e.g. 令.</param>
/// <param name="Letter">The Latin letter, e.g. R.</param>
/// <param name="Code">The era digit used in 7-digit date codes (1 明治 … 5 令和).</param>
/// <param name="Start">The first day of the era.</param>
public sealed record JapaneseEra(string Name, string Abbreviation, char Letter, int Code, LocalDate Start)
{
    public override string ToString() => Name;
}

/// <summary>
/// 和暦・西暦の対応マスタ (j280): the eras in force, oldest first. A new era is added by
/// configuration (a parameter, as j280 requires), not by a code change: see
/// <c>Jumin:Eras</c> in appsettings and <see cref="WithEra"/>.
/// </summary>
public sealed class JapaneseEraTable
{
    /// <summary>明治 to 令和. 明治 is dated from 明治元年1月1日 (1868-01-25); the register does not convert the
    /// lunisolar calendar used before 明治6年, so earlier dates are read as Gregorian.</summary>
    public static JapaneseEraTable Default { get; } = new(
    [
        new("明治", "明", 'M', 1, new LocalDate(1868, 1, 25)),
        new("大正", "大", 'T', 2, new LocalDate(1912, 7, 30)),
        new("昭和", "昭", 'S', 3, new LocalDate(1926, 12, 25)),
        new("平成", "平", 'H', 4, new LocalDate(1989, 1, 8)),
        new("令和", "令", 'R', 5, new LocalDate(2019, 5, 1)),
    ]);

    public JapaneseEraTable(IEnumerable<JapaneseEra> eras)
    {
        Eras = eras.OrderBy(e => e.Start).ToArray();
        if (Eras.Count == 0)
        {
            throw new ArgumentException("元号が1つもありません。", nameof(eras));
        }
    }

    public IReadOnlyList<JapaneseEra> Eras { get; }

    public JapaneseEra Earliest => Eras[0];

    /// <summary>A table with one more era, e.g. when a new 元号 is proclaimed.</summary>
    public JapaneseEraTable WithEra(JapaneseEra era) => new(Eras.Append(era));

    /// <summary>The era in force on a day, or null before the first era.</summary>
    public JapaneseEra? EraOf(LocalDate date)
    {
        for (var i = Eras.Count - 1; i >= 0; i--)
        {
            if (date >= Eras[i].Start)
            {
                return Eras[i];
            }
        }
        return null;
    }

    /// <summary>The era that follows, or null for the current one.</summary>
    public JapaneseEra? Next(JapaneseEra era)
    {
        var index = IndexOf(era);
        return index + 1 < Eras.Count ? Eras[index + 1] : null;
    }

    public JapaneseEra? Find(string nameOrAbbreviationOrLetter)
    {
        foreach (var era in Eras)
        {
            if (era.Name == nameOrAbbreviationOrLetter
                || era.Abbreviation == nameOrAbbreviationOrLetter
                || (nameOrAbbreviationOrLetter.Length == 1 && char.ToUpperInvariant(nameOrAbbreviationOrLetter[0]) == era.Letter))
            {
                return era;
            }
        }
        return null;
    }

    public JapaneseEra? FindByCode(int code) => Eras.FirstOrDefault(e => e.Code == code);

    /// <summary>The Gregorian year of a year of an era (元年 = 1).</summary>
    public static int GregorianYear(JapaneseEra era, int eraYear) => era.Start.Year + eraYear - 1;

    /// <summary>The era year of a date within the era (元年 = 1).</summary>
    public static int EraYear(JapaneseEra era, int gregorianYear) => gregorianYear - era.Start.Year + 1;

    private int IndexOf(JapaneseEra era)
    {
        for (var i = 0; i < Eras.Count; i++)
        {
            if (Eras[i] == era)
            {
                return i;
            }
        }
        throw new ArgumentException($"{era.Name}は元号表にありません。", nameof(era));
    }
}
