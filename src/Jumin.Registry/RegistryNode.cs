using System.Security.Cryptography;
using Jumin.Domain.Audit;
using Jumin.Domain.Certificates;
using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Registry.Access;
using Jumin.Registry.Accounts;
using Jumin.Registry.Audit;
using Jumin.Registry.Certificates;
using Jumin.Registry.Changes;
using Jumin.Registry.Demo;
using Jumin.Registry.Konbini;
using Jumin.Registry.Persistence;
using Jumin.Registry.Protection;
using Jumin.Registry.Residents;
using Jumin.Storage.Security;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Jumin.Registry;

/// <summary>Where a registry node keeps its data and what it starts with.</summary>
public sealed record RegistryOptions
{
    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;

    /// <summary>Defaults to <c>Data Source={DataDirectory}/registry.db</c>.</summary>
    public string? ConnectionString { get; init; }

    public string DataDirectory { get; init; } = "data";

    /// <summary>Defaults to <c>{DataDirectory}/keys</c>.</summary>
    public string? KeysDirectory { get; init; }

    /// <summary>The municipality whose register this is (地方公共団体コード); every local 住所コード begins with it (j250).</summary>
    public LocalGovernmentCode MunicipalityCode { get; init; } = DemoMunicipality.Code;

    /// <summary>People to generate into an empty register; 0 for none.</summary>
    public int DemoResidents { get; init; }

    public int DemoSeed { get; init; } = 20261129;

    public JapaneseEraTable Eras { get; init; } = JapaneseEraTable.Default;

    /// <summary>The most 仮登録 one 一括本登録 may register (j530).</summary>
    public int BulkRegistrationLimit { get; init; } = 100;

    /// <summary>How long an editing lock on a person lasts without being renewed (排他制御, j1380).</summary>
    public int LockMinutes { get; init; } = 15;

    /// <summary>The name certificates are issued in and how they are printed (j1040, j1050, j1070).</summary>
    public CertificateSettings Certificates { get; init; } = new()
    {
        Authority = new IssuingAuthority
        {
            Prefecture = DemoMunicipality.Prefecture,
            Municipality = DemoMunicipality.Name,
            MayorName = "緑川　一郎",
            DeputyName = "森　二郎",
        },
    };

    /// <summary>How long a 一時解除 of a 抑止 lasts before the 抑止 applies again by itself (j410).</summary>
    public int RestrictionReleaseMinutes { get; init; } = 30;

    /// <summary>How many コンビニ交付 certificates are rasterised at once (the rest wait): one per core by default.</summary>
    public int RasterisationConcurrency { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// PBKDF2 rounds for new password hashes (<see cref="AccountService.ProductionPasswordHashIterations"/>). Only tests
    /// lower it: a test suite that logs in hundreds of times would otherwise spend minutes hashing.
    /// </summary>
    public int PasswordHashIterations { get; init; } = AccountService.ProductionPasswordHashIterations;

    public string ResolvedConnectionString => ConnectionString ?? $"Data Source={Path.Combine(DataDirectory, "registry.db")}";

    public string ResolvedKeysDirectory => KeysDirectory ?? Path.Combine(DataDirectory, "keys");

    /// <summary>Where the audit log's signed checkpoints are appended; outside the database, ideally on another volume (ADR 0005).</summary>
    public string? AuditCheckpointFile { get; init; }

    public string ResolvedAuditCheckpointFile => AuditCheckpointFile ?? Path.Combine(DataDirectory, "audit-checkpoints.jsonl");
}

/// <summary>A demo account, its generated password and second-factor secret (embedded demo only).</summary>
public sealed record DemoAccount(string UserId, string DisplayName, string Password, string Description, string SecondFactorSecret = "")
{
    /// <summary>How the account is printed at start-up and by <c>jumin seed</c>.</summary>
    public string ConsoleLine => $"  {UserId,-12} {Password}  {SecondFactorSecret}  {DisplayName}（{Description}）";
}

/// <summary>
/// The registry node's parts, wired once per process: the hosts (web, CLI) are thin shells around it.
/// </summary>
public sealed class RegistryNode
{
    /// <param name="options">Where the node keeps its data and what it starts with.</param>
    /// <param name="clock">The node's time (by default the system clock).</param>
    /// <param name="oneTimePasswordClock">The time second-factor codes are checked against (by default <paramref name="clock"/>).</param>
    public RegistryNode(RegistryOptions options, IClock? clock = null, IClock? oneTimePasswordClock = null)
    {
        Options = options;
        Clock = clock ?? SystemClock.Instance;
        Keys = new KeyStore(options.ResolvedKeysDirectory);
        Database = new RegistryDatabase(options.Provider, options.ResolvedConnectionString, Keys.IndividualNumberProtector);
        Audit = new AuditTrail(new AuditChain(Keys.AuditChainKey), Clock);
        AuditCheckpoints = new AuditCheckpointFile(options.ResolvedAuditCheckpointFile, Audit);
        Dates = new JapaneseDateParser(options.Eras);
        Search = new ResidentSearch(Database, Audit, Dates);
        Query = new ResidentQuery(Database, Audit);
        Memos = new ResidentMemos(Database, Audit);
        Terminals = new TerminalRegistry(Database, Audit);
        OneTimePasswords = new OneTimePasswords(oneTimePasswordClock ?? Clock);
        Accounts = new AccountService(Database, Audit, () => Keys.AccountSecrets, OneTimePasswords, Terminals, options.PasswordHashIterations);
        AccountAdministration = new AccountAdministration(Database, Audit, Accounts, () => Keys.AccountSecrets);
        Demo = new DemoLoader(Database, Audit);
        Changes = new ChangeService(Database, Audit, options.BulkRegistrationLimit, options.MunicipalityCode);
        Locks = new ResidentLocks(Database, Audit, NodaTime.Duration.FromMinutes(options.LockMinutes));
        Certificates = new CertificateService(Database, Audit, options.Eras, options.Certificates, Keys.CertificateVerificationKey);
        Restrictions = new RestrictionService(Database, Audit, NodaTime.Duration.FromMinutes(options.RestrictionReleaseMinutes));
        SupportMeasures = new SupportMeasureService(Database, Audit);
        Konbini = new KonbiniService(Database, Audit, Certificates, new ImageOnlyPdf(options.RasterisationConcurrency));
        AuditAnalysis = new AuditAnalysis(Database, Audit, Domain.Audit.OffHours.Default);
        Operations = new Operations.OperationsMonitor(Database, Audit);
        Exports = new Exports.BulkExportService(Database, Audit, options.Eras);
    }

