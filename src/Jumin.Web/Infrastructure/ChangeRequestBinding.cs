using Jumin.Web.Contracts;
using System.Diagnostics.CodeAnalysis;
using Jumin.Domain;
using Jumin.Domain.Changes;
using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;
using NodaTime;

namespace Jumin.Web.Infrastructure;

/// <summary>
/// Turns what the counter screen or an API client sent into a <see cref="ChangeRequest"/>. Every
/// item that does not parse is reported with its field name, Japanese label and rule; the request
/// is built only when all of them parse.
/// </summary>
public sealed class ChangeRequestBinding(JapaneseDateParser dates)
{
    private const string NewPrefix = "new:";

    public ChangeRequest? Bind(ChangeKind kind, ChangeRequestDto dto, LocalDate today, List<FieldValidationException> errors)
    {
        var basis = dto.Basis?.Trim().ToLowerInvariant() switch
        {
            null or "" => kind is ChangeKind.Birth or ChangeKind.Death or ChangeKind.Naturalisation or ChangeKind.NationalityAcquisition ? ChangeBasis.FamilyRegisterNotice
                : kind is ChangeKind.MoveInNotice or ChangeKind.ExOfficioEntry or ChangeKind.ExOfficioRemoval or ChangeKind.Disappearance or ChangeKind.Correction
                    or ChangeKind.ImmigrationNotice or ChangeKind.Cancellation ? ChangeBasis.ExOfficio : ChangeBasis.Notification,
            "notification" or "届出" => ChangeBasis.Notification,
            "ex-officio" or "職権" => ChangeBasis.ExOfficio,
            "application" or "申出" => ChangeBasis.Application,
            "family-register-notice" or "戸籍届出・通知" => ChangeBasis.FamilyRegisterNotice,
            _ => Fail<ChangeBasis>(errors, "basis", "届出・職権の別", "value", "届出・職権の別は notification（届出）・ex-officio（職権）・application（申出）・family-register-notice（戸籍届出・通知）のいずれかです。"),
        };
        var uncertain = kind is ChangeKind.Birth or ChangeKind.Death or ChangeKind.Disappearance;
        var changeDate = Date(dto.ChangeDate, "changeDate", "異動日", uncertain ? DateRule.MayBeUncertain : DateRule.CalendarDay, errors, required: kind != ChangeKind.Birth);
        LocalDate? notificationDate = basis == ChangeBasis.ExOfficio ? null : Day(dto.NotificationDate, "notificationDate", basis.DateLabel(), errors) ?? today;

        var newPeople = new List<NewPerson>();
        var placeholders = new List<AtenaNumber>();
        foreach (var (p, i) in (dto.NewPersons ?? []).Select((p, i) => (p, i)))
        {
            var items = Items(p, $"newPersons[{i}]", errors);
            var placeholder = ChangeRequest.NewPersonPlaceholder(i);
            placeholders.Add(placeholder);
            if (items is not null)
            {
                newPeople.Add(new(placeholder, items));
            }
        }
        // 出生: the 異動日 is the 生年月日 when only one of them is given.
        if (kind == ChangeKind.Birth && changeDate is null && newPeople.Count > 0 && newPeople[0].Items.BirthDate is { } born)
        {
            changeDate = born;
        }
        else if (kind == ChangeKind.Birth && changeDate is null)
        {
            errors.Add(new("changeDate", "異動日", new("required", "出生の異動日（生年月日）を入力してください。")));
        }
        AtenaNumber? Person(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            text = text.Trim();
            if (text.StartsWith(NewPrefix, StringComparison.Ordinal))
            {
                if (int.TryParse(text[NewPrefix.Length..], System.Globalization.CultureInfo.InvariantCulture, out var index) && index >= 0 && index < placeholders.Count)
                {
                    return placeholders[index];
                }
                errors.Add(new(field, "異動者", new("new-person", $"「{text}」に当たる新しい異動者がいません（new:0 から new:{placeholders.Count - 1}）。")));
                return null;
            }
            return Parse<AtenaNumber>(text, field, "宛名番号", AtenaNumber.TryParse, errors);
        }

        var movers = (dto.Movers ?? []).Select((m, i) => Parse<AtenaNumber>(m, $"movers[{i}]", "異動者の宛名番号", AtenaNumber.TryParse, errors)).OfType<AtenaNumber>().ToList();
        var relationships = new List<RelationshipInput>();
        foreach (var (r, i) in (dto.Relationships ?? []).Select((r, i) => (r, i)))
        {
            var person = Person(r.Person, $"relationships[{i}].person");
            var relationship = Parse<Relationship>(r.Relationship, $"relationships[{i}].relationship", Relationship.Label, Relationship.TryParse, errors);
            if (person is not null && relationship is not null)
            {
                relationships.Add(new(person, relationship));
            }
        }
        var corrections = new List<PersonCorrection>();
        foreach (var (c, i) in (dto.Corrections ?? []).Select((c, i) => (c, i)))
        {
            var person = Person(c.Person, $"corrections[{i}].person");
            var items = c.Items is null ? null : Items(c.Items, $"corrections[{i}].items", errors);
            if (person is not null && items is not null)
            {
                corrections.Add(new(person, items));
            }
        }
        var joinHousehold = string.IsNullOrWhiteSpace(dto.JoinHousehold) ? null : Parse<HouseholdNumber>(dto.JoinHousehold, "joinHousehold", "異動先世帯の世帯番号", HouseholdNumber.TryParse, errors);
        var newHead = Person(dto.NewHead, "newHead");
        ChangeReason? reason = null;
        if (dto.Reason is { } code)
        {
            if (ChangeReasons.IsDefined(code))
            {
                reason = (ChangeReason)code;
            }
            else
            {
                errors.Add(new("reason", "異動事由", new("value", $"異動事由コード{code}は j210 の異動事由にありません。")));
            }
        }
        var address = dto.NewAddress is null ? null : Address(dto.NewAddress, "newAddress", errors);
        var previous = dto.PreviousAddress is null || string.IsNullOrWhiteSpace(dto.PreviousAddress.Address) ? null : new PreviousAddressInput(
            dto.PreviousAddress.Address.Trim(),
            Optional<PostalCode>(dto.PreviousAddress.PostalCode, "previousAddress.postalCode", "転入前住所の郵便番号", PostalCode.TryParse, errors),
            Optional<AddressCode>(dto.PreviousAddress.AddressCode, "previousAddress.addressCode", "転入前住所の住所コード", AddressCode.TryParse, errors),
            dto.PreviousAddress.HouseholdHeadName,
            dto.PreviousAddress.Unregistered,
            dto.PreviousAddress.LastRegisteredAddress);
        var destination = dto.Destination is null || string.IsNullOrWhiteSpace(dto.Destination.Address) ? null : new DestinationInput(
            dto.Destination.Address.Trim(),
            Optional<PostalCode>(dto.Destination.PostalCode, "destination.postalCode", "転出先の郵便番号", PostalCode.TryParse, errors),
            Optional<AddressCode>(dto.Destination.AddressCode, "destination.addressCode", "転出先の住所コード", AddressCode.TryParse, errors),
            dto.Destination.HouseholdHeadName,
            Day(dto.Destination.ConfirmedMoveOutDate, "destination.confirmedMoveOutDate", "転出年月日（確定）", errors));
        var moveInNoticeDate = Day(dto.MoveInNoticeDate, "moveInNoticeDate", "転入通知日", errors);
        errors.AddRange(TextItems.Failures([(dto.Note, TextItems.Note), (dto.NotifierName, TextItems.NotifierName)], ""));
        if (dto.PreviousAddress is { } from)
        {
            errors.AddRange(TextItems.Failures([(from.Address, TextItems.OtherAddress), (from.HouseholdHeadName, TextItems.HouseholdHeadName), (from.LastRegisteredAddress, TextItems.OtherAddress with { Field = "lastRegisteredAddress" })], "previousAddress"));
        }
        if (dto.Destination is { } to)
        {
            errors.AddRange(TextItems.Failures([(to.Address, TextItems.OtherAddress), (to.HouseholdHeadName, TextItems.HouseholdHeadName)], "destination"));
        }
        foreach (var (alert, i) in (dto.AcknowledgedAlerts ?? []).Select((c, i) => (c, i)))
        {
            if (!FindingCatalogue.IsAlert(alert))
            {
                errors.Add(new($"acknowledgedAlerts[{i}]", "確認済みのアラート", new("unknown-alert", $"「{alert}」はアラートのコードではありません（{string.Join("・", FindingCatalogue.All.Where(r => r.Severity == FindingSeverity.Alert).Select(r => r.Code))}）。エラーは確認では通せません。")));
            }
        }

        if (errors.Count > 0 || changeDate is null)
        {
            return null;
        }
        return new ChangeRequest
        {
            Kind = kind,
            Basis = basis,
            ChangeDate = changeDate,
            NotificationDate = notificationDate,
            Movers = movers,
            NewPersons = newPeople,
            NewAddress = address,
            PreviousAddress = previous,
            Destination = destination,
            JoinHousehold = joinHousehold,
            // A new 世帯 gets its 世帯番号 on 仮登録; this one only says "new".
            NewHouseholdNumber = joinHousehold is null && newHead is not null && kind != ChangeKind.HouseholdHeadChange ? ChangeRequest.NewHouseholdPlaceholder : null,
            NewHead = newHead,
            Relationships = relationships,
            Corrections = corrections,
            Reason = reason,
            MoveInNoticeDate = moveInNoticeDate,
            RemoveFromRegister = dto.RemoveFromRegister,
            CancelsChange = dto.CancelsChange,
            Note = dto.Note,
            NotifierName = dto.NotifierName,
        };
    }

