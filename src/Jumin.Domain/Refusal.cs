namespace Jumin.Domain;

/// <summary>What kind of refusal a use case made; the one thing the screens and the API read to choose how to answer.</summary>
public enum RefusalKind
{
    /// <summary>An input breaks a rule (HTTP 400): each field at fault, with its rule.</summary>
    Invalid,

    /// <summary>The input reads well but the rules of the register refuse it (422): a 異動 with errors, a certificate that may not be issued.</summary>
    Unprocessable,

    /// <summary>The operator may not do this, or not to this person (403).</summary>
    Forbidden,

    /// <summary>The state does not allow it now (409): already decided, the register moved on, a peer refused, an alert to acknowledge.</summary>
    Conflict,

    /// <summary>Locked after too many attempts (423).</summary>
    Locked,

    /// <summary>A part the system needs is missing on this machine (503).</summary>
    Unavailable,
}

/// <summary>
/// 業務上の拒否: a use case refused and changed nothing (where the use case audits, the refusal is in the audit log).
/// Every refusal a clerk or an API client can meet is one of these, and each host maps it in one place: the API to an
/// RFC 7807 problem with a Japanese title naming each field and rule, the screens to the same page with the message.
/// </summary>
public abstract class RefusalException(string message, Exception? inner = null) : Exception(message, inner)
{
    public abstract RefusalKind Kind { get; }

    /// <summary>The fields at fault, each with its rule (empty when the refusal is not about what was entered).</summary>
    public virtual IReadOnlyList<FieldValidationException> Fields => [];
}
