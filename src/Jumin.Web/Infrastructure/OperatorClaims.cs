using System.Security.Claims;
using Jumin.Registry.Accounts;

namespace Jumin.Web.Infrastructure;

/// <summary>The signed-in operator, carried in the authentication cookie and rebuilt per request.</summary>
internal static class OperatorClaims
{
    public const string Scheme = "Jumin";
    private const string IndividualNumberClaim = "jumin:individual-number";
    private const string TerminalClaim = "jumin:terminal";
    private const string PlaceClaim = "jumin:place";

    public static ClaimsPrincipal ToPrincipal(Operator op)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, op.UserId),
            new(ClaimTypes.Name, op.DisplayName),
            new(TerminalClaim, op.Terminal),
            new(PlaceClaim, op.Place),
            new(IndividualNumberClaim, op.CanViewIndividualNumber ? "1" : "0"),
        };
        claims.AddRange(op.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
    }

    public static Operator ToOperator(this ClaimsPrincipal user) =>
        new(
            user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("ログインしていません。"),
            user.FindFirstValue(ClaimTypes.Name) ?? "",
            user.FindFirstValue(TerminalClaim) ?? "",
            user.FindFirstValue(PlaceClaim) ?? "",
            user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(),
            user.FindFirstValue(IndividualNumberClaim) == "1");
}

/// <summary>入力端末 (j230): the configured terminal name and the client address.</summary>
public sealed class TerminalIdentity(IConfiguration configuration)
{
    public string Place => configuration["Jumin:Place"] ?? "本庁";

    public string Of(HttpContext context) =>
        $"{configuration["Jumin:Terminal"] ?? "WEB"} ({context.Connection.RemoteIpAddress?.ToString() ?? "local"})";
}