    private PersonItems? Items(PersonItemsDto p, string prefix, List<FieldValidationException> errors)
    {
        var before = errors.Count;
        ResidentKind? kind = p.Kind?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "japanese" or "日本人" or "1" => ResidentKind.Japanese,
            "foreign" or "外国人" or "2" => ResidentKind.Foreign,
            _ => Fail<ResidentKind?>(errors, $"{prefix}.kind", "住民種別", "value", "住民種別は japanese（日本人）または foreign（外国人）です。"),
        };
        Sex? sex = p.Sex?.Trim() switch
        {
            null or "" => null,
            "1" or "男" or "male" => Domain.Residents.Sex.Male,
            "2" or "女" or "female" => Domain.Residents.Sex.Female,
            _ => Fail<Sex?>(errors, $"{prefix}.sex", "性別", "value", "性別は 1（男）または 2（女）です。"),
        };
        DomicileStatus? domicileStatus = p.DomicileStatus?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "recorded" => Domain.Residents.DomicileStatus.Recorded,
            "none" or "なし" => Domain.Residents.DomicileStatus.None,
            "unknown" or "不明" => Domain.Residents.DomicileStatus.Unknown,
            _ => Fail<DomicileStatus?>(errors, $"{prefix}.domicileStatus", "本籍の記載", "value", "本籍の記載は recorded・none（なし）・unknown（不明）のいずれかです。"),
        };
        Article3045Category? category = null;
        if (p.Article3045Category is { } c)
        {
            if (Enum.IsDefined((Article3045Category)c))
            {
                category = (Article3045Category)c;
            }
            else
            {
                errors.Add(new($"{prefix}.article3045Category", "法第30条の45の区分", new("value", "法第30条の45の区分は1～6です。")));
            }
        }
        var birth = Date(p.BirthDate, $"{prefix}.birthDate", "生年月日", DateRule.MayBeUncertain, errors, required: false);
        var expires = Day(p.PeriodOfStayExpiresOn, $"{prefix}.periodOfStayExpiresOn", "在留期間の満了の日", errors);
        var card = Optional<ResidenceCardNumber>(p.ResidenceCardNumber, $"{prefix}.residenceCardNumber", "在留カード等番号", ResidenceCardNumber.TryParse, errors);
        var code = Optional<ResidentCode>(p.ResidentCode, $"{prefix}.residentCode", "住民票コード", ResidentCode.TryParse, errors);
        var number = Optional<IndividualNumber>(p.IndividualNumber, $"{prefix}.individualNumber", IndividualNumber.Label, IndividualNumber.TryParse, errors);
        if (errors.Count > before)
        {
            return null;
        }
        var items = new PersonItems
        {
            Kind = kind,
            FamilyName = p.FamilyName,
            GivenName = p.GivenName,
            FamilyNameKana = p.FamilyNameKana,
            GivenNameKana = p.GivenNameKana,
            NameKanaConfirmed = p.NameKanaConfirmed,
            AlphabetName = p.AlphabetName,
            BirthDate = birth,
            Sex = sex,
            DomicileStatus = domicileStatus,
            Domicile = p.Domicile,
            HeadOfFamilyRegister = p.HeadOfFamilyRegister,
            FormerSurname = p.FormerSurname,
            FormerSurnameKana = p.FormerSurnameKana,
            Alias = p.Alias,
            AliasKana = p.AliasKana,
            Nationality = p.Nationality,
            Article3045Category = category,
            StatusOfResidence = p.StatusOfResidence,
            PeriodOfStay = p.PeriodOfStay,
            PeriodOfStayExpiresOn = expires,
            ResidenceCardNumber = card,
            ResidentCode = code,
            IndividualNumber = number,
            Katagaki = p.Katagaki,
            Remarks = p.Remarks,
            DeFactoHouseholdHeadName = p.DeFactoHouseholdHeadName,
        };
        var textErrors = items.TextFailures(prefix).ToList();
        errors.AddRange(textErrors);
        return textErrors.Count == 0 ? items : null;
    }

    private static AddressInput? Address(AddressDto a, string prefix, List<FieldValidationException> errors)
    {
        var code = Parse<AddressCode>(a.AddressCode, $"{prefix}.addressCode", "住所コード", AddressCode.TryParse, errors);
        var postal = Parse<PostalCode>(a.PostalCode, $"{prefix}.postalCode", "郵便番号", PostalCode.TryParse, errors);
        if (string.IsNullOrWhiteSpace(a.Address))
        {
            errors.Add(new($"{prefix}.address", "住所", new("required", "住所（町字まで）を入力してください。")));
        }
        if (string.IsNullOrWhiteSpace(a.Banchi))
        {
            errors.Add(new($"{prefix}.banchi", "番地", new("required", "番地を入力してください。")));
        }
        var textErrors = TextItems.Failures([(a.Address, TextItems.Address), (a.Banchi, TextItems.Banchi), (a.Katagaki, TextItems.Katagaki), (a.DistrictCode, TextItems.DistrictCode)], prefix).ToList();
        errors.AddRange(textErrors);
        return code is null || postal is null || string.IsNullOrWhiteSpace(a.Address) || string.IsNullOrWhiteSpace(a.Banchi) || textErrors.Count > 0
            ? null
            : new AddressInput(code, postal, a.Address, a.Banchi, a.Katagaki, a.DistrictCode);
    }

    private RecordedDate? Date(string? text, string field, string label, DateRule rule, List<FieldValidationException> errors, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors.Add(new(field, label, new("required", $"{label}を入力してください。")));
            }
            return null;
        }
        if (dates.TryParse(text, rule, out var date, out var error))
        {
            return date;
        }
        errors.Add(new(field, label, error));
        return null;
    }

    private LocalDate? Day(string? text, string field, string label, List<FieldValidationException> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (dates.TryParseDay(text, out var day, out var error))
        {
            return day;
        }
        errors.Add(new(field, label, error));
        return null;
    }

    private delegate bool TryParser<T>(string? input, [NotNullWhen(true)] out T? value, [NotNullWhen(false)] out ValidationError? error);

    private static T? Parse<T>(string? text, string field, string label, TryParser<T> parse, List<FieldValidationException> errors) where T : class
    {
        if (parse(text, out var value, out var error))
        {
            return value;
        }
        errors.Add(new(field, label, error));
        return null;
    }

    private static T? Optional<T>(string? text, string field, string label, TryParser<T> parse, List<FieldValidationException> errors) where T : class =>
        string.IsNullOrWhiteSpace(text) ? null : Parse(text, field, label, parse, errors);

    private static T Fail<T>(List<FieldValidationException> errors, string field, string label, string rule, string message)
    {
        errors.Add(new(field, label, new(rule, message)));
        return default!;
    }
}
