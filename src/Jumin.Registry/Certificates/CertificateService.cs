using System.Security.Cryptography;
using System.Text;
using Jumin.Domain.Audit;
using Jumin.Domain.Certificates;
using Jumin.Domain.Dates;
using Jumin.Domain.Identifiers;
using Jumin.Domain.Residents;
using Jumin.Registry.Access;
using Jumin.Registry.Audit;
using Jumin.Registry.Persistence;
using Jumin.Registry.Protection;
using Microsoft.EntityFrameworkCore;

namespace Jumin.Registry.Certificates;

/// <summary>How the municipality prints its certificates (j1040, j1050, j1070).</summary>
public sealed record CertificateSettings
{
    public required IssuingAuthority Authority { get; init; }

    /// <summary>発行プリンタ番号 in the 発行番号 (j1040).</summary>
    public string Printer { get; init; } = "プリンタ001";

    /// <summary>What happens to an item that does not fit at the smallest size (j1070).</summary>
    public OverflowMode Overflow { get; init; } = OverflowMode.Truncate;

    /// <summary>A PNG of the 電子公印 (black, at most 25 mm square); a seal is drawn when none is given.</summary>
    public string? SealImagePath { get; init; }
}

/// <summary>One copy handed out, as recorded in the 交付履歴.</summary>
public sealed record IssuedCopy(long IssueId, string IssueNumber, int Pages, IReadOnlyList<string> VerificationCodes, IReadOnlyList<string> Subjects);

/// <summary>The result of an issuance or a preview: the PDF, the alerts shown to the clerk and the 文字溢れ list.</summary>
public sealed record CertificateResult(byte[] Pdf, IReadOnlyList<IssuedCopy> Copies, IReadOnlyList<CertificateFinding> Findings, IReadOnlyList<Overflow> Overflows, IReadOnlyList<CertificateDocument> Documents);

/// <summary>
/// 証明書発行 (j1000–j1070, j300, j360, j440, j410): checks the request against the rules, the 抑止 and
/// the 支援措置, composes the certificates, gives each copy its 発行番号 and verification codes,
/// renders the PDF, and records the 交付履歴 and the audit entries in one transaction. A refusal
/// prints nothing and is audited.
/// </summary>
public sealed partial class CertificateService(RegistryDatabase database, AuditTrail audit, JapaneseEraTable eras, CertificateSettings settings, byte[] verificationKey)
{
    // Fields rather than captured parameters: the 交付履歴 part of this partial class reads them too.
    private readonly RegistryDatabase database = database;
    private readonly AuditTrail audit = audit;
    private readonly CertificateComposer composer = new(eras, settings.Authority);
    private readonly CertificatePdf pdf = new(settings.Overflow, settings.SealImagePath);

    public CertificateSettings Settings { get; } = settings;

    /// <summary>見本: the certificate as it would be printed, marked 見本 and without 発行番号; nothing is recorded but the audit entries.</summary>
    public async Task<CertificateResult> PreviewAsync(Operator op, CertificateRequest request, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.CertificateIssue, "証明書発行", cancellationToken);
        await using var db = database.Open();
        var prepared = await PrepareAsync(db, op, request, cancellationToken);
        if (prepared.Findings.Any(f => f.IsError))
        {
            await AuditRefusalAsync(op, request, prepared.Findings, AuditFunctions.CertificatePreview, cancellationToken);
            throw new CertificateRefusedException(prepared.Findings);
        }
        var layouts = prepared.Documents.Select(pdf.Layout).ToList();
        var bytes = pdf.Render([.. layouts.Select(l => new PrintedCopy(l, "", []))], request.PrintSeal, preview: true);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await audit.AppendAsync(db, [.. prepared.Included.Select(p => audit.Event(op, AuditFunctions.CertificatePreview, "証明書発行", p.AtenaNumber.Value,
            prepared.Documents.Any(d => d.IndividualNumberPrinted), detail: $"{request.Kind.Japanese()} 見本表示"))], cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new(bytes, [], prepared.Findings, [.. layouts.SelectMany(l => l.Overflows)], prepared.Documents);
    }

    /// <summary>交付: the PDF of every copy, recorded in the 交付履歴.</summary>
    public async Task<CertificateResult> IssueAsync(Operator op, CertificateRequest request, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.CertificateIssue, "証明書発行", cancellationToken);
        await using var db = database.Open();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var prepared = await PrepareAsync(db, op, request, cancellationToken);
        if (prepared.Findings.Any(f => f.IsError))
        {
            await tx.RollbackAsync(cancellationToken);
            await AuditRefusalAsync(op, request, prepared.Findings, AuditFunctions.CertificateIssue, cancellationToken);
            throw new CertificateRefusedException(prepared.Findings);
        }