    public RegistryOptions Options { get; }

    public IClock Clock { get; }

    public KeyStore Keys { get; }

    public RegistryDatabase Database { get; }

    /// <summary>The audit log's head, anchored outside the database (ADR 0005).</summary>
    public AuditCheckpointFile AuditCheckpoints { get; }

    public AuditTrail Audit { get; }

    public JapaneseDateParser Dates { get; }

    public ResidentSearch Search { get; }

    public ResidentQuery Query { get; }

    public ResidentMemos Memos { get; }

    public AccountService Accounts { get; }

    public TerminalRegistry Terminals { get; }

    public AccountAdministration AccountAdministration { get; }

    public OneTimePasswords OneTimePasswords { get; }

    public DemoLoader Demo { get; }

    public ChangeService Changes { get; }

    public ResidentLocks Locks { get; }

    public CertificateService Certificates { get; }

    public RestrictionService Restrictions { get; }

    public SupportMeasureService SupportMeasures { get; }

    public KonbiniService Konbini { get; }

    public AuditAnalysis AuditAnalysis { get; }

    public Operations.OperationsMonitor Operations { get; }

    public Exports.BulkExportService Exports { get; }

    /// <summary>Migrates the database, brings stored search keys up to the current rules and, in a new register, allows the server's own terminal.</summary>
    public async Task InitialiseAsync(CancellationToken cancellationToken = default)
    {
        await Database.MigrateAsync(cancellationToken);
        await KanaKeyRebuild.RunAsync(Database, cancellationToken);
        await using var db = Database.Open();
        await TerminalRegistry.EnsureLocalTerminalAsync(db, Clock.GetCurrentInstant().ToDateTimeUtc(), cancellationToken);
    }

    /// <summary>
    /// Creates the demo accounts with fresh random passwords if there are no accounts yet, and
    /// returns them (from <c>{DataDirectory}/demo-accounts.txt</c>, readable by the owner only).
    /// </summary>
    public async Task<IReadOnlyList<DemoAccount>> EnsureDemoAccountsAsync(CancellationToken cancellationToken = default)
    {
        if (await Accounts.AnyAsync(cancellationToken))
        {
            return DemoAccounts();
        }
        VisibleItem[] allItems = [VisibleItem.FamilyRegister, VisibleItem.IndividualNumber, VisibleItem.ResidentCode, VisibleItem.ResidenceStatus];
        (string Id, string Name, string Description, string Role, VisibleItem[] Items, string Department)[] demo =
        [
            ("clerk01", "窓口 一郎", "窓口職員（個人番号・住民票コードは表示しない）", Roles.Clerk, [VisibleItem.FamilyRegister, VisibleItem.ResidenceStatus], "市民課"),
            ("clerk02", "窓口 二葉", "窓口職員（全項目の表示権限・データ抽出の権限あり）", Roles.Clerk, allItems, "市民課"),
            ("approver01", "審査 三郎", "審査者（本登録）", Roles.Approver, allItems, "市民課"),
            ("auditor01", "監査 四郎", "監査担当（住民情報は見ない）", Roles.Auditor, [], "情報政策課"),
            ("admin01", "管理 五郎", "システム管理者（利用者・権限・端末の管理）", Roles.Administrator, [], "情報政策課"),
            ("contractor01", "委託 六子", "委託先（運用監視のみ。緊急時アクセスは管理者の承認が必要）", Roles.Contractor, [], "委託先"),
            ("inquiry01", "照会 七海", "他課の照会職員（照会のみ。異動入力・証明発行・仮登録の閲覧はできない）", Roles.Clerk, [], "税務課"),
        ];
        var setup = Operator.Batch("init");
        var accounts = new List<DemoAccount>();
        foreach (var (id, name, description, role, items, department) in demo)
        {
            var password = NewPassword();
            string[] roles = role == Roles.Approver ? [Roles.Clerk, Roles.Approver] : [role];
            // R1-20: only a few staff may extract data; in the demo, clerk02.
            IReadOnlyCollection<Permission>? permissions = id switch
            {
                "clerk02" => [.. Jumin.Registry.Access.Permissions.OfRole(Roles.Clerk), Permission.Euc],
                "inquiry01" => [Permission.Inquiry],
                _ => null,
            };
            var enrolment = await Accounts.CreateAsync(setup, new NewAccount(id, name, password, department, roles, items, permissions), cancellationToken);
            accounts.Add(new DemoAccount(id, name, password, description, enrolment.Secret));
        }
        await WriteOwnerOnlyAsync(DemoAccountsFile, [.. accounts.Select(a => $"{a.UserId}\t{a.DisplayName}\t{a.Password}\t{a.Description}\t{a.SecondFactorSecret}")], cancellationToken);
        return accounts;
    }

