using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;

namespace Jumin.Registry.Persistence;

/// <summary>
/// How the domain's value types are stored. Every conversion back goes through the type's own
/// parser, so a row that does not hold a valid value fails loudly on read instead of spreading.
/// </summary>
internal static class ValueConversions
{
    public static void Register(ModelConfigurationBuilder c)
    {
        c.Properties<AtenaNumber>().HaveConversion<AtenaNumberConverter>().HaveMaxLength(10);
        c.Properties<HouseholdNumber>().HaveConversion<HouseholdNumberConverter>().HaveMaxLength(10);
        c.Properties<ResidentCode>().HaveConversion<ResidentCodeConverter>().HaveMaxLength(11);
        c.Properties<LocalGovernmentCode>().HaveConversion<LocalGovernmentCodeConverter>().HaveMaxLength(6);
        c.Properties<PostalCode>().HaveConversion<PostalCodeConverter>().HaveMaxLength(7);
        c.Properties<AddressCode>().HaveConversion<AddressCodeConverter>().HaveMaxLength(11);
        c.Properties<ResidenceCardNumber>().HaveConversion<ResidenceCardNumberConverter>().HaveMaxLength(12);
        c.Properties<BasicPensionNumber>().HaveConversion<BasicPensionNumberConverter>().HaveMaxLength(10);
        c.Properties<Relationship>().HaveConversion<RelationshipConverter>().HaveMaxLength(40);
        c.Properties<RecordedDate>().HaveConversion<RecordedDateConverter>();
        c.Properties<LocalDate>().HaveConversion<LocalDateConverter>();
        c.Properties<YearMonth>().HaveConversion<YearMonthConverter>();
        c.Properties<Instant>().HaveConversion<InstantConverter>();
    }

    /// <summary>yyyymmdd, which sorts and compares like the date.</summary>
    public static int ToKey(LocalDate d) => (d.Year * 100 + d.Month) * 100 + d.Day;

    public static LocalDate FromKey(int key) => new(key / 10000, key / 100 % 100, key % 100);

    /// <summary>RecordedDate as one sortable number: yyyymmdd · qualifier · era label code.</summary>
    public static long Encode(RecordedDate d) => (long)d.SortKey * 1000 + (int)d.Qualifier * 10 + (d.EraLabelCode ?? 0);

    public static RecordedDate Decode(long v) =>
        RecordedDate.FromStored((int)(v / 1000), (DateQualifier)(v / 10 % 100), v % 10 is var era and > 0 ? (int)era : null);

    private sealed class AtenaNumberConverter() : ValueConverter<AtenaNumber, string>(v => v.Value, s => AtenaNumber.Parse(s));

    private sealed class HouseholdNumberConverter() : ValueConverter<HouseholdNumber, string>(v => v.Value, s => HouseholdNumber.Parse(s));

    private sealed class ResidentCodeConverter() : ValueConverter<ResidentCode, string>(v => v.Value, s => ResidentCode.Parse(s));

    private sealed class LocalGovernmentCodeConverter() : ValueConverter<LocalGovernmentCode, string>(v => v.Value, s => LocalGovernmentCode.Parse(s));

    private sealed class PostalCodeConverter() : ValueConverter<PostalCode, string>(v => v.Digits, s => PostalCode.Parse(s));

    private sealed class AddressCodeConverter() : ValueConverter<AddressCode, string>(v => v.Value, s => AddressCode.Parse(s));

    private sealed class ResidenceCardNumberConverter() : ValueConverter<ResidenceCardNumber, string>(v => v.Value, s => ResidenceCardNumber.Parse(s));

    private sealed class BasicPensionNumberConverter() : ValueConverter<BasicPensionNumber, string>(v => v.Digits, s => BasicPensionNumber.Parse(s));

    private sealed class RelationshipConverter() : ValueConverter<Relationship, string>(v => v.Text, s => Relationship.Parse(s));

    private sealed class RecordedDateConverter() : ValueConverter<RecordedDate, long>(v => Encode(v), v => Decode(v));

    private sealed class LocalDateConverter() : ValueConverter<LocalDate, int>(v => ToKey(v), v => FromKey(v));

    private sealed class YearMonthConverter() : ValueConverter<YearMonth, int>(v => v.Year * 100 + v.Month, v => new YearMonth(v / 100, v % 100));

    private sealed class InstantConverter() : ValueConverter<Instant, DateTime>(
        v => v.ToDateTimeUtc(),
        v => Instant.FromDateTimeUtc(DateTime.SpecifyKind(v, DateTimeKind.Utc)));
}
