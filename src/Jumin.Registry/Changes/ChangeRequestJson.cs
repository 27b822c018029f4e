using System.Text.Json;
using System.Text.Json.Serialization;
using Jumin.Domain.Changes;
using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;
using Jumin.Registry.Persistence;
using Jumin.Storage.Security;
using NodaTime;
using NodaTime.Text;

namespace Jumin.Registry.Changes;

/// <summary>
/// How a 仮登録's request is stored: JSON whose identifiers go through their own parsers on the
/// way back, and whose 個人番号 is stored encrypted like everywhere else in the database.
/// </summary>
internal sealed class ChangeRequestJson
{
    private readonly JsonSerializerOptions options;

    public ChangeRequestJson(IndividualNumberProtector protector)
    {
        options = new JsonSerializerOptions
        {
            Converters =
            {
                new TextConverter<AtenaNumber>(v => v.Value, AtenaNumber.Parse),
                new TextConverter<HouseholdNumber>(v => v.Value, HouseholdNumber.Parse),
                new TextConverter<ResidentCode>(v => v.Value, ResidentCode.Parse),
                new TextConverter<ResidenceCardNumber>(v => v.Value, ResidenceCardNumber.Parse),
                new TextConverter<AddressCode>(v => v.Value, AddressCode.Parse),
                new TextConverter<PostalCode>(v => v.Digits, PostalCode.Parse),
                new TextConverter<Relationship>(v => v.Text, Relationship.Parse),
                new TextConverter<RecordedDate>(v => ValueConversions.Encode(v).ToString(System.Globalization.CultureInfo.InvariantCulture), s => ValueConversions.Decode(long.Parse(s, System.Globalization.CultureInfo.InvariantCulture))),
                new TextConverter<LocalDate>(v => LocalDatePattern.Iso.Format(v), s => LocalDatePattern.Iso.Parse(s).Value),
                new TextConverter<IndividualNumber>(v => Convert.ToBase64String(protector.Encrypt(v.Digits)), s => IndividualNumber.Parse(protector.Decrypt(Convert.FromBase64String(s)))),
                new JsonStringEnumConverter(),
            },
        };
    }

    public string Serialize(ChangeRequest request) => JsonSerializer.Serialize(request, options);

    public string Serialize(IReadOnlyList<HouseholdHeadNotice> notices) => JsonSerializer.Serialize(notices, options);

    public IReadOnlyList<HouseholdHeadNotice> DeserializeNotices(string json) =>
        JsonSerializer.Deserialize<List<HouseholdHeadNotice>>(json, options) ?? [];

    public ChangeRequest Deserialize(string json) =>
        JsonSerializer.Deserialize<ChangeRequest>(json, options) ?? throw new InvalidDataException("異動の入力内容を読めません。");

    private sealed class TextConverter<T>(Func<T, string> write, Func<string, T> read) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            read(reader.GetString() ?? throw new JsonException($"{typeof(T).Name} is null"));

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(write(value));
    }
}
