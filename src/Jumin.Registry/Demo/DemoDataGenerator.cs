using System.Globalization;
using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;
using NodaTime;

namespace Jumin.Registry.Demo;

/// <summary>
/// Generates a synthetic municipality: households of plausible shape (単身, 夫婦, 夫婦と子, ひとり親,
/// 三世代), Japanese names with readings, some 外国人住民, some 消除者 (転出・死亡), some 転居 and
/// name changes so that past names and addresses exist. Deterministic for a given seed. Nothing in
/// it is real personal data.
/// </summary>
public sealed class DemoDataGenerator(int seed, LocalDate today, Instant now)
{
    private const string Place = "本庁 市民課";
    private const string Terminal = "DEMO-SEED";
    private const string OperatorId = "batch:demo";
    private readonly Random random = new(seed);

    /// <summary>Generates households until at least <paramref name="residents"/> people exist. Each household is its members' histories.</summary>
    public IEnumerable<IReadOnlyList<IReadOnlyList<ResidentRecord>>> Households(int residents, Func<AtenaNumber> nextAtena, Func<HouseholdNumber> nextHousehold)
    {
        var made = 0;
        while (made < residents)
        {
            var household = random.NextDouble() < 0.025 ? ForeignHousehold(nextAtena, nextHousehold()) : JapaneseHousehold(nextAtena, nextHousehold());
            made += household.Count;
            yield return household;
        }
    }

    private List<IReadOnlyList<ResidentRecord>> JapaneseHousehold(Func<AtenaNumber> nextAtena, HouseholdNumber household)
    {
        var (surname, surnameKana) = Pick(DemoNames.Surnames);
        var town = Pick(DemoMunicipality.Towns);
        var banchi = Banchi(town);
        var katagaki = random.NextDouble() < 0.3 ? $"{Pick(DemoNames.Buildings)}　{random.Next(1, 5)}0{random.Next(1, 9)}号室" : null;
        var movedIn = today.PlusDays(-random.Next(30, 365 * 40));
        var shape = random.NextDouble();
        var members = new List<(string Relationship, Sex Sex, LocalDate Birth)>();
        var headSex = random.NextDouble() < 0.8 ? Sex.Male : Sex.Female;
        var headAge = shape < 0.35 ? random.Next(19, 92) : random.Next(25, 80);
        var headBirth = BirthFor(headAge);
        members.Add(("世帯主", headSex, headBirth));
        if (shape >= 0.35 && shape < 0.95)
        {
            members.Add((headSex == Sex.Male ? "妻" : "夫", headSex == Sex.Male ? Sex.Female : Sex.Male, BirthFor(Math.Clamp(headAge + random.Next(-5, 4), 20, 95))));
        }
        if (shape >= 0.60 && headAge < 65)
        {
            var children = random.Next(1, 4);
            for (var i = 0; i < children; i++)
            {
                var childAge = Math.Max(0, headAge - random.Next(24, 40));
                members.Add(("子", random.NextDouble() < 0.5 ? Sex.Male : Sex.Female, BirthFor(childAge)));
            }
        }
        if (shape >= 0.95 && headAge < 60)
        {
            members.Add(("母", Sex.Female, BirthFor(Math.Min(99, headAge + random.Next(25, 35)))));
        }

        var head = nextAtena();
        var headName = $"{surname}　{Given(headSex).Kanji}";
        var result = new List<IReadOnlyList<ResidentRecord>>();
        for (var i = 0; i < members.Count; i++)
        {
            var (relationship, sex, birth) = members[i];
            var atena = i == 0 ? head : nextAtena();
            var given = i == 0 ? (headName.Split('　')[1], GivenKanaOf(headName.Split('　')[1], sex)) : Given(sex);
            var arrived = birth > movedIn ? birth : movedIn;
            var born = birth > movedIn;
            var first = new ResidentRecord
            {
                AtenaNumber = atena,
                HistoryNumber = 1,
                ChangeReason = born ? ChangeReason.Birth : ChangeReason.DomesticMoveIn,
                ChangeDate = RecordedDate.FromLocalDate(arrived),
                ProcessedAt = ProcessedOn(arrived),
                NotificationDate = arrived.PlusDays(random.Next(0, 14)),
                InputPlace = Place,
                InputTerminal = Terminal,
                OperatorId = OperatorId,
                Kind = ResidentKind.Japanese,
                Status = ResidentStatus.Resident,
                FamilyName = surname,
                GivenName = given.Item1,
                FamilyNameKana = surnameKana,
                GivenNameKana = given.Item2,
                NameKanaConfirmed = random.NextDouble() < 0.7,
                BirthDate = RecordedDate.FromLocalDate(birth),
                Sex = sex,
                HouseholdNumber = household,
                HouseholdHeadAtenaNumber = head,
                HouseholdHeadName = headName,
                Relationship = Relationship.Parse(relationship),
                MemberOrder = i + 1,
                AddressCode = DemoMunicipality.AddressCodeOf(town),
                PostalCode = PostalCode.Parse(town.PostalCode),
                Address = DemoMunicipality.AddressOf(town),
                Banchi = banchi,
                Katagaki = katagaki,
                AddressEstablishedOn = RecordedDate.FromLocalDate(arrived),
                BecameResidentOn = RecordedDate.FromLocalDate(arrived),
                PreviousAddress = born ? null : Pick(DemoNames.OtherMunicipalities) + $"{random.Next(1, 30)}番{random.Next(1, 20)}号",
                PreviousPostalCode = born ? null : PostalCode.Parse($"{random.Next(10, 99)}{random.Next(0, 99999):D5}"),
                PreviousHouseholdHeadName = born ? null : headName,
                DomicileStatus = DomicileStatus.Recorded,
                Domicile = Pick(DemoNames.Domiciles),
                HeadOfFamilyRegister = i == 0 || relationship is "妻" or "夫" or "子" ? headName : $"{surname}　{Given(Sex.Male).Kanji}",
                ResidentCode = NewResidentCode(),
                IndividualNumber = NewIndividualNumber(),
                CardIssuanceStatus = random.NextDouble() < 0.75 ? "個人番号カード交付済" : null,
            };
            first = WithIndividualMatters(first, birth);
            result.Add(Lifecycle(first, relationship));
        }
        return result;
    }

