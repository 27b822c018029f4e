using Jumin.Domain;
using Jumin.JukiNet.Messaging;
using Jumin.JukiNet.Persistence;
using Jumin.JukiNet.Pki;
using Jumin.JukiNet.Protocol;
using Microsoft.EntityFrameworkCore;

namespace Jumin.JukiNet.Identity;

/// <summary>
/// 本人確認情報の提供 and its 提供記録 (seed 004 §2.5, R-PRV-01): a search is answered only for a registered recipient
/// that states its operator and legal ground (an agency only on the ground it is registered for), with the criteria
/// the seeds allow; every provision and every refusal is logged, and the log is kept 7 years.
/// </summary>
public static class ProvisionLog
{
    /// <summary>How long 提供記録 are kept (seed 004: 7年).</summary>
    public const int RetentionYears = 7;

    public const string Provided = "提供";
    public const string NotFound = "該当なし";
    public const string Refused = "拒否";

    public static async Task<IdentityQueryResult> AnswerAsync(JukiNetNode node, JukiNetDbContext db, DirectoryEntry recipient, IdentityQueryMessage query, string legalGround, int limit, CancellationToken cancellationToken)
    {
        var now = node.Clock.GetCurrentInstant().ToDateTimeUtc();
        IdentityQueryResult Refuse(string field, string reason, string criteria)
        {
            db.ProvisionLog.Add(new ProvisionLogRow
            {
                At = now,
                Recipient = recipient.Id.Value,
                LegalGround = string.IsNullOrWhiteSpace(legalGround) ? "（なし）" : legalGround,
                Operator = string.IsNullOrWhiteSpace(query.Operator) ? "（なし）" : query.Operator,
                Criteria = criteria,
                Subjects = "",
                Outcome = Refused,
                Reason = reason,
            });
            return new IdentityQueryResult([], reason, field);
        }
        if (string.IsNullOrWhiteSpace(query.Operator))
        {
            return Refuse("operator", "照会を行う操作者を指定してください。", "");
        }
        if (string.IsNullOrWhiteSpace(legalGround))
        {
            return Refuse("legalGround", "提供を受ける法令上の根拠（住基法の条項・別表の事務）を指定してください。", "");
        }
        if (recipient.Role == NodeRole.Agency && recipient.LegalGround != legalGround)
        {
            return Refuse("legalGround", $"{recipient.Name}に認められた根拠（{recipient.LegalGround}）と異なる根拠では提供できません。", "");
        }
        Domain.JukiNet.IdentitySearchCriteria criteria;
        try
        {
            criteria = query.Criteria();
        }
        catch (FieldValidationException e)
        {
            return Refuse(e.Field, e.Error.Message, "");
        }
        var rows = await IdentityStore.SearchAsync(db, criteria, limit, cancellationToken);
        db.ProvisionLog.Add(new ProvisionLogRow
        {
            At = now,
            Recipient = recipient.Id.Value,
            LegalGround = legalGround,
            Operator = query.Operator,
            Criteria = criteria.Describe(),
            Subjects = string.Join(",", rows.Select(r => r.ResidentCode)),
            Outcome = rows.Count == 0 ? NotFound : Provided,
        });
        return new IdentityQueryResult(rows.Select(r => IdentityStore.ToMessage(db.Protector, r)).ToList());
    }

    /// <summary>Deletes 提供記録 older than 7 years (the only deletion the store's trigger allows); returns how many.</summary>
    public static Task<int> PurgeExpiredAsync(JukiNetDbContext db, DateTime now, CancellationToken cancellationToken = default)
    {
        var limit = now.AddYears(-RetentionYears);
        return db.ProvisionLog.Where(p => p.At < limit).ExecuteDeleteAsync(cancellationToken);
    }
}