        var now = audit.Clock.GetCurrentInstant();
        var today = now.InZone(JapanTime.Zone).Date;
        var layouts = prepared.Documents.Select(pdf.Layout).ToList();
        var copies = new List<(CertificateLayoutResult Layout, IssueNumber Number, int CopyNumber)>();
        // Numbered per printed terminal name, so that clients sharing a name never print the same number.
        var terminal = TerminalLabel(op.Terminal);
        var serials = await TakeSerialsAsync(db, $"certificate:{today:uuuuMMdd}:{terminal}", layouts.Count * request.Copies, cancellationToken);
        var next = 0;
        foreach (var layout in layouts)
        {
            for (var c = 1; c <= request.Copies; c++)
            {
                copies.Add((layout, new IssueNumber(today, Settings.Authority.Municipality, terminal, Settings.Printer, serials[next++]), c));
            }
        }
        var printed = copies.Select(c => new PrintedCopy(c.Layout, c.Number.ToString(),
            [.. Enumerable.Range(1, c.Layout.PageCount).Select(p => VerificationCode(c.Number.OnPage(p, c.Layout.PageCount)))])).ToList();
        var bytes = pdf.Render(printed, request.PrintSeal);

        var issued = new List<IssuedCopy>();
        var rows = new List<CertificateIssueRow>();
        for (var i = 0; i < copies.Count; i++)
        {
            var (layout, number, copyNumber) = copies[i];
            var document = layout.Document;
            var row = new CertificateIssueRow
            {
                IssuedAt = now.ToDateTimeUtc(),
                Place = op.Place,
                Terminal = op.Terminal,
                OperatorId = op.UserId,
                Kind = (int)request.Kind,
                Items = request.Items.Describe(),
                Form = Form(request, document),
                CopyNumber = copyNumber,
                CopyCount = request.Copies,
                PageCount = layout.PageCount,
                IssueNumber = number.ToString(),
                RequesterKind = (int)request.Requester.Kind,
                RequesterName = request.Requester.Name.Trim(),
                RequesterAddress = request.Requester.Address,
                Identification = (int)request.Requester.Identification,
                Purpose = request.Requester.Purpose,
                Channel = (int)request.Requester.Channel,
                OfficialUse = document.OfficialUse,
                SealPrinted = request.PrintSeal,
                IndividualNumberPrinted = document.IndividualNumberPrinted,
                Reissue = document.Reissue,
                SupportApprovalId = prepared.ApprovalUsed,
                Overflows = layout.Overflows.Count == 0 ? null : string.Join('\n', layout.Overflows),
            };
            rows.Add(row);
            db.CertificateIssues.Add(row);
        }
        await db.SaveChangesAsync(cancellationToken);
        for (var i = 0; i < copies.Count; i++)
        {
            var document = copies[i].Layout.Document;
            foreach (var person in document.People)
            {
                var record = prepared.Included.First(p => p.AtenaNumber.Value == person.AtenaNumber);
                db.CertificateIssueSubjects.Add(new CertificateIssueSubjectRow { IssueId = rows[i].Id, AtenaNumber = record.AtenaNumber, HistoryNumber = person.HistoryNumber, Name = record.FullName });
            }
            for (var p = 0; p < printed[i].VerificationCodes.Count; p++)
            {
                db.CertificatePages.Add(new CertificatePageRow { VerificationCode = printed[i].VerificationCodes[p], IssueId = rows[i].Id, Page = p + 1 });
            }
            issued.Add(new(rows[i].Id, rows[i].IssueNumber, copies[i].Layout.PageCount, printed[i].VerificationCodes, [.. document.People.Select(x => x.AtenaNumber)]));
        }
        if (prepared.ApprovalUsed is { } approvalId)
        {
            var approval = await db.SupportApprovals.AsTracking().SingleAsync(a => a.Id == approvalId, cancellationToken);
            approval.UsedByIssueId = rows[0].Id;
        }
        await db.SaveChangesAsync(cancellationToken);

        var events = new List<AuditEvent>();
        foreach (var (row, copy) in rows.Zip(issued))
        {
            foreach (var subject in copy.Subjects)
            {
                events.Add(audit.Event(op, AuditFunctions.CertificateIssue, "証明書発行", subject, row.IndividualNumberPrinted,
                    detail: $"{request.Kind.Japanese()} 発行番号 {row.IssueNumber} {row.CopyNumber}/{row.CopyCount}部 {row.PageCount}枚 請求者 {request.Requester.Kind.Japanese()}（{request.Requester.Identification.Japanese()}・{request.Requester.Channel.Japanese()}）"
                        + (row.SupportApprovalId is { } a ? $" 支援措置承認{a}による交付" : "")
                        + (row.SealPrinted ? " 公印あり" : " 公印なし") + (row.IndividualNumberPrinted ? " 個人番号印字" : "")));
            }
        }
        await audit.AppendAsync(db, events, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new(bytes, issued, prepared.Findings, [.. layouts.SelectMany(l => l.Overflows)], prepared.Documents);
    }

