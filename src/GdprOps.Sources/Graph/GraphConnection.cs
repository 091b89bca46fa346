using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Identity;
using Microsoft.Graph;
using Microsoft.Kiota.Authentication.Azure;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace GdprOps.Sources.Graph;

/// <summary>
/// A signed-in Graph client with the pacing and retry policy of <see cref="GraphExecutor"/>. The SDK's own retry
/// handler is switched off so throttling is handled once, in one place, with cancellable waits.
/// </summary>
public sealed class GraphConnection : IDisposable
{
    private readonly HttpClient http;
    private readonly string[] scopes;

    private GraphConnection(GraphConnectionOptions options, TokenCredential credential, string authType, Uri baseUrl)
    {
        Options = options;
        Credential = credential;
        AuthType = authType;
        BaseUrl = baseUrl;
        scopes = new[] { $"{baseUrl.Scheme}://{baseUrl.Authority}/.default" };
        if (baseUrl.IsLoopback)
        {
            // A local tenant (tests, a proxy on this machine): tokens are still requested for Graph itself.
            scopes = new[] { "https://graph.microsoft.com/.default" };
        }

        var handlers = GraphClientFactory.CreateDefaultHandlers();
        var retry = handlers.First(h => h is RetryHandler);
        handlers[handlers.IndexOf(retry)] = new RetryHandler(new RetryHandlerOption { MaxRetry = 0 });
        http = GraphClientFactory.Create(handlers);
        http.Timeout = TimeSpan.FromMinutes(5);
        var auth = new AzureIdentityAuthenticationProvider(credential, new[] { baseUrl.Host }, null, false, scopes);
        Client = new GraphServiceClient(http, auth, baseUrl.ToString().TrimEnd('/'));
        Executor = new GraphExecutor(options.MaxConcurrentRequests, options.MaxRetryTime, new MailboxRequestPacer(options.MailboxRequestsPerWindow, options.MailboxRequestWindow),
            options.MaxRequestsPerSecond is { } perSecond ? new RequestRatePacer(perSecond) : null);
    }

    public GraphConnectionOptions Options { get; }

    public TokenCredential Credential { get; }

    public GraphServiceClient Client { get; }

    public GraphExecutor Executor { get; }

    /// <summary>Mailbox retention's view of this tenant's mailboxes (counts, listings over the limit, batched removal).</summary>
    public GdprOps.Retention.IMailboxFolders MailboxFolders => new GraphMailboxFolders(this);

    /// <summary>ClientSecret, Certificate, ManagedIdentity, DeviceCode, Interactive or AccessToken.</summary>
    public string AuthType { get; }

    public Uri BaseUrl { get; }

    /// <summary>
    /// Signed in as a user (delegated): device code, browser, or a given access token that carries delegated scopes
    /// (<c>scp</c>) rather than application roles.
    /// </summary>
    public bool IsDelegated => AuthType is "DeviceCode" or "Interactive"
        || (Options.AccessToken is { } token && JwtClaims.IsDelegated(token));