    private List<IReadOnlyList<ResidentRecord>> ForeignHousehold(Func<AtenaNumber> nextAtena, HouseholdNumber household)
    {
        var person = Pick(DemoNames.Foreign);
        var town = Pick(DemoMunicipality.Towns);
        var arrived = today.PlusDays(-random.Next(30, 365 * 15));
        var age = random.Next(19, 60);
        var birth = BirthFor(age);
        var special = person.Nationality == "韓国" && random.NextDouble() < 0.5;
        var status = special ? ("特別永住者", "", 0) : Pick(DemoNames.ResidenceStatuses);
        var atena = nextAtena();
        var kanji = person.Kanji?.Split('　');
        var alphabet = $"{person.Family} {person.Given}";
        var record = new ResidentRecord
        {
            AtenaNumber = atena,
            HistoryNumber = 1,
            ChangeReason = ChangeReason.MoveInFromAbroad,
            ChangeDate = RecordedDate.FromLocalDate(arrived),
            ProcessedAt = ProcessedOn(arrived),
            NotificationDate = arrived.PlusDays(random.Next(0, 14)),
            InputPlace = Place,
            InputTerminal = Terminal,
            OperatorId = OperatorId,
            Kind = ResidentKind.Foreign,
            Status = ResidentStatus.Resident,
            FamilyName = kanji?[0] ?? string.Empty,
            GivenName = kanji?[1] ?? alphabet,
            FamilyNameKana = person.FamilyKana,
            GivenNameKana = person.GivenKana.Replace("　", "", StringComparison.Ordinal),
            AlphabetName = alphabet,
            BirthDate = RecordedDate.FromLocalDate(birth),
            Sex = person.Male ? Sex.Male : Sex.Female,
            HouseholdNumber = household,
            HouseholdHeadAtenaNumber = atena,
            HouseholdHeadName = kanji is null ? alphabet : person.Kanji,
            Relationship = Relationship.Head,
            MemberOrder = 1,
            AddressCode = DemoMunicipality.AddressCodeOf(town),
            PostalCode = PostalCode.Parse(town.PostalCode),
            Address = DemoMunicipality.AddressOf(town),
            Banchi = Banchi(town),
            Katagaki = $"{Pick(DemoNames.Buildings)}　{random.Next(1, 4)}0{random.Next(1, 9)}号室",
            AddressEstablishedOn = RecordedDate.FromLocalDate(arrived),
            BecameForeignResidentOn = RecordedDate.FromLocalDate(arrived),
            PreviousAddress = person.Nationality,
            DomicileStatus = DomicileStatus.NotApplicable,
            ResidentCode = NewResidentCode(),
            IndividualNumber = NewIndividualNumber(),
            CardIssuanceStatus = random.NextDouble() < 0.6 ? "個人番号カード交付済" : null,
            ResidenceNotified = true,
            Nationality = person.Nationality,
            Article3045Category = special ? Article3045Category.SpecialPermanentResident : Article3045Category.MidToLongTermResident,
            StatusOfResidence = special ? null : status.Item1,
            PeriodOfStay = special || status.Item3 == 0 ? null : status.Item2,
            PeriodOfStayExpiresOn = special || status.Item3 == 0 ? null : today.PlusDays(random.Next(30, 365 * status.Item3)),
            ResidenceCardNumber = ResidenceCardNumber.Parse($"{Letters(2)}{random.Next(0, 100_000_000):D8}{Letters(2)}"),
            Alias = kanji is null && random.NextDouble() < 0.2 ? "山田　マリア" : null,
            AliasKana = null,
        };
        record = WithIndividualMatters(record, birth);
        if (record.Alias is not null)
        {
            record = record with { AliasKana = "ヤマダ　マリア", AliasRecordedOn = arrived.PlusDays(30), AliasRecordedBy = DemoMunicipality.Code };
        }
        return [Lifecycle(record, "世帯主")];
    }

