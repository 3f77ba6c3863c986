using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace NewsMonitor.Server.Api;

/// <summary>
/// The admin key: the X-Api-Key header must equal "Api:Key". With no key configured (allowed on loopback only,
/// see <see cref="ListenAddresses"/>) every local caller is admitted. Failures answer 401 as problem details.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<ApiOptions> api,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (string.IsNullOrEmpty(api.Value.Key))
        {
            // Without a key only this machine is admitted, checked per connection too: a listener that somehow
            // reached the network (a misread address, a proxy on another host) still opens nothing.
            return Task.FromResult(ListenAddresses.IsLocalCaller(Context.Connection.RemoteIpAddress)
                ? Success("local")
                : AuthenticateResult.Fail("no API key is configured, so only callers on this machine are admitted"));
        }

        if (!Request.Headers.TryGetValue(ApiOptions.KeyHeader, out var given) || string.IsNullOrEmpty(given))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var matches = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given.ToString()), Encoding.UTF8.GetBytes(api.Value.Key));
        return Task.FromResult(matches ? Success("admin") : AuthenticateResult.Fail("wrong API key"));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{ApiOptions.KeyHeader}\"";
        var detail = string.IsNullOrEmpty(api.Value.Key)
            ? "no API key is configured on this server, so admin routes answer callers on this machine only"
            : Request.Headers.ContainsKey(ApiOptions.KeyHeader)
                ? $"the {ApiOptions.KeyHeader} header does not hold the configured API key"
                : $"this route needs the API key in the {ApiOptions.KeyHeader} header";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = 401, Title = "API key required", Detail = detail },
        });
    }

    private AuthenticateResult Success(string name) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], SchemeName)), SchemeName));
}