    public DateTimeOffset ConnectedAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>Builds the credential and client; nothing is sent until <see cref="DescribeAsync"/> or a sweep.</summary>
    public static GraphConnection Create(GraphConnectionOptions options)
    {
        var (graph, authority) = GraphCloud.Endpoints(options.Environment);
        var baseUrl = options.GraphEndpoint ?? graph;
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttps && !(baseUrl.Scheme == Uri.UriSchemeHttp && baseUrl.IsLoopback)))
        {
            throw new GdprOpsException(ErrorIds.ConnectionFailed, ErrorKind.InvalidArgument,
                $"The Graph endpoint must be an https:// URL (plain http only on this machine: localhost, 127.0.0.1, ::1): {baseUrl}");
        }

        if (!baseUrl.AbsolutePath.TrimEnd('/').EndsWith("/v1.0", StringComparison.Ordinal))
        {
            throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, $"The Graph endpoint must end in /v1.0: {baseUrl}");
        }

        int methods = new[] { options.ClientSecret is not null, options.Certificate is not null, options.ManagedIdentity, options.DeviceCode, options.Interactive, options.AccessToken is not null }.Count(b => b);
        if (methods != 1)
        {
            throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument,
                "Choose exactly one way to sign in: a client secret, a certificate, a managed identity, a device code, interactive, or an access token.");
        }

        bool needsApp = options.ClientSecret is not null || options.Certificate is not null;
        if (needsApp && (string.IsNullOrWhiteSpace(options.TenantId) || string.IsNullOrWhiteSpace(options.ClientId)))
        {
            throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, "App-only sign-in needs -TenantId and -ClientId.");
        }

        TokenCredential credential;
        string kind;
        if (options.AccessToken is { } token)
        {
            (credential, kind) = (new StaticTokenCredential(token), "AccessToken");
        }
        else if (options.ClientSecret is { } secret)
        {
            (credential, kind) = (new ClientSecretCredential(options.TenantId, options.ClientId, secret, new ClientSecretCredentialOptions { AuthorityHost = authority }), "ClientSecret");
        }
        else if (options.Certificate is { } certificate)
        {
            (credential, kind) = (new ClientCertificateCredential(options.TenantId, options.ClientId, certificate, new ClientCertificateCredentialOptions { AuthorityHost = authority }), "Certificate");
        }
        else if (options.ManagedIdentity)
        {
            var id = options.ManagedIdentityClientId is { Length: > 0 } clientId ? ManagedIdentityId.FromUserAssignedClientId(clientId) : ManagedIdentityId.SystemAssigned;
            (credential, kind) = (new ManagedIdentityCredential(id), "ManagedIdentity");
        }
        else if (options.DeviceCode)
        {
            var deviceOptions = new DeviceCodeCredentialOptions
            {
                TenantId = options.TenantId,
                AuthorityHost = authority,
                DeviceCodeCallback = (info, _) =>
                {
                    options.DeviceCodeMessage?.Invoke(info.Message);
                    return Task.CompletedTask;
                },
            };
            if (options.ClientId is { Length: > 0 } app)
            {
                deviceOptions.ClientId = app;
            }

            (credential, kind) = (new DeviceCodeCredential(deviceOptions), "DeviceCode");
        }
        else
        {
            var browserOptions = new InteractiveBrowserCredentialOptions { TenantId = options.TenantId, AuthorityHost = authority };
            if (options.ClientId is { Length: > 0 } app)
            {
                browserOptions.ClientId = app;
            }

            (credential, kind) = (new InteractiveBrowserCredential(browserOptions), "Interactive");
        }

        return new GraphConnection(options, credential, kind, baseUrl);
    }

    /// <summary>Gets a token (signing in if needed) and describes the connection: tenant, app, permissions. Never the token.</summary>
    public async Task<GraphConnectionInfo> DescribeAsync(CancellationToken cancellationToken)
    {
        AccessToken token;
        try
        {
            token = await Credential.GetTokenAsync(new TokenRequestContext(scopes), cancellationToken).ConfigureAwait(false);
        }
        catch (CredentialUnavailableException ex)
        {
            throw new GdprOpsException(ErrorIds.ConnectionFailed, ErrorKind.ResourceUnavailable, "Sign-in is not available here: " + FirstLine(ex.Message), ex);
        }
        catch (AuthenticationFailedException ex)
        {
            throw new GdprOpsException(ErrorIds.ConnectionFailed, ErrorKind.PermissionDenied, "Sign-in failed: " + FirstLine(ex.Message), ex);
        }

        await ProbeAsync(token.Token, cancellationToken).ConfigureAwait(false);
        return new GraphConnectionInfo
        {
            TenantId = JwtClaims.Claim(token.Token, "tid") ?? Options.TenantId ?? string.Empty,
            ClientId = JwtClaims.Claim(token.Token, "appid") ?? JwtClaims.Claim(token.Token, "azp") ?? Options.ClientId ?? string.Empty,
            AuthType = AuthType,
            Environment = Options.GraphEndpoint is null ? Options.Environment : "Custom",
            GraphEndpoint = BaseUrl.ToString().TrimEnd('/'),
            Permissions = string.Join(";", JwtClaims.Permissions(token.Token)),
            StorageAccount = Options.StorageAccount ?? string.Empty,
            ConnectedAt = ConnectedAt,
            TokenExpiresOn = token.ExpiresOn,
        };
    }

    /// <summary>
    /// One cheap request that proves the endpoint answers like Microsoft Graph, so a wrong host, port or scheme is a
    /// clear ConnectionFailed now rather than minutes of retries per mailbox later. Any Graph answer counts, an error
    /// included (the app may lack the permission to read the organisation): what matters is Graph's JSON shape.
    /// </summary>
    private async Task ProbeAsync(string accessToken, CancellationToken cancellationToken)
    {
        var probe = new Uri(BaseUrl.ToString().TrimEnd('/') + "/organization?$select=id");
        string where = $"{BaseUrl.Scheme}://{BaseUrl.Authority}{BaseUrl.AbsolutePath}";
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        using var request = new HttpRequestMessage(HttpMethod.Get, probe);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        try
        {
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
#if NET
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
#else
            string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
#endif
            if (!LooksLikeGraph(body))
            {
                throw new GdprOpsException(ErrorIds.ConnectionFailed, ErrorKind.ResourceUnavailable,
                    $"{where} answered HTTP {(int)response.StatusCode}, but not like Microsoft Graph: check the host, port and path of -GraphEndpoint (or -Environment).");
            }
        }
        catch (HttpRequestException ex)
        {
            throw new GdprOpsException(ErrorIds.ConnectionFailed, ErrorKind.ResourceUnavailable, $"Microsoft Graph at {where} cannot be reached: {FirstLine(ex.Message)}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GdprOpsException(ErrorIds.ConnectionFailed, ErrorKind.ResourceUnavailable, $"Microsoft Graph at {where} did not answer within 20 seconds.", ex);
        }
    }

    private static bool LooksLikeGraph(string body)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            var root = json.RootElement;
            return root.ValueKind == System.Text.Json.JsonValueKind.Object
                && (root.TryGetProperty("value", out _) || root.TryGetProperty("@odata.context", out _)
                    || (root.TryGetProperty("error", out var error) && error.ValueKind == System.Text.Json.JsonValueKind.Object && error.TryGetProperty("code", out _)));
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    public void Dispose() => http.Dispose();

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
