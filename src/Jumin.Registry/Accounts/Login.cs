using System.Net;

namespace Jumin.Registry.Accounts;

/// <summary>The result of a login attempt. Failures do not say whether the user exists or which factor was wrong.</summary>
public enum LoginOutcome
{
    Succeeded,
    Failed,
    LockedOut,

    /// <summary>The client's address is not on the 端末の許可リスト: refused before any account is looked at.</summary>
    UnknownTerminal,
}

/// <summary>A login at a terminal: the account, its password and the one-time code of its second factor.</summary>
public sealed record LoginAttempt(string UserId, string Password, string? Code, IPAddress? ClientAddress);
