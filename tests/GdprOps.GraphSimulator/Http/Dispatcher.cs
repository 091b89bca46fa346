using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.GraphSimulator.Handlers;
using GdprOps.GraphSimulator.Model;

namespace GdprOps.GraphSimulator.Http;

/// <summary>
/// Runs one request (top-level or a $batch step) through faults, the mailbox throttle and latency, routes it,
/// turns exceptions into Graph errors and logs it.
/// </summary>
internal sealed class Dispatcher
{
    private static readonly HashSet<string> MailSegments = new(StringComparer.OrdinalIgnoreCase) { "mailFolders", "messages", "mailboxSettings" };

    private readonly SimulatorContext context;
    private readonly FaultPlan faults;
    private readonly MailboxThrottle throttle;
    private readonly RequestLog log;
    private readonly MailHandler mail;
    private readonly DriveHandler drives;
    private readonly DirectoryHandler directory;
    private readonly BatchHandler batch;

    public Dispatcher(SimulatorContext context, FaultPlan faults, MailboxThrottle throttle, RequestLog log)
    {
        this.context = context;
        this.faults = faults;
        this.throttle = throttle;
        this.log = log;
        mail = new MailHandler(context);
        drives = new DriveHandler(context);
        directory = new DirectoryHandler(context);
        batch = new BatchHandler(this);
    }