    /// <summary>Fills an empty register with the demo municipality (<see cref="RegistryOptions.DemoResidents"/> people).</summary>
    public async Task<int> EnsureDemoResidentsAsync(IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        if (Options.DemoResidents <= 0)
        {
            return 0;
        }
        await using (var db = Database.Open())
        {
            if (await db.Residents.AnyAsync(cancellationToken))
            {
                return 0;
            }
        }
        return await Demo.LoadAsync(Options.DemoResidents, Options.DemoSeed, progress, cancellationToken);
    }

    /// <summary>
    /// Registers simulated 個人番号カード for two demo 世帯主 with random PINs (コンビニ交付, j1210) when the demo
    /// register has none, and returns them (from <c>{DataDirectory}/demo-cards.txt</c>, readable by the owner only).
    /// </summary>
    public async Task<IReadOnlyList<string>> EnsureDemoCardsAsync(CancellationToken cancellationToken = default)
    {
        var file = Path.Combine(Options.DataDirectory, "demo-cards.txt");
        List<(Jumin.Domain.Identifiers.AtenaNumber Atena, string Name)> holders;
        await using (var db = Database.Open())
        {
            if (Options.DemoResidents <= 0 || await db.KonbiniCards.AnyAsync(cancellationToken))
            {
                return File.Exists(file) ? File.ReadAllLines(file) : [];
            }
            var heads = await db.LatestRows(db.Residents.Where(r => r.Status == (int)Domain.Residents.ResidentStatus.Resident && r.MemberOrder == 1 && r.Kind == (int)Domain.Residents.ResidentKind.Japanese))
                .OrderBy(h => h.AtenaNumber).Take(2).AsNoTracking().ToListAsync(cancellationToken);
            holders = [.. heads.Select(h => (h.AtenaNumber, h.FullName))];
        }
        var setup = Operator.Batch("init") with { Permissions = new HashSet<Permission> { Permission.CertificateIssue } };
        var lines = new List<string>();
        foreach (var (atena, name) in holders)
        {
            var pin = RandomNumberGenerator.GetInt32(10_000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
            var serial = await Konbini.RegisterCardAsync(setup, atena, pin, cancellationToken);
            lines.Add($"  カード {serial}  暗証番号 {pin}  {name}（宛名番号 {atena}）");
        }
        await WriteOwnerOnlyAsync(file, lines, cancellationToken);
        return lines;
    }

    /// <summary>Demo secrets go into a file only the owner may read.</summary>
    private static async Task WriteOwnerOnlyAsync(string file, IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using var writer = new StreamWriter(file, System.Text.Encoding.UTF8, options);
        foreach (var line in lines)
        {
            await writer.WriteLineAsync(line.AsMemory(), cancellationToken);
        }
    }

    /// <summary>The demo accounts written by <see cref="EnsureDemoAccountsAsync"/>, if this is a demo register.</summary>
    public IReadOnlyList<DemoAccount> DemoAccounts() => File.Exists(DemoAccountsFile) ? ReadAccounts(DemoAccountsFile) : [];

    /// <summary>The file in the data directory that marks a demo register and holds its accounts' passwords.</summary>
    public const string DemoAccountsFileName = "demo-accounts.txt";

    private string DemoAccountsFile => Path.Combine(Options.DataDirectory, DemoAccountsFileName);

    private static List<DemoAccount> ReadAccounts(string file) =>
        [.. File.ReadAllLines(file).Select(l => l.Split('\t')).Where(p => p.Length == 5).Select(p => new DemoAccount(p[0], p[1], p[2], p[3], p[4]))];

    private static string NewPassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Concat(Enumerable.Range(0, 16).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]));
    }
}
