using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.GraphSimulator.Handlers;
using GdprOps.GraphSimulator.Http;
using GdprOps.GraphSimulator.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace GdprOps.GraphSimulator;

/// <summary>
/// The simulator: Kestrel on 127.0.0.1, Graph v1.0 under /v1.0, download URLs under /_download.
/// Start one per test class (startup takes milliseconds); inspect <see cref="Log"/>, script <see cref="Faults"/>.
/// </summary>
public sealed class GraphSimulatorServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Dispatcher dispatcher;
    private readonly SimulatorContext context;
    private readonly MailboxThrottle throttle;

    private GraphSimulatorServer(WebApplication app, SimTenant tenant, Func<DateTimeOffset> clock)
    {
        this.app = app;
        context = new SimulatorContext(tenant, clock);
        throttle = new MailboxThrottle(Limits, clock);
        dispatcher = new Dispatcher(context, Faults, throttle, Log);
    }

    public SimTenant Tenant => context.Tenant;

    /// <summary>The Graph base URL: http://127.0.0.1:{port}/v1.0.</summary>
    public string BaseUrl => context.BaseUrl;

    public Uri Origin => new(context.Origin);

    public RequestLog Log { get; } = new();

    /// <summary>Upload sessions opened so far (open, completed or cancelled ones still listed until they expire).</summary>
    public IReadOnlyList<UploadSession> Uploads => context.Uploads.Values.ToList();

    public FaultPlan Faults { get; } = new();

    public ThrottleLimits Limits { get; } = new();

    /// <summary>
    /// When true, mail $search and drive search(q=) match whole words only, not word starts: the other reading of docs that say neither, so a
    /// test can show the client finds what it must under both.
    /// </summary>
    public bool SearchWholeWords
    {
        get => context.SearchWholeWords;
        set => context.SearchWholeWords = value;
    }

    /// <summary>
    /// When true, mail $search and drive search(q=) are diacritic sensitive: "José" and "Jose", "Søren" and "Soren" are different
    /// words (only case is folded). SharePoint search can be set so; Graph's docs say nothing of either index's folding, so a test
    /// can show the client finds what it must under both readings.
    /// </summary>
    public bool SearchDiacriticSensitive
    {
        get => context.SearchDiacriticSensitive;
        set => context.SearchDiacriticSensitive = value;
    }

    /// <summary>When true (the default), requests without a bearer token answer 401.</summary>
    public bool RequireAuthorization { get; set; } = true;

    /// <summary>Starts serving <paramref name="tenant"/> on a free loopback port (or <paramref name="port"/>).</summary>
    public static async Task<GraphSimulatorServer> StartAsync(SimTenant tenant, int port = 0, Func<DateTimeOffset>? clock = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, port);
            options.AllowSynchronousIO = false;
            options.Limits.MaxRequestBodySize = 256L * 1024 * 1024;
        });
        var app = builder.Build();
        var server = new GraphSimulatorServer(app, tenant, clock ?? (() => DateTimeOffset.UtcNow));
        app.Run(server.ServeAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        string address = app.Services.GetService(typeof(IServer)) is IServer s
            ? s.Features.Get<IServerAddressesFeature>()!.Addresses.First()
            : throw new InvalidOperationException("Kestrel did not start.");
        server.context.Origin = address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        return server;
    }

    /// <summary>
    /// Builds the search index of every message now (Exchange's index exists before anyone searches), so
    /// benchmarks measure the client rather than the simulator's first-query indexing.
    /// </summary>
    public void WarmSearchIndex()
    {
        foreach (var mailbox in Tenant.Users.Select(u => u.Mailbox).OfType<SimMailbox>())
        {
            lock (mailbox.Gate)
            {
                foreach (var message in mailbox.Messages.Values)
                {
                    foreach (string field in MailHandler.IndexedProperties)
                    {
                        MailHandler.Indexed(message, field);
                    }
                }
            }
        }
    }

    /// <summary>Resets throttling windows, faults and the log between test cases.</summary>
    public void Reset()
    {
        Faults.Clear();
        Faults.Latency = TimeSpan.Zero;
        throttle.Reset();
        Log.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task ServeAsync(HttpContext http)
    {
        string raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path + http.Request.QueryString;
        int question = raw.IndexOf('?');
        string rawPath = question < 0 ? raw : raw[..question];
        string rawQuery = question < 0 ? string.Empty : raw[(question + 1)..];

        if (rawPath.StartsWith("/_download/", StringComparison.Ordinal))
        {
            await DownloadAsync(http, rawPath["/_download/".Length..]).ConfigureAwait(false);
            return;
        }

        if (rawPath.StartsWith("/_upload/", StringComparison.Ordinal))
        {
            await WriteAsync(http, await UploadAsync(http, rawPath["/_upload/".Length..]).ConfigureAwait(false)).ConfigureAwait(false);
            return;
        }

        if (!rawPath.StartsWith("/v1.0/", StringComparison.Ordinal))
        {
            await WriteAsync(http, GraphResponse.Error(400, "BadRequest", "Invalid version: the simulator serves only /v1.0.")).ConfigureAwait(false);
            return;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in http.Request.Headers)
        {
            headers[header.Key] = header.Value.ToString();
        }

        string? authorization = headers.GetValueOrDefault("Authorization");
        if (RequireAuthorization && (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length <= 7))
        {
            var denied = GraphResponse.Error(401, "InvalidAuthenticationToken", "Access token is empty.");
            denied.Stamp(Guid.NewGuid().ToString(), headers.GetValueOrDefault("client-request-id") ?? Guid.NewGuid().ToString(), context.Clock());
            await WriteAsync(http, denied).ConfigureAwait(false);
            return;
        }

        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted).ConfigureAwait(false);
        byte[] body = buffer.ToArray();
        JsonNode? json = null;
        if (body.Length > 0 && (http.Request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            try
            {
                json = JsonNode.Parse(body);
            }
            catch (JsonException)
            {
                await WriteAsync(http, GraphResponse.Error(400, "BadRequest", "The request body is not valid JSON.")).ConfigureAwait(false);
                return;
            }
        }

        string path = rawPath["/v1.0/".Length..];
        var request = new GraphRequest
        {
            Method = http.Request.Method.ToUpperInvariant(),
            Path = path,
            Segments = RequestParsing.SplitPath(path, unescape: true),
            Query = RequestParsing.ParseQuery(rawQuery),
            Headers = headers,
            Json = json,
            Body = body,
        };

        GraphResponse response;
        try
        {
            response = await dispatcher.HandleAsync(request, Roles(authorization), http.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        await WriteAsync(http, response).ConfigureAwait(false);
    }

    private async Task DownloadAsync(HttpContext http, string token)
    {
        var entry = context.Redeem(token);
        if (entry is null)
        {
            http.Response.StatusCode = 401;
            return;
        }

        var (drive, item, _) = entry.Value;
        byte[] content;
        lock (drive.Gate)
        {
            content = item.Content;
        }

        http.Response.StatusCode = 200;
        http.Response.ContentType = item.MimeType;
        http.Response.ContentLength = content.Length;
        await http.Response.Body.WriteAsync(content, http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// An upload session's URL (driveitem-createuploadsession.md): fragments PUT in order with Content-Range, each
    /// under 60 MiB and a multiple of 320 KiB but the last; no Authorization header (the docs warn it may be refused:
    /// here it is, 401). The last fragment commits the new version (201 with the item); DELETE cancels; GET reports.
    /// </summary>
    private async Task<GraphResponse> UploadAsync(HttpContext http, string token)
    {
        if (!context.Uploads.TryGetValue(token, out var session) || session.Expires <= context.Clock() || session.Completed)
        {
            return GraphResponse.Error(404, "itemNotFound", "The upload session was not found.");
        }

        string method = http.Request.Method.ToUpperInvariant();
        if (method == "DELETE")
        {
            context.Uploads.TryRemove(token, out _);
            return GraphResponse.NoContent();
        }

        if (method == "GET")
        {
            return GraphResponse.Ok(new JsonObject { ["nextExpectedRanges"] = new JsonArray($"{session.Received.Length}-") });
        }

        if (method != "PUT")
        {
            return GraphResponse.Error(405, "invalidRequest", "The method is not supported on an upload URL.");
        }

        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted).ConfigureAwait(false);
        lock (session)
        {
            if (http.Request.Headers.ContainsKey("Authorization"))
            {
                session.WithAuthorization++;
                return GraphResponse.Error(401, "unauthenticated", "Do not send an Authorization header to an upload URL.");
            }

            var range = System.Net.Http.Headers.ContentRangeHeaderValue.TryParse(http.Request.Headers.ContentRange.ToString(), out var parsed) ? parsed : null;
            if (range is not { From: long from, To: long to, Length: long total } || to < from || to - from + 1 != buffer.Length)
            {
                return GraphResponse.Error(400, "invalidRange", "Content-Range must be 'bytes from-to/total' and match the body.");
            }

            const long Unit = 320 * 1024;
            bool last = to + 1 == total;
            if (from != session.Received.Length)
            {
                return GraphResponse.Error(416, "invalidRange", "Fragments must be uploaded in order.");
            }

            if (buffer.Length >= 60L * 1024 * 1024 || (!last && buffer.Length % Unit != 0))
            {
                return GraphResponse.Error(400, "invalidRange", "A fragment must be under 60 MiB and a multiple of 320 KiB unless it is the last.");
            }

            buffer.Position = 0;
            buffer.CopyTo(session.Received);
            session.Fragments.Add(buffer.Length);
            if (!last)
            {
                return GraphResponse.Ok(
                    new JsonObject
                    {
                        ["expirationDateTime"] = session.Expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
                        ["nextExpectedRanges"] = new JsonArray($"{to + 1}-"),
                    },
                    202);
            }

            session.Completed = true;
            session.Drive.ReplaceContent(session.Item, session.Received.ToArray(), context.Clock());
            lock (session.Drive.Gate)
            {
                return GraphResponse.Ok(DriveJson.Item(session.Drive, session.Item, null), 201);
            }
        }
    }

    private static async Task WriteAsync(HttpContext http, GraphResponse response)
    {
        if (response.Drop)
        {
            http.Abort();
            return;
        }

        http.Response.StatusCode = response.Status;
        foreach (var (key, value) in response.Headers)
        {
            http.Response.Headers[key] = value;
        }

        byte[] body = response.BodyBytes();
        if (response.BodyContentType() is { } type)
        {
            http.Response.ContentType = type;
        }

        if (body.Length > 0)
        {
            http.Response.ContentLength = body.Length;
            await http.Response.Body.WriteAsync(body, http.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>Application roles from a JWT access token's payload, or null for an opaque token (no checks).</summary>
    private static IReadOnlySet<string>? Roles(string? authorization)
    {
        string token = authorization?["Bearer ".Length..].Trim() ?? string.Empty;
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            string payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            var claims = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            return claims?["roles"] is JsonArray roles
                ? roles.Select(r => (string)r!).ToHashSet(StringComparer.OrdinalIgnoreCase)
                : new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