    public async Task<GraphResponse> HandleAsync(GraphRequest request, IReadOnlySet<string>? roles, CancellationToken cancellationToken)
    {
        var started = context.Clock();
        var scope = new RequestScope { Roles = roles };
        Classify(request, scope);
        string clientRequestId = request.Header("client-request-id") ?? Guid.NewGuid().ToString();
        string requestId = Guid.NewGuid().ToString();
        int inFlight = 0;
        bool admitted = false;
        GraphResponse response;
        try
        {
            var fault = faults.Next(new GraphRequestInfo(request.Method, request.Path, scope.Mailbox, scope.DriveId, request.InBatch, request.Query));
            if (fault is not null && fault.Delay > TimeSpan.Zero)
            {
                await Task.Delay(fault.Delay, cancellationToken).ConfigureAwait(false);
            }

            if (fault is { DropConnection: true })
            {
                response = new GraphResponse { Drop = true, Status = 0 };
            }
            else if (fault is { Status: > 0 })
            {
                response = GraphResponse.Error(fault.Status, fault.Code, fault.Message, fault.RetryAfter);
            }
            else
            {
                GraphResponse? rejected = null;
                if (scope.Mailbox is not null)
                {
                    rejected = throttle.TryEnter(scope.Mailbox, out inFlight);
                    admitted = rejected is null;
                }

                if (rejected is not null)
                {
                    response = rejected;
                }
                else
                {
                    if (faults.Latency > TimeSpan.Zero)
                    {
                        await Task.Delay(faults.Latency, cancellationToken).ConfigureAwait(false);
                    }

                    response = await RouteAsync(request, scope, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (GraphException e)
        {
            response = e.ToResponse();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A simulator bug: logged like any answer (with the exception in the message) instead of a bare 500.
            response = GraphResponse.Error(500, "generalException", "The simulator failed: " + e);
        }
        finally
        {
            if (admitted)
            {
                throttle.Release(scope.Mailbox!);
            }
        }

        var retryAfter = response.Headers.TryGetValue("Retry-After", out string? wait) && int.TryParse(wait, NumberStyles.Integer, CultureInfo.InvariantCulture, out int seconds)
            ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        if (retryAfter is { } delay && throttle.Limits.RetryAfterAsHttpDate)
        {
            var until = context.Clock() + delay;
            var whole = new DateTimeOffset(until.UtcTicks - (until.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
            response.Headers["Retry-After"] = (whole < until ? whole.AddSeconds(1) : whole).ToString("r", CultureInfo.InvariantCulture);
        }

        response.Stamp(requestId, clientRequestId, context.Clock());
        log.Add(new RequestRecord
        {
            Sequence = log.NextSequence(),
            Started = started,
            Finished = context.Clock(),
            Method = request.Method,
            Path = request.Path,
            Query = string.Join('&', request.Query.Select(kv => kv.Key + "=" + kv.Value)),
            Mailbox = scope.Mailbox,
            DriveId = scope.DriveId,
            Endpoint = scope.Endpoint,
            Status = response.Status,
            ErrorCode = response.ErrorCode,
            ErrorMessage = (string?)response.Json?["error"]?["message"],
            InBatch = request.InBatch,
            Caller = request.Header("Authorization") is { Length: > 7 } authorization ? authorization.Substring(7).Trim() : null,
            ClientRequestId = request.Header("client-request-id"),
            RetryAttempt = int.TryParse(request.Header("Retry-Attempt"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int attempt) ? attempt : null,
            RetryAfter = retryAfter,
            InFlightOnMailbox = inFlight,
        });
        return response;
    }

    /// <summary>Finds the mailbox or drive a request targets before it runs, so faults and throttling can use it.</summary>
    private void Classify(GraphRequest request, RequestScope scope)
    {
        var s = request.Segments;
        if (s.Length >= 3 && s[0].Equals("users", StringComparison.OrdinalIgnoreCase) && MailSegments.Contains(s[2]))
        {
            scope.Mailbox = context.Tenant.FindUser(s[1])?.Id ?? s[1].ToLowerInvariant();
        }
        else if (s.Length >= 2 && s[0].Equals("drives", StringComparison.OrdinalIgnoreCase))
        {
            scope.DriveId = s[1];
        }
        else if (s.Length >= 3 && s[2].Equals("drive", StringComparison.OrdinalIgnoreCase))
        {
            scope.DriveId = s[0].ToLowerInvariant() switch
            {
                "users" => context.Tenant.FindUser(s[1])?.Drive?.Id,
                "groups" => context.Tenant.Groups.FirstOrDefault(g => g.Id.Equals(s[1], StringComparison.OrdinalIgnoreCase))?.Drive?.Id,
                _ => null,
            };
        }
    }

    private async Task<GraphResponse> RouteAsync(GraphRequest request, RequestScope scope, CancellationToken cancellationToken)
    {
        var s = request.Segments;
        if (s.Length == 0)
        {
            throw GraphException.BadRequest("Invalid request.");
        }

        switch (s[0].ToLowerInvariant())
        {
            case "$batch" when s.Length == 1 && request.Method == "POST":
                if (request.InBatch)
                {
                    throw GraphException.BadRequest("A batch request cannot contain another batch request.");
                }

                scope.Endpoint = "batch";
                return await batch.HandleAsync(request, scope.Roles, cancellationToken).ConfigureAwait(false);
            case "me":
                throw GraphException.BadRequest("/me request is only valid with delegated authentication flow.");
            case "users":
                return Users(request, scope, new ArraySegment<string>(s, 1, s.Length - 1));
            case "drives" when s.Length >= 2:
                {
                    var drive = context.Tenant.Drives.TryGetValue(s[1], out var found) ? found
                        : throw GraphException.NotFound("The drive could not be found.", "itemNotFound");
                    return drives.Handle(request, scope, drive, new ArraySegment<string>(s, 2, s.Length - 2));
                }

            case "sites":
                return Sites(request, scope, s);
            case "groups":
                return Groups(request, scope, s);
            default:
                throw GraphException.BadRequest($"Resource not found for the segment '{s[0]}'.");
        }
    }

    private GraphResponse Users(GraphRequest request, RequestScope scope, ArraySegment<string> rest)
    {
        if (rest.Count == 0)
        {
            return directory.Users(request, scope);
        }

        var user = context.Tenant.FindUser(rest[0])
            ?? throw GraphException.NotFound($"Resource '{rest[0]}' does not exist or one of its queried reference-property objects are not present.", "Request_ResourceNotFound");
        if (rest.Count == 1)
        {
            return directory.User(request, scope, user);
        }

        if (rest[1].Equals("drive", StringComparison.OrdinalIgnoreCase))
        {
            var drive = user.Drive ?? throw GraphException.NotFound("User's mysite not found.", "ResourceNotFound");
            return drives.Handle(request, scope, drive, rest[2..]);
        }

        if (rest[1].Equals("drives", StringComparison.OrdinalIgnoreCase) && rest.Count == 2)
        {
            scope.Endpoint = "user.drives";
            var list = user.Drive is null ? new System.Text.Json.Nodes.JsonArray() : new System.Text.Json.Nodes.JsonArray(DriveJson.Drive(user.Drive, user.Id, user.DisplayName, false));
            return GraphResponse.Ok(new System.Text.Json.Nodes.JsonObject { ["value"] = list });
        }

        return mail.Handle(request, scope, user, rest[1..]);
    }

    private GraphResponse Sites(GraphRequest request, RequestScope scope, string[] s)
    {
        if (s.Length == 1)
        {
            return directory.Sites(request, scope, getAll: false);
        }

        if (s[1].Equals("getAllSites", StringComparison.OrdinalIgnoreCase) || s[1].Equals("getAllSites()", StringComparison.OrdinalIgnoreCase))
        {
            return directory.Sites(request, scope, getAll: true);
        }

        // sites/{hostname}:/sites/{path}: spans segments up to the one that ends with ':'.
        int end = 1;
        if (s[1].EndsWith(':') && s.Length > 2)
        {
            end = 2;
            while (end < s.Length - 1 && !s[end].EndsWith(':'))
            {
                end++;
            }
        }

        string reference = string.Join('/', s[1..(end + 1)]);
        var site = directory.FindSite(reference);
        var rest = new ArraySegment<string>(s, end + 1, s.Length - end - 1);
        if (rest.Count == 0)
        {
            return directory.Site(request, scope, site);
        }

        if (rest[0].Equals("drives", StringComparison.OrdinalIgnoreCase) && rest.Count == 1)
        {
            return directory.SiteDrives(request, scope, site);
        }

        if (rest[0].Equals("drive", StringComparison.OrdinalIgnoreCase))
        {
            return drives.Handle(request, scope, site.Drives[0], rest[1..]);
        }

        if (rest[0].Equals("drives", StringComparison.OrdinalIgnoreCase))
        {
            var drive = site.Drives.FirstOrDefault(d => d.Id == rest[1]) ?? throw GraphException.NotFound("The drive could not be found.", "itemNotFound");
            return drives.Handle(request, scope, drive, rest[2..]);
        }

        throw GraphException.BadRequest($"Resource not found for the segment '{rest[0]}'.");
    }

    private GraphResponse Groups(GraphRequest request, RequestScope scope, string[] s)
    {
        if (s.Length == 1)
        {
            return directory.Groups(request, scope);
        }

        var group = context.Tenant.Groups.FirstOrDefault(g => g.Id.Equals(s[1], StringComparison.OrdinalIgnoreCase))
            ?? throw GraphException.NotFound($"Resource '{s[1]}' does not exist or one of its queried reference-property objects are not present.", "Request_ResourceNotFound");
        if (s.Length == 2)
        {
            return directory.Group(request, scope, group);
        }

        if (s[2].Equals("drive", StringComparison.OrdinalIgnoreCase) && group.Drive is not null)
        {
            return drives.Handle(request, scope, group.Drive, new ArraySegment<string>(s, 3, s.Length - 3));
        }

        throw GraphException.BadRequest($"Resource not found for the segment '{s[2]}'.");
    }
}
