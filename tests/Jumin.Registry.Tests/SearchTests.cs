using Jumin.Domain.Audit;
using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;
using Jumin.Registry.Audit;
using Jumin.Registry.Residents;
using Jumin.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Jumin.Registry.Tests;

/// <summary>
/// 基本検索 (j320–j340) against a demo register plus a few people whose every detail the test knows.
/// </summary>
public abstract class SearchTests(DemoRegisterFixture fixture) : IAsyncLifetime
{
    private const long Base = 900_000;
    private static readonly IndividualNumber WatanabesNumber = IndividualNumber.Parse("123456789018");

    private TestRegistry Registry => fixture.Registry;

    private ResidentRecord watanabe = null!;
    private ResidentRecord ota = null!;
    private ResidentRecord kinoshita = null!;
    private ResidentRecord deceased = null!;

    public async Task InitializeAsync()
    {
        watanabe = Samples.Person(Base + 1, Base + 1, "渡邉", "太郎", "ワタナベ", "タロウ", new LocalDate(1975, 4, 1)) with
        {
            IndividualNumber = WatanabesNumber,
            ResidentCode = ResidentCode.Parse("98765432109"),
            Katagaki = "コーポ緑　１０１号室",
        };
        ota = Samples.Person(Base + 10, Base + 10, "太田", "ヴィクトル", "オオタ", "ヴィクトル", new LocalDate(1990, 6, 15));
        var firstKinoshita = Samples.Person(Base + 20, Base + 20, "佐々木", "花子", "ササキ", "ハナコ", new LocalDate(1988, 2, 29)) with
        {
            Sex = Sex.Female,
            Banchi = "２番３号",
        };
        var married = firstKinoshita.Next(ChangeReason.ExOfficioCorrection, RecordedDate.FromLocalDate(new LocalDate(2022, 5, 1)), Instant.FromUtc(2022, 5, 2, 0, 0), "本庁", "TEST", "test",
            r => r with { FamilyName = "木下", FamilyNameKana = "キノシタ", HouseholdHeadName = "木下　花子" });
        kinoshita = married.Next(ChangeReason.Relocation, RecordedDate.FromLocalDate(new LocalDate(2023, 7, 1)), Instant.FromUtc(2023, 7, 3, 0, 0), "本庁", "TEST", "test",
            r => r with { Address = "岩手県みどり市若葉町", AddressCode = AddressCode.Parse("03299005000"), Banchi = "９番", NotificationDate = new LocalDate(2023, 7, 3) });
        var alive = Samples.Person(Base + 30, Base + 30, "消除", "次郎", "ショウジョ", "ジロウ", new LocalDate(1930, 1, 1));
        deceased = alive.Next(ChangeReason.Death, RecordedDate.FromLocalDate(new LocalDate(2024, 1, 10)), Instant.FromUtc(2024, 1, 11, 0, 0), "本庁", "TEST", "test",
            r => r with { Status = ResidentStatus.Deceased, RemovalReason = ChangeReason.Death, RemovalDate = RecordedDate.FromLocalDate(new LocalDate(2024, 1, 10)) });

        await using var db = Registry.Node.Database.Open();
        if (!await db.Residents.AnyAsync(r => r.AtenaNumber == watanabe.AtenaNumber))
        {
            await Registry.AppendAsync(watanabe, ota, firstKinoshita, alive);
            await Registry.AppendAsync(married);
            await Registry.AppendAsync(kinoshita, deceased);
            // 旧氏 and 通称 (j10) are search keys too.
            await Registry.AppendAsync(Samples.Person(Base + 40, Base + 40, "北", "由美", "キタ", "ユミ", new LocalDate(1985, 3, 3)) with
            {
                FormerSurname = "南",
                FormerSurnameKana = "ミナミ",
                Alias = "東　由美",
                AliasKana = "ヒガシ　ユミ",
            });
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<IReadOnlyList<ResidentRecord>> Find(ResidentSearchCriteria criteria, string user = "clerk01") =>
        (await Registry.Node.Search.SearchAsync(await Registry.OperatorAsync(user), criteria)).Hits.Select(h => h.Current).ToList();

    [Theory]
    [InlineData("ワタナベ")]
    [InlineData("ワタナベ タロウ")]
    [InlineData("ﾜﾀﾅﾍﾞ ﾀﾛｳ")]
    [InlineData("わたなべたろう")]
    [InlineData("ワタナヘ")]
    public async Task Kana_names_are_found_however_they_are_typed(string kana) =>
        Assert.Contains(await Find(new() { NameKana = kana }), r => r.AtenaNumber == watanabe.AtenaNumber);

    [Fact]
    public async Task A_given_name_alone_finds_the_person()
    {
        var found = await Find(new() { NameKana = "タロウ", Match = NameMatch.Exact });
        Assert.Contains(found, r => r.AtenaNumber == watanabe.AtenaNumber);
        Assert.All(found, r => Assert.Contains("タロウ", r.FullNameKana, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("オウタ ビクトル")]
    [InlineData("オオタ ヴィクトル")]
    [InlineData("ｵｵﾀ ｳﾞｨｸﾄﾙ")]
    [InlineData("オータ ビクトル")]
    public async Task The_fuzzy_rules_of_j330_apply_to_the_register(string kana) =>
        Assert.Contains(await Find(new() { NameKana = kana, Match = NameMatch.Exact }), r => r.AtenaNumber == ota.AtenaNumber);

    [Fact]
    public async Task A_partial_kana_match_finds_the_middle_of_a_name() =>
        Assert.Contains(await Find(new() { NameKana = "タナベ", Match = NameMatch.Partial }), r => r.AtenaNumber == watanabe.AtenaNumber);

    [Theory]
    [InlineData("渡辺")]
    [InlineData("渡邊 太郎")]
    [InlineData("渡邉太郎")]
    public async Task Kanji_names_are_found_across_variants(string name) =>
        Assert.Contains(await Find(new() { Name = name }), r => r.AtenaNumber == watanabe.AtenaNumber);

    [Fact]
    public async Task A_past_name_finds_the_person_under_the_current_one_and_says_so()
    {
        var op = await Registry.OperatorAsync("clerk01");
        var hit = Assert.Single((await Registry.Node.Search.SearchAsync(op, new() { NameKana = "ササキ ハナコ", Match = NameMatch.Exact, BirthDate = "昭和63年2月29日" })).Hits);
        Assert.Equal(kinoshita.AtenaNumber, hit.Current.AtenaNumber);
        Assert.Equal("木下", hit.Current.FamilyName);
        Assert.Equal(3, hit.Current.HistoryNumber);
        // The list shows キノシタ ハナコ: it says which name was found.
        Assert.Equal("以前の氏名", hit.MatchedOn);

        var byCurrent = Assert.Single((await Registry.Node.Search.SearchAsync(op, new() { NameKana = "キノシタ", BirthDate = "昭和63年2月29日" })).Hits);
        Assert.Null(byCurrent.MatchedOn);
        Assert.Equal("旧氏", Assert.Single((await Registry.Node.Search.SearchAsync(op, new() { NameKana = "ミナミ", BirthDate = "昭和60年3月3日" })).Hits).MatchedOn);
        Assert.Equal("通称", Assert.Single((await Registry.Node.Search.SearchAsync(op, new() { NameKana = "ヒガシ", BirthDate = "昭和60年3月3日" })).Hits).MatchedOn);
    }

    [Fact]
    public async Task A_past_address_finds_the_person() =>
        Assert.Contains(await Find(new() { Address = "中央一丁目2番3号" }), r => r.AtenaNumber == kinoshita.AtenaNumber);

    [Fact]
    public async Task A_katagaki_finds_the_person() =>
        Assert.Contains(await Find(new() { Address = "コーポ緑 101" }), r => r.AtenaNumber == watanabe.AtenaNumber);

    [Theory]
    [InlineData("昭和50年4月1日")]
    [InlineData("S50.4.1")]
    [InlineData("1975-04-01")]
    [InlineData("19750401")]
    [InlineData("3500401")]
    public async Task Wareki_and_seireki_birth_dates_find_the_same_people(string birth) =>
        Assert.Contains(await Find(new() { BirthDate = birth, NameKana = "ワタナベ" }), r => r.AtenaNumber == watanabe.AtenaNumber);

    [Fact]
    public async Task A_birth_year_in_wareki_and_seireki_gives_the_same_result()
    {
        var wareki = await Find(new() { BirthDate = "昭和50年" });
        var seireki = await Find(new() { BirthDate = "1975" });
        Assert.NotEmpty(wareki);
        Assert.Equal(wareki.Select(r => r.AtenaNumber), seireki.Select(r => r.AtenaNumber));
        Assert.All(wareki, r => Assert.Equal(1975, r.BirthDate.Year));
    }

    [Fact]
    public async Task Identifiers_find_exactly_one_person()
    {
        Assert.Equal(watanabe.AtenaNumber, Assert.Single(await Find(new() { AtenaNumber = watanabe.AtenaNumber.Value })).AtenaNumber);
        Assert.Equal(watanabe.AtenaNumber, Assert.Single(await Find(new() { HouseholdNumber = watanabe.HouseholdNumber.Value })).AtenaNumber);
        Assert.Equal(watanabe.AtenaNumber, Assert.Single(await Find(new() { ResidentCode = "98765432109" }, "clerk02")).AtenaNumber);
    }

    [Fact]
    public async Task Searching_by_an_item_needs_the_right_to_see_it_j1390()
    {
        var code = await Assert.ThrowsAsync<SearchCriteriaException>(() => Find(new() { ResidentCode = "98765432109" }, "clerk01"));
        Assert.Equal(("residentCode", "forbidden"), (Assert.Single(code.Fields).Field, code.Fields[0].Error.Rule));
        var auditor = await Assert.ThrowsAsync<Access.AccessDeniedException>(() => Find(new() { NameKana = "ワタナベ" }, "auditor01"));
        Assert.Equal([Access.Permission.Inquiry], auditor.Needed);
    }

    [Fact]
    public async Task Only_users_with_the_right_can_search_by_individual_number()
    {
        Assert.Equal(watanabe.AtenaNumber, Assert.Single(await Find(new() { IndividualNumber = "1234 5678 9018" }, "clerk02")).AtenaNumber);
        var refused = await Assert.ThrowsAsync<SearchCriteriaException>(() => Find(new() { IndividualNumber = "123456789018" }, "clerk01"));
        Assert.Equal("individualNumber", Assert.Single(refused.Fields).Field);
        Assert.Equal("forbidden", refused.Fields[0].Error.Rule);
    }

    [Fact]
    public async Task Removed_residents_are_found_unless_excluded()
    {
        Assert.Contains(await Find(new() { NameKana = "ショウジョ ジロウ" }), r => r.AtenaNumber == deceased.AtenaNumber && r.Status == ResidentStatus.Deceased);
        Assert.DoesNotContain(await Find(new() { NameKana = "ショウジョ ジロウ", IncludeRemoved = false }), r => r.AtenaNumber == deceased.AtenaNumber);
    }

    [Theory]
    [InlineData("birthDate", "era-year")]
    [InlineData("atenaNumber", "check-digit")]
    [InlineData("nameKana", "kana")]
    [InlineData("criteria", "required")]
    public async Task Invalid_criteria_name_the_field_and_write_nothing_but_the_refusal(string field, string rule)
    {
        var criteria = field switch
        {
            "birthDate" => new ResidentSearchCriteria { BirthDate = "令和0年1月1日" },
            "atenaNumber" => new ResidentSearchCriteria { AtenaNumber = "0000000018" },
            "nameKana" => new ResidentSearchCriteria { NameKana = "yamada" },
            _ => new ResidentSearchCriteria(),
        };
        var op = await Registry.OperatorAsync("clerk01");
        var historyBefore = await Registry.Node.Search.HistoryAsync(op, 1000);
        var e = await Assert.ThrowsAsync<SearchCriteriaException>(() => Registry.Node.Search.SearchAsync(op, criteria));
        Assert.Equal(field, e.Fields[0].Field);
        Assert.Equal(rule, e.Fields[0].Error.Rule);
        Assert.Equal(historyBefore.Count, (await Registry.Node.Search.HistoryAsync(op, 1000)).Count);
        await using var db = Registry.Node.Database.Open();
        var last = await db.AuditLog.OrderByDescending(a => a.Sequence).FirstAsync();
        Assert.Equal((int)AuditOutcome.Refused, last.Outcome);
        Assert.Equal(AuditFunctions.Search, last.Function);
    }

    [Fact]
    public async Task Each_person_in_a_result_list_is_recorded_as_seen_by_the_searcher()
    {
        var op = await Registry.OperatorAsync("clerk02");
        await using var db = Registry.Node.Database.Open();
        var before = await db.AuditLog.MaxAsync(a => a.Sequence);

        var hits = (await Registry.Node.Search.SearchAsync(op, new() { NameKana = "サ" }, limit: 5)).Hits;

        Assert.True(hits.Count > 1);
        var entries = await db.AuditLog.AsNoTracking().Where(a => a.Sequence > before).OrderBy(a => a.Sequence).ToListAsync();
        Assert.Equal(AuditFunctions.Search, entries[0].Function);
        var listed = entries.Where(e => e.Function == AuditFunctions.SearchListed).ToList();
        Assert.Equal(hits.Select(h => h.Current.AtenaNumber.Value), listed.Select(e => e.TargetAtenaNumber));
        Assert.All(listed, e => Assert.Equal("clerk02", e.OperatorId));
    }

    [Fact]
    public async Task Every_search_is_audited_and_kept_in_the_users_search_history()
    {
        await using var db = Registry.Node.Database.Open();
        var before = await db.AuditLog.CountAsync(a => a.Function == AuditFunctions.Search);
        await Find(new() { NameKana = "ワタナベ" }, "clerk02");
        await Find(new() { IndividualNumber = "123456789018" }, "clerk02");
        Assert.Equal(before + 2, await db.AuditLog.CountAsync(a => a.Function == AuditFunctions.Search));
        var entries = await db.AuditLog.Where(a => a.Function == AuditFunctions.Search).OrderByDescending(a => a.Sequence).Take(2).ToListAsync();
        Assert.All(entries, e => Assert.Equal("clerk02", e.OperatorId));
        Assert.True(entries[0].IndividualNumberAccessed);
        Assert.Equal(watanabe.AtenaNumber.Value, entries[0].TargetAtenaNumber);
        Assert.DoesNotContain("123456789018", entries[0].Detail, StringComparison.Ordinal);
        var history = await Registry.Node.Search.HistoryAsync(await Registry.OperatorAsync("clerk02"));
        Assert.Contains(history, h => h.Summary.Contains("カナ氏名=ワタナベ", StringComparison.Ordinal));
        Assert.All(history, h => Assert.DoesNotContain("123456789018", h.Summary + h.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Removed_residents_are_found_by_why_they_were_removed()
    {
        var found = await Find(new() { Status = ResidentStatus.Deceased });
        Assert.Contains(found, r => r.AtenaNumber == deceased.AtenaNumber);
        Assert.All(found, r => Assert.Equal(ResidentStatus.Deceased, r.Status));
    }

    [Fact]
    public async Task The_search_history_keeps_the_latest_searches_of_each_user()
    {
        var op = await Registry.OperatorAsync("approver01");
        for (var i = 0; i < ResidentSearch.HistoryKept + 5; i++)
        {
            await Registry.Node.Search.SearchAsync(op, new() { AtenaNumber = AtenaNumber.FromSerial(AtenaNumber.NextIssuableSerial(i + 1)).Value });
        }
        var history = await Registry.Node.Search.HistoryAsync(op, 1000);
        Assert.Equal(ResidentSearch.HistoryKept, history.Count);
        Assert.Contains(AtenaNumber.FromSerial(AtenaNumber.NextIssuableSerial(ResidentSearch.HistoryKept + 5)).Value, history[0].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Large_results_are_cut_at_the_limit_in_kana_order_and_say_so()
    {
        var op = await Registry.OperatorAsync("clerk01");
        var all = await Registry.Node.Search.SearchAsync(op, new() { Sex = Sex.Female });
        var page = await Registry.Node.Search.SearchAsync(op, new() { Sex = Sex.Female }, limit: 5);
        Assert.True(all.Hits.Count > 5);
        Assert.True(page.Truncated);
        Assert.Equal(all.Hits.Take(5).Select(h => h.Current.AtenaNumber), page.Hits.Select(h => h.Current.AtenaNumber));
        var keys = all.Hits.Select(h => Domain.Search.KanaSearchKey.For(h.Current.FamilyNameKana + h.Current.GivenNameKana)).ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
    }

    [Fact]
    public async Task The_demo_register_has_realistic_people()
    {
        await using var db = Registry.Node.Database.Open();
        var current = await db.Residents.ToListAsync();
        Assert.InRange(current.Count, DemoRegisterFixture.Residents, DemoRegisterFixture.Residents + 20);
        Assert.Contains(current, r => r.Kind == (int)ResidentKind.Foreign);
        Assert.Contains(current, r => r.Status != (int)ResidentStatus.Resident);
        Assert.True(current.Select(r => r.HouseholdNumber).Distinct().Count() < current.Count / 1.5, "households have several members");
        Assert.True(await db.ResidentHistory.CountAsync(h => h.HistoryNumber > 1) > 0, "some people have a history");
    }
}

public sealed class SqliteSearchTests(SqliteDemoRegister fixture) : SearchTests(fixture), IClassFixture<SqliteDemoRegister>;

public sealed class PostgresSearchTests(PostgresDemoRegister fixture) : SearchTests(fixture), IClassFixture<PostgresDemoRegister>;
