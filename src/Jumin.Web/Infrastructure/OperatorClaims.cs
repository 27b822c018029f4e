using System.Security.Claims;
using Jumin.Registry.Access;

namespace Jumin.Web.Infrastructure;

/// <summary>The signed-in operator, carried in the authentication cookie and rebuilt per request.</summary>
internal static class OperatorClaims
{
    public const string Scheme = "Jumin";
    public const string PermissionClaim = "jumin:permission";
    private const string VisibleItemClaim = "jumin:visible-item";
    private const string TerminalClaim = "jumin:terminal";
    private const string PlaceClaim = "jumin:place";
    public const string BreakGlassClaim = "jumin:break-glass";

    /// <summary>The screen is locked after idling (issue 5): nothing but /lock until the password is given again.</summary>
    public const string LockedClaim = "jumin:locked";
    private const string BreakGlassUntilClaim = "jumin:break-glass-until";
    private const string TerminalIdClaim = "jumin:terminal-id";
    private const string ClientAddressClaim = "jumin:client-address";
    private const string RightsVersionClaim = "jumin:rights-version";
    private const string ReasonClaim = "jumin:reason";
    private const string DepartmentClaim = "jumin:department";

    public static ClaimsPrincipal ToPrincipal(Operator op)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, op.UserId),
            new(ClaimTypes.Name, op.DisplayName),
            new(TerminalClaim, op.Terminal),
            new(PlaceClaim, op.Place),
            new(TerminalIdClaim, op.TerminalId ?? ""),
            new(ClientAddressClaim, op.ClientAddress ?? ""),
            new(RightsVersionClaim, op.RightsVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(DepartmentClaim, op.Department ?? ""),
        };
        claims.AddRange(op.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(op.Permissions.Select(p => new Claim(PermissionClaim, p.ToString())));
        claims.AddRange(op.VisibleItems.Select(i => new Claim(VisibleItemClaim, i.ToString())));
        if (op.Reason is { } reason)
        {
            claims.Add(new(ReasonClaim, reason.Stored));
        }
        if (op.BreakGlassGrant is { } grant && op.BreakGlassUntil is { } until)
        {
            claims.Add(new(BreakGlassClaim, grant.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            claims.Add(new(BreakGlassUntilClaim, until.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
    }

    /// <summary>The same session, marked locked.</summary>
    public static ClaimsPrincipal Locked(ClaimsPrincipal user) =>
        new(new ClaimsIdentity(user.Claims.Where(c => c.Type != LockedClaim).Append(new Claim(LockedClaim, "1")), Scheme));

    public static bool IsLocked(this ClaimsPrincipal user) => user.HasClaim(LockedClaim, "1");

    public static Operator ToOperator(this ClaimsPrincipal user) =>
        new(
            user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("ログインしていません。"),
            user.FindFirstValue(ClaimTypes.Name) ?? "",
            user.FindFirstValue(TerminalClaim) ?? "",
            user.FindFirstValue(PlaceClaim) ?? "",
            user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(),
            Permissions.Parse<Permission>(string.Join(',', user.FindAll(PermissionClaim).Select(c => c.Value))),
            Permissions.Parse<VisibleItem>(string.Join(',', user.FindAll(VisibleItemClaim).Select(c => c.Value))))
        {
            BreakGlassGrant = long.TryParse(user.FindFirstValue(BreakGlassClaim), System.Globalization.CultureInfo.InvariantCulture, out var grant) ? grant : null,
            BreakGlassUntil = DateTime.TryParse(user.FindFirstValue(BreakGlassUntilClaim), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var until) ? until : null,
            TerminalId = user.FindFirstValue(TerminalIdClaim),
            ClientAddress = user.FindFirstValue(ClientAddressClaim),
            Reason = Domain.Audit.ProcessingReason.FromStored(user.FindFirstValue(ReasonClaim)),
            RightsVersion = int.TryParse(user.FindFirstValue(RightsVersionClaim), System.Globalization.CultureInfo.InvariantCulture, out var version) ? version : -1,
            Department = user.FindFirstValue(DepartmentClaim) is { Length: > 0 } department ? department : null,
        };

    /// <summary>The authorization policy of a 操作権限 (j1380): pages and endpoints name the right they need.</summary>
    public static string Policy(Permission permission) => $"permission:{permission}";

    public static void AddPermissionPolicies(this Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        foreach (var permission in Enum.GetValues<Permission>())
        {
            options.AddPolicy(Policy(permission), p => p.RequireAuthenticatedUser().RequireClaim(PermissionClaim, permission.ToString()));
        }
        // 取下げ: the clerk who entered it or an approver (the service checks which).
        options.AddPolicy(WithdrawPolicy, p => p.RequireAuthenticatedUser().RequireClaim(PermissionClaim, nameof(Permission.ChangeEntry), nameof(Permission.Approval)));
        options.AddPolicy(ExportListPolicy, p => p.RequireAuthenticatedUser().RequireClaim(PermissionClaim, nameof(Permission.Euc), nameof(Permission.BulkExportApproval)));
        options.AddPolicy(JukiNetPolicy, p => p.RequireAuthenticatedUser().RequireClaim(PermissionClaim, nameof(Permission.ChangeEntry), nameof(Permission.Batch)));
    }

    /// <summary>住基ネット screen and status: clerks (特例転入, 転入通知) and the batch operator (整合性確認).</summary>
    public const string JukiNetPolicy = "permission:jukinet";

    public const string WithdrawPolicy = "permission:withdraw";

    /// <summary>データ抽出の一覧: the requester (EUC) or the responsible manager (大量出力の承認).</summary>
    public const string ExportListPolicy = "permission:export-list";
}

/// <summary>
/// The client's network address as the 端末の許可リスト compares it (IPv4 clients of a dual-stack socket as IPv4), after
/// a configured reverse proxy's <c>X-Forwarded-For</c>; none when it cannot be a terminal (<see cref="ReverseProxies"/>).
/// </summary>
public static class ClientAddress
{
    public static System.Net.IPAddress? Of(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress is { IsIPv4MappedToIPv6: true } mapped ? mapped.MapToIPv4() : context.Connection.RemoteIpAddress;
        return address is not null && context.RequestServices.GetService<ReverseProxies>() is { } proxies && !proxies.MayBeTerminal(address) ? null : address;
    }
}