    /// <summary>What happened to a person after the first row: 転居, name change, 転出 or 死亡.</summary>
    private List<ResidentRecord> Lifecycle(ResidentRecord first, string relationship)
    {
        var rows = new List<ResidentRecord> { first };
        var current = first;
        var since = current.ChangeDate.ToLocalDate()!.Value;
        var span = Period.Between(since, today, PeriodUnits.Days).Days;
        if (span > 60 && relationship == "妻" && current.Kind == ResidentKind.Japanese && random.NextDouble() < 0.3)
        {
            // Married while registered here: the maiden name stays searchable in history (j340).
            var maiden = Pick(DemoNames.Surnames);
            rows[0] = current = current with { FamilyName = maiden.Kanji, FamilyNameKana = maiden.Kana };
            var married = since.PlusDays(random.Next(1, span / 2));
            current = current.Next(ChangeReason.ExOfficioCorrection, RecordedDate.FromLocalDate(married), ProcessedOn(married), Place, Terminal, OperatorId, r => r with
            {
                FamilyName = first.FamilyName,
                FamilyNameKana = first.FamilyNameKana,
                ChangeNote = "婚姻により氏変更",
                FormerSurname = random.NextDouble() < 0.3 ? maiden.Kanji : null,
            });
            if (current.FormerSurname is not null)
            {
                current = current with { FormerSurnameKana = maiden.Kana };
            }
            rows.Add(current);
            since = married;
        }
        var roll = random.NextDouble();
        span = Period.Between(since, today, PeriodUnits.Days).Days;
        if (span > 30 && roll < 0.04)
        {
            var outDate = since.PlusDays(random.Next(1, span));
            var destination = Pick(DemoNames.OtherMunicipalities) + $"{random.Next(1, 30)}番{random.Next(1, 20)}号";
            rows.Add(current.Next(ChangeReason.DomesticMoveOut, RecordedDate.FromLocalDate(outDate), ProcessedOn(outDate), Place, Terminal, OperatorId, r => r with
            {
                Status = ResidentStatus.MovedOut,
                RemovalReason = ChangeReason.DomesticMoveOut,
                RemovalDate = RecordedDate.FromLocalDate(outDate),
                NotificationDate = outDate.PlusDays(-random.Next(0, 14)),
                PlannedMoveOutDate = outDate,
                PlannedDestination = destination,
                ConfirmedMoveOutDate = outDate,
                ConfirmedDestination = destination,
                MoveInNoticeDate = outDate.PlusDays(random.Next(3, 20)) is var notice && notice < today ? notice : null,
                OnElectoralRegister = false,
            }));
        }
        else if (span > 30 && roll < 0.04 + (current.BirthDate.SortKey < (today.Year - 75) * 10000 ? 0.15 : 0.005))
        {
            var died = since.PlusDays(random.Next(1, span));
            rows.Add(current.Next(ChangeReason.Death, RecordedDate.FromLocalDate(died), ProcessedOn(died), Place, Terminal, OperatorId, r => r with
            {
                Status = ResidentStatus.Deceased,
                RemovalReason = ChangeReason.Death,
                RemovalDate = RecordedDate.FromLocalDate(died),
                NotificationDate = died.PlusDays(random.Next(0, 7)),
                OnElectoralRegister = false,
            }));
        }
        else if (span > 30 && roll < 0.3 && relationship == "世帯主")
        {
            // Moved within the city: the old address stays searchable (j340).
            var moved = since.PlusDays(random.Next(1, span));
            var town = Pick(DemoMunicipality.Towns);
            rows.Add(current.Next(ChangeReason.Relocation, RecordedDate.FromLocalDate(moved), ProcessedOn(moved), Place, Terminal, OperatorId, r => r with
            {
                NotificationDate = moved.PlusDays(random.Next(0, 14)),
                AddressCode = DemoMunicipality.AddressCodeOf(town),
                PostalCode = PostalCode.Parse(town.PostalCode),
                Address = DemoMunicipality.AddressOf(town),
                Banchi = Banchi(town),
                Katagaki = null,
                AddressEstablishedOn = RecordedDate.FromLocalDate(moved),
            }));
        }
        return rows;
    }

