using System.Text.Encodings.Web;
using System.Text.Unicode;
using Jumin.Registry;
using Jumin.Registry.Access;
using Jumin.Web.Api;
using Jumin.Web.Infrastructure;
using Jumin.Web.Pages;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.WebEncoders;

var (hostArgs, demoSwitch) = HostSettings.TakeDemoSwitch(args);
var builder = WebApplication.CreateBuilder(hostArgs);
if (demoSwitch)
{
    builder.Configuration["Jumin:Demo"] = "true";
}
// Production unless a demo is asked for; what production needs is checked before anything is written (below).
builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<HostSettings>, HostSettingsValidation>();
builder.Services.AddOptions<HostSettings>().Configure<IConfiguration, IHostEnvironment>((s, c, e) => s.Load(c, e)).ValidateOnStart();

// `dotnet run` from the repository root serves wwwroot from the project through the build's static web assets manifest.
builder.WebHost.UseStaticWebAssets();

// Japanese is emitted as UTF-8 text, not as &#x...; entities (markup is still encoded).
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

var proxies = ReverseProxies.Read(builder.Configuration);
builder.Services.AddSingleton(proxies);
builder.Services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(proxies.Configure);
var options = RegistryHosting.ReadOptions(builder.Configuration, HostSettings.IsDemo(builder.Configuration, builder.Environment));
builder.Services.AddRegistryNode(options);
builder.Services.AddSingleton(new PrintQueue(TimeProvider.System));
builder.Services.AddSingleton<JukiNetConnection>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<JukiNetConnection>());
builder.Services.AddSingleton<AuditCheckpointWriter>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<AuditCheckpointWriter>());
builder.Services.AddSingleton<HostFaults>();
builder.Services.AddDataProtection()
    .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.ResolvedKeysDirectory, "data-protection")))
    .SetApplicationName("jumin-registry");
builder.Services.AddProblemDetails();
builder.Services.AddNodeHealth();
builder.Services.AddStrictJsonBinding();
builder.Services.AddAnonymousRateLimit(builder.Configuration);
builder.Services.AddOpenApi();
builder.Services.AddRazorPages(o =>
{
    // j1380: every screen names the 操作権限 it needs.
    o.Conventions.AuthorizeFolder("/");
    o.Conventions.AuthorizePage("/Index", OperatorClaims.Policy(Permission.Inquiry));
    o.Conventions.AuthorizeFolder("/Residents", OperatorClaims.Policy(Permission.Inquiry));
    o.Conventions.AuthorizeFolder("/Changes", OperatorClaims.Policy(Permission.Inquiry));
    o.Conventions.AuthorizePage("/Changes/New", OperatorClaims.Policy(Permission.ChangeEntry));
    o.Conventions.AuthorizeFolder("/Certificates", OperatorClaims.Policy(Permission.Inquiry));
    o.Conventions.AuthorizeFolder("/Audit", OperatorClaims.Policy(Permission.LogView));
    o.Conventions.AuthorizeFolder("/Operations", OperatorClaims.Policy(Permission.Operations));
    o.Conventions.AuthorizeFolder("/Accounts", OperatorClaims.Policy(Permission.RightsAdministration));
    o.Conventions.AuthorizeFolder("/Exports", OperatorClaims.ExportListPolicy);
    o.Conventions.AuthorizeFolder("/JukiNet", OperatorClaims.JukiNetPolicy);
    o.Conventions.AuthorizePage("/Certificates/New", OperatorClaims.Policy(Permission.CertificateIssue));
    o.Conventions.AllowAnonymousToPage("/Login");
    o.Conventions.AllowAnonymousToPage("/Error");
}).AddMvcOptions(o => o.Filters.Add<RefusalPageFilter>());
builder.Services.AddAuthentication(OperatorClaims.Scheme)
    .AddCookie(OperatorClaims.Scheme, o =>
    {
        o.LoginPath = "/login";
        o.LogoutPath = "/logout";
        o.AccessDeniedPath = "/forbidden";
        o.Cookie.Name = "jumin.session";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
        o.SlidingExpiration = true;
        o.Events = new CookieAuthenticationEvents
        {
            // The API answers 401/403 with problem details instead of redirecting to the login page.
            // Either is in the audit log first (HttpRefusalAudit).
            OnRedirectToLogin = async context =>
            {
                await HttpRefusalAudit.UnauthenticatedAsync(context);
                await ApiResults.RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            },
            OnRedirectToAccessDenied = async context =>
            {
                await HttpRefusalAudit.ForbiddenAsync(context.HttpContext);
                await ApiResults.RedirectOrStatus(context, StatusCodes.Status403Forbidden);
            },
            OnValidatePrincipal = SessionGuard.ValidateAsync,
        };
    });
builder.Services.AddAuthorization(o => o.AddPermissionPolicies());

var app = builder.Build();
// ValidateOnStart would check only when the host starts, after the register below has been migrated and filled.
app.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
await RegistryHosting.PrepareAsync(app.Services.GetRequiredService<RegistryNode>());

if (proxies.Configured)
{
    app.UseForwardedHeaders();
}
app.UseExceptionHandler("/error");
app.UseStatusCodePages(async context =>
{
    if (context.HttpContext.Request.Path.StartsWithSegments("/api"))
    {
        var status = context.HttpContext.Response.StatusCode;
        await Results.Problem(statusCode: status, title: RefusalMapping.StatusTitle(status)).ExecuteAsync(context.HttpContext);
    }
});
app.UseSecurityHeaders();
app.UseStaticFiles();
app.UseAuthentication();
app.UseRateLimiter();
// A locked screen (idle lock) reaches nothing but the unlock page, the logout and the static files.
app.Use(async (context, next) =>
{
    var path = context.Request.Path;
    if (context.User.IsLocked() && !path.StartsWithSegments("/lock") && !path.StartsWithSegments("/logout") && !path.StartsWithSegments("/css") && !path.StartsWithSegments("/js")
        && !(path.StartsWithSegments("/api/v1/session") && HttpMethods.IsDelete(context.Request.Method)))
    {
        if (path.StartsWithSegments("/api"))
        {
            await Results.Problem(statusCode: StatusCodes.Status423Locked, title: "画面がロックされています。パスワードを入力して解除してください。").ExecuteAsync(context);
            return;
        }
        context.Response.Redirect("/lock?returnUrl=" + Uri.EscapeDataString(path + context.Request.QueryString));
        return;
    }
    await next();
});
app.UseAuthorization();
app.UseRefusalMapping();
app.MapNodeHealth();
app.MapOpenApi();
app.MapRazorPages();
app.MapRegistryApi();
app.MapChangeApi();
app.MapCertificateApi();
app.MapProtectionApi();
app.MapAuditApi();
app.MapOperationsApi();
app.MapAccountApi();
app.MapExportApi();
app.MapJukiNetApi();
app.MapCardApi();
app.Run();
