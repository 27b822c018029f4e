using Jumin.Registry.Accounts;

namespace Jumin.Web.Infrastructure;

/// <summary>The words of a refused login, the same on the login screen and in the API.</summary>
public static class LoginRefusals
{
    /// <summary>What a refused login is told: never which of ID, password or code was wrong.</summary>
    public static string Text(LoginOutcome outcome) => outcome switch
    {
        LoginOutcome.LockedOut => "ログインに続けて失敗したため、アカウントはロックされています。しばらくしてから再度お試しいただくか、管理者に連絡してください。",
        LoginOutcome.UnknownTerminal => "この端末は登録されていないため、ログインできません。端末の登録は管理者に依頼してください。",
        _ => "利用者ID、パスワードまたは確認コードが違います。",
    };
}