    private ResidentRecord WithIndividualMatters(ResidentRecord r, LocalDate birth)
    {
        var age = Period.Between(birth, today, PeriodUnits.Years).Years;
        var since = r.BecameResidentOn?.ToLocalDate() ?? r.BecameForeignResidentOn?.ToLocalDate() ?? today;
        var nhi = age < 75 && random.NextDouble() < 0.25;
        var pensionable = age is >= 20 and < 60;
        return r with
        {
            OnElectoralRegister = r.Kind == ResidentKind.Japanese && age >= 18,
            NationalHealthInsurance = nhi,
            NationalHealthInsuranceFrom = nhi ? Later(since, birth) : null,
            LateStageElderlyInsurance = age >= 75,
            LateStageElderlyInsuranceFrom = age >= 75 ? Later(since, birth.PlusYears(75)) : null,
            LongTermCareInsurance = age >= 65,
            LongTermCareInsuranceFrom = age >= 65 ? Later(since, birth.PlusYears(65)) : null,
            NationalPension = pensionable,
            BasicPensionNumber = pensionable ? BasicPensionNumber.Parse($"{random.Next(1000, 9999)}{random.Next(0, 1_000_000):D6}") : null,
            PensionCategory = pensionable ? (random.NextDouble() < 0.6 ? PensionCategory.Category1 : PensionCategory.Category3) : null,
            NationalPensionFrom = pensionable ? Later(since, birth.PlusYears(20)) : null,
            ChildAllowanceFrom = age < 15 ? new YearMonth(Later(since, birth).Year, Later(since, birth).Month) : null,
        };
    }

    private static LocalDate Later(LocalDate a, LocalDate b) => a > b ? a : b;

    private LocalDate BirthFor(int age) => today.PlusYears(-age).PlusDays(-random.Next(0, 365));

    private Instant ProcessedOn(LocalDate day)
    {
        var at = day.At(new LocalTime(9, 0)).PlusMinutes(random.Next(0, 480)).InUtc().ToInstant().Minus(Duration.FromHours(9));
        return at > now ? now : at;
    }

    private (string Kanji, string Kana) Given(Sex sex) => Pick(sex == Sex.Male ? DemoNames.MaleGivenNames : DemoNames.FemaleGivenNames);

    private static string GivenKanaOf(string kanji, Sex sex) =>
        (sex == Sex.Male ? DemoNames.MaleGivenNames : DemoNames.FemaleGivenNames).First(n => n.Kanji == kanji).Kana;

    private string Banchi(DemoTown town) => town.ResidenceIndication
        ? $"{ToWide(random.Next(1, 30))}番{ToWide(random.Next(1, 25))}号"
        : $"{ToWide(random.Next(1, 999))}番地{(random.NextDouble() < 0.4 ? "" : ToWide(random.Next(1, 20)))}";

    private static string ToWide(int n) =>
        string.Concat(n.ToString(CultureInfo.InvariantCulture).Select(c => (char)('０' + (c - '0'))));

    private ResidentCode NewResidentCode() => ResidentCode.Parse($"{random.Next(1, 100_000):D5}{random.Next(0, 1_000_000):D6}");

    private IndividualNumber NewIndividualNumber() => IndividualNumber.FromLeadingDigits($"{random.Next(1, 100_000):D5}{random.Next(0, 1_000_000):D6}");

    private string Letters(int count) => new([.. Enumerable.Range(0, count).Select(_ => (char)('A' + random.Next(0, 26)))]);

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