    /// <summary>The 12-character code printed on one page: an HMAC of the page's 発行番号, so a code cannot be made up.</summary>
    public string VerificationCode(string issueNumberOnPage)
    {
        var mac = HMACSHA256.HashData(verificationKey, Encoding.UTF8.GetBytes(issueNumberOnPage));
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford: no I, L, O, U
        var value = BitConverter.ToUInt64(mac, 0);
        var chars = new char[12];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[(int)(value & 31)];
            value >>= 5;
        }
        return $"{new string(chars, 0, 4)}-{new string(chars, 4, 4)}-{new string(chars, 8, 4)}";
    }

    private sealed record Prepared(IReadOnlyList<ResidentRecord> Included, IReadOnlyList<CertificateDocument> Documents, IReadOnlyList<CertificateFinding> Findings, long? ApprovalUsed);

    private async Task<Prepared> PrepareAsync(RegistryDbContext db, Operator op, CertificateRequest request, CancellationToken cancellationToken)
    {
        var now = audit.Clock.GetCurrentInstant();
        var today = now.InZone(JapanTime.Zone).Date;
        var subject = await LatestAsync(db, [request.Subject], cancellationToken);
        if (subject.Count == 0)
        {
            return new([], [], CertificateRules.Check(request, new CertificateSubjects { Subject = null, Included = [] }, Allowances(op), today, now), null);
        }
        var person = subject[0];
        List<ResidentRecord> included;
        var notInHousehold = new List<AtenaNumber>();
        var wholeHousehold = false;
        if (request.Kind is CertificateKind.MoveOutCertificate or CertificateKind.ResidentCodeNotice)
        {
            included = [person];
        }
        else if (request.WholeHousehold)
        {
            var status = person.Status;
            var household = person.HouseholdNumber;
            var members = await db.Residents.Where(r => r.HouseholdNumber == household && (status == ResidentStatus.Resident ? r.Status == (int)ResidentStatus.Resident : r.Status != (int)ResidentStatus.Resident)).Select(r => r.AtenaNumber).ToListAsync(cancellationToken);
            included = await LatestAsync(db, members, cancellationToken);
            if (!person.IsResident)
            {
                // A 除票 of the 世帯 covers those removed with the subject (one 転出届 for the family), not
                // everyone who ever left that 世帯番号 over the years.
                included = [.. included.Where(i => person.ChangeId is { } id ? i.ChangeId == id : i.RemovalReason == person.RemovalReason && i.RemovalDate == person.RemovalDate)];
            }
            wholeHousehold = person.IsResident;
        }
        else if (request.Members.Count > 0)
        {
            var asked = request.Members.Append(request.Subject).Distinct().ToList();
            included = await LatestAsync(db, asked, cancellationToken);
            notInHousehold.AddRange(asked.Where(a => included.All(i => i.AtenaNumber != a)));
            notInHousehold.AddRange(included.Where(i => i.HouseholdNumber != person.HouseholdNumber).Select(i => i.AtenaNumber));
            included = [.. included.Where(i => i.HouseholdNumber == person.HouseholdNumber)];
            if (person.IsResident)
            {
                var householdSize = await db.Residents.CountAsync(r => r.HouseholdNumber == person.HouseholdNumber && r.Status == (int)ResidentStatus.Resident, cancellationToken);
                wholeHousehold = included.Count == householdSize && included.All(i => i.IsResident);
            }
        }
        else
        {
            included = [person];
        }
        included = [.. HouseholdOrder.Sort(included)];

        var protection = await ProtectionReader.ForAsync(db, [.. included.Select(i => i.AtenaNumber)], [.. included.Select(i => i.HouseholdNumber).Distinct()], cancellationToken);
        var approved = new HashSet<string>();
        long? approvalUsed = null;
        if (request.SupportApprovalId is { } approvalId)
        {
            var approval = await db.SupportApprovals.AsNoTracking().SingleOrDefaultAsync(a => a.Id == approvalId, cancellationToken);
            if (approval is not null && approval.UsedByIssueId is null && approval.ExpiresAt > now.ToDateTimeUtc()
                && included.Any(i => i.AtenaNumber.Value == approval.AtenaNumber)
                && approval.RequesterName.Replace("　", "").Replace(" ", "") == request.Requester.Name.Replace("　", "").Replace(" ", ""))
            {
                approved.Add(approval.AtenaNumber);
                approvalUsed = approval.Id;
            }
        }
        var subjects = new CertificateSubjects
        {
            Subject = person,
            Included = included,
            NotInHousehold = notInHousehold,
            Restrictions = protection.Restrictions,
            SupportMeasures = protection.SupportMeasures,
            ApprovedProtectedPeople = approved,
        };
        var findings = CertificateRules.Check(request, subjects, Allowances(op), today, now).ToList();
        if (request.SupportApprovalId is not null && approvalUsed is null && findings.Any(f => f.Check == CertificateChecks.SupportMeasureNotApproved))
        {
            findings.Add(new(CertificateChecks.SupportApprovalInvalid, "supportApprovalId", "支援措置の承認番号が無効です（使用済み・期限切れ・別の方または別の請求者への承認）。"));
        }
        if (findings.Any(f => f.IsError))
        {
            return new(included, [], findings, null);
        }

        var histories = new Dictionary<string, IReadOnlyList<ResidentRecord>>();
        var reissue = false;
        if (request.Kind == CertificateKind.MoveOutCertificate)
        {
            // j660: a second 転出証明書 is a 再交付 and shows what the first one showed.
            var first = await db.CertificateIssueSubjects.AsNoTracking()
                .Where(s => s.AtenaNumber == person.AtenaNumber && db.CertificateIssues.Any(i => i.Id == s.IssueId && i.Kind == (int)CertificateKind.MoveOutCertificate))
                .OrderBy(s => s.IssueId).FirstOrDefaultAsync(cancellationToken);
            if (first is not null)
            {
                reissue = true;
                var atena = person.AtenaNumber;
                var number = first.HistoryNumber;
                included = [await db.ResidentHistory.AsNoTracking().SingleAsync(h => h.AtenaNumber == atena && h.HistoryNumber == number, cancellationToken)];
            }
        }
        if (request.Items.History)
        {
            foreach (var i in included)
            {
                var atena = i.AtenaNumber;
                histories[atena.Value] = await db.ResidentHistory.AsNoTracking().Where(h => h.AtenaNumber == atena).OrderBy(h => h.HistoryNumber).ToListAsync(cancellationToken);
            }
        }
        var documents = composer.Compose(request, included, histories, wholeHousehold, today, reissue);
        return new(included, documents, findings, approvalUsed);
    }

    private static async Task<List<ResidentRecord>> LatestAsync(RegistryDbContext db, IReadOnlyCollection<AtenaNumber> atenas, CancellationToken cancellationToken)
    {
        var list = atenas.ToList();
        return await db.LatestRows(db.Residents.Where(r => list.Contains(r.AtenaNumber))).AsNoTracking().ToListAsync(cancellationToken);
    }

    private static CertificateAllowances Allowances(Operator op) => new(
        op.Sees(VisibleItem.FamilyRegister), op.Sees(VisibleItem.IndividualNumber), op.Sees(VisibleItem.ResidentCode), op.Sees(VisibleItem.ResidenceStatus));

    private async Task AuditRefusalAsync(Operator op, CertificateRequest request, IReadOnlyList<CertificateFinding> findings, string function, CancellationToken cancellationToken) =>
        await audit.AppendAloneAsync(database, [audit.Event(op, function, "証明書発行", request.Subject.Value, outcome: AuditOutcome.Refused,
            detail: $"{request.Kind.Japanese()} 交付拒否 {string.Join(" ", findings.Where(f => f.IsError).Select(f => f.Code).Distinct())} 請求者 {request.Requester.Kind.Japanese()}")], cancellationToken);

    private static string Form(CertificateRequest request, CertificateDocument document) =>
        request.Kind.IsCopyOrEntryCertificate()
            ? $"{request.Layout.Japanese()}・{(document.Attestation.Contains("世帯全員", StringComparison.Ordinal) ? "世帯全員" : $"{document.People.Count}人")}{(request.Items.History ? "・履歴あり" : "")}"
            : "個人";

    // The terminal's name as j1040 prints it: without the client address the web host appends
    // ("本庁1 (10.0.0.5)" → "本庁1"), and without spaces, which separate the parts of the number.
    private static string TerminalLabel(string terminal)
    {
        var name = terminal.Split(" (")[0].Trim();
        return string.IsNullOrWhiteSpace(name) ? "端末" : name.Replace(' ', '_').Replace('　', '_');
    }

    /// <summary>The next serials of a daily per-terminal numbering, under the sequence row's lock.</summary>
    private static async Task<IReadOnlyList<long>> TakeSerialsAsync(RegistryDbContext db, string name, int count, CancellationToken cancellationToken)
    {
        var sequence = await NumberSequences.LockAsync(db, name, cancellationToken);
        var first = sequence.NextValue;
        sequence.NextValue += count;
        return [.. Enumerable.Range(0, count).Select(i => first + i)];
    }
}
