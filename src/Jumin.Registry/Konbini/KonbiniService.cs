using System.Security.Cryptography;
using System.Text;
using Jumin.Domain;
using Jumin.Domain.Audit;
using Jumin.Domain.Certificates;
using Jumin.Domain.Identifiers;
using Jumin.Registry.Access;
using Jumin.Registry.Audit;
using Jumin.Registry.Certificates;
using Jumin.Registry.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jumin.Registry.Konbini;

/// <summary>What a コンビニ交付 terminal asks for after the card and PIN.</summary>
public sealed record KonbiniRequest
{
    public CertificateKind Kind { get; init; } = CertificateKind.ResidentRecordCopy;

    /// <summary>世帯全員 instead of 本人のみ.</summary>
    public bool WholeHousehold { get; init; }

    public bool HouseholdHeadAndRelationship { get; init; } = true;

    public bool Domicile { get; init; }

    public int Copies { get; init; } = 1;
}

/// <summary>The card or the PIN was not accepted, or the certificate may not be issued; nothing was printed.</summary>
public sealed class KonbiniRefusedException(string message, int? attemptsLeft = null) : RefusalException(message)
{
    public override RefusalKind Kind => AttemptsLeft == 0 ? RefusalKind.Locked : RefusalKind.Forbidden;

    public int? AttemptsLeft { get; } = attemptsLeft;
}

/// <summary>The image-only certificate handed to the kiosk and its 発行番号.</summary>
public sealed record KonbiniResult(byte[] ImagePdf, IReadOnlyList<string> IssueNumbers);

/// <summary>
/// 証明書コンビニ交付 (j1210; seed 001 M-19): a 住民票の写し or 記載事項証明書 only after the card and its
/// 4-digit PIN are verified (three wrong PINs lock the card), only for the card holder, never with
/// 個人番号 or 住民票コード, as an image PDF; 抑止 and 支援措置 apply exactly as at the counter, and
/// the issuance is in the 交付履歴 with channel コンビニ交付.
/// </summary>
public sealed class KonbiniService(RegistryDatabase database, AuditTrail audit, CertificateService certificates, ImageOnlyPdf images)
{
    public const int MaxPinAttempts = 3;

    private const int PinHashIterations = 100_000;

    /// <summary>The operator recorded for kiosk issuance (j1370: terminal コンビニ交付).</summary>
    public static Operator KioskOperator { get; } = new(
        "konbini", "コンビニ交付", "KONBINI", "コンビニ交付",
        new HashSet<string>(),
        new HashSet<Permission> { Permission.CertificateIssue },
        new HashSet<VisibleItem> { VisibleItem.FamilyRegister, VisibleItem.ResidenceStatus });

    public async Task<KonbiniResult> IssueAsync(string serial, string pin, KonbiniRequest request, CancellationToken cancellationToken = default)
    {
        var card = await VerifyCardAsync(serial, pin, cancellationToken);
        string name;
        await using (var db = database.Open())
        {
            name = (await db.LatestRows(db.Residents.Where(r => r.AtenaNumber == card)).AsNoTracking().SingleAsync(cancellationToken)).FullName;
        }
        var certificateRequest = new CertificateRequest
        {
            Kind = request.Kind,
            Subject = card,
            WholeHousehold = request.WholeHousehold,
            Items = new CertificateItems { HouseholdHeadAndRelationship = request.HouseholdHeadAndRelationship, Domicile = request.Domicile },
            Requester = new Requester { Kind = RequesterKind.Self, Name = name, Identification = IdentityCheck.CardAndPin, Channel = RequestChannel.Konbini },
            Copies = request.Copies,
        };
        CertificateResult result;
        try
        {
            result = await certificates.IssueAsync(KioskOperator, certificateRequest, cancellationToken);
        }
        catch (CertificateRefusedException e)
        {
            // The kiosk says no without saying why a protected person is protected.
            throw new KonbiniRefusedException(e.Findings.Any(f => f.Check == CertificateChecks.SupportMeasureNotApproved || f.Check == CertificateChecks.IssuanceRestricted || f.Check == CertificateChecks.SupportMeasureAtKiosk)
                ? "この証明書はコンビニでは交付できません。市区町村の窓口にお問い合わせください。"
                : string.Join(" ", e.Findings.Where(f => f.IsError).Select(f => f.Message)));
        }
        return new(await images.FromPdfAsync(result.Pdf, cancellationToken), [.. result.Copies.Select(c => c.IssueNumber)]);
    }

    /// <summary>Registers a (simulated) card for a resident with its PIN; returns the serial.</summary>
    public async Task<string> RegisterCardAsync(Operator op, AtenaNumber atena, string pin, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.CertificateIssue, "コンビニ交付カード登録", cancellationToken);
        ValidatePin(pin);
        await using var db = database.Open();
        if (!await db.Residents.AnyAsync(r => r.AtenaNumber == atena, cancellationToken))
        {
            throw new FieldValidationException("atenaNumber", "宛名番号", new("not-found", "該当する住民がいません。"));
        }
        var serial = "JPKI" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6));
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.KonbiniCards.Add(new KonbiniCardRow { Serial = serial, AtenaNumber = atena, PinHash = HashPin(pin) });
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, [audit.Event(op, AuditFunctions.Setting, "コンビニ交付カード登録", atena.Value, detail: $"カード {serial} 登録")], cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return serial;
    }

    /// <summary>Unlocks a card at the counter with a new PIN (the 暗証番号の再設定).</summary>
    public async Task ResetPinAsync(Operator op, string serial, string pin, CancellationToken cancellationToken = default)
    {
        await audit.RequireAsync(database, op, Permission.CertificateIssue, "暗証番号の再設定", cancellationToken);
        ValidatePin(pin);
        await using var db = database.Open();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var card = await db.KonbiniCards.AsTracking().SingleOrDefaultAsync(c => c.Serial == serial, cancellationToken)
            ?? throw new FieldValidationException("serial", "カード", new("not-found", "該当するカードがありません。"));
        card.PinHash = HashPin(pin);
        card.FailedAttempts = 0;
        card.LockedAt = null;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, [audit.Event(op, AuditFunctions.Setting, "暗証番号の再設定", card.AtenaNumber.Value, detail: $"カード {serial} 暗証番号再設定・ロック解除")], cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    private async Task<AtenaNumber> VerifyCardAsync(string serial, string pin, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        // Locks the card row, so that parallel attempts cannot exceed the three tries.
        await db.Database.ExecuteSqlRawAsync("UPDATE konbini_cards SET failed_attempts = failed_attempts WHERE serial = {0}", [serial ?? ""], cancellationToken);
        var card = await db.KonbiniCards.AsTracking().SingleOrDefaultAsync(c => c.Serial == serial, cancellationToken);
        var op = KioskOperator;
        if (card is null)
        {
            await audit.AppendAsync(db, [audit.Event(op, AuditFunctions.Login, "コンビニ交付", outcome: AuditOutcome.Refused, detail: "カード認証失敗（登録のないカード）")], cancellationToken);
            await tx.CommitAsync(cancellationToken);
            throw new KonbiniRefusedException("このカードは利用できません。");
        }
        if (card.LockedAt is not null)
        {
            await audit.AppendAsync(db, [audit.Event(op, AuditFunctions.Login, "コンビニ交付", card.AtenaNumber.Value, outcome: AuditOutcome.Refused, detail: $"カード {card.Serial} ロック中")], cancellationToken);
            await tx.CommitAsync(cancellationToken);
            throw new KonbiniRefusedException("暗証番号がロックされています。市区町村の窓口で暗証番号を再設定してください。", 0);
        }
        if (!VerifyPin(card.PinHash, pin ?? ""))
        {
            card.FailedAttempts++;
            var locked = card.FailedAttempts >= MaxPinAttempts;
            if (locked)
            {
                card.LockedAt = audit.Clock.GetCurrentInstant().ToDateTimeUtc();
            }
            await db.SaveChangesAsync(cancellationToken);
            await audit.AppendAsync(db, [audit.Event(op, AuditFunctions.Login, "コンビニ交付", card.AtenaNumber.Value, outcome: AuditOutcome.Refused,
                detail: $"カード {card.Serial} 暗証番号誤り {card.FailedAttempts}回目{(locked ? "・ロック" : "")}")], cancellationToken);
            await tx.CommitAsync(cancellationToken);
            var left = MaxPinAttempts - card.FailedAttempts;
            throw new KonbiniRefusedException(locked ? "暗証番号を3回誤ったため、カードをロックしました。市区町村の窓口で再設定してください。" : $"暗証番号が違います（あと{left}回でロックされます）。", left);
        }
        card.FailedAttempts = 0;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, [audit.Event(op, AuditFunctions.Login, "コンビニ交付", card.AtenaNumber.Value, detail: $"カード {card.Serial} 認証")], cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return card.AtenaNumber;
    }

    private static void ValidatePin(string pin)
    {
        if (pin is not { Length: 4 } || !pin.All(char.IsAsciiDigit))
        {
            throw new FieldValidationException("pin", "暗証番号", new("format", "暗証番号は数字4桁です。"));
        }
    }

    private static string HashPin(string pin)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(pin), salt, PinHashIterations, HashAlgorithmName.SHA256, 32);
        return $"{Convert.ToBase64String(salt)}:{Convert.ToBase64String(hash)}";
    }

    private static bool VerifyPin(string stored, string pin)
    {
        var parts = stored.Split(':');
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(pin), Convert.FromBase64String(parts[0]), PinHashIterations, HashAlgorithmName.SHA256, 32);
        return CryptographicOperations.FixedTimeEquals(hash, Convert.FromBase64String(parts[1]));
    }
}
