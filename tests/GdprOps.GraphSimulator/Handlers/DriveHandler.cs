using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using GdprOps.GraphSimulator.Http;
using GdprOps.GraphSimulator.Model;
using GdprOps.GraphSimulator.OData;

namespace GdprOps.GraphSimulator.Handlers;

/// <summary>Drive and driveItem requests once the drive is known (/drives/{id}, /users/{id}/drive, ...).</summary>
internal sealed class DriveHandler
{
    private readonly SimulatorContext context;

    public DriveHandler(SimulatorContext context) => this.context = context;

    public GraphResponse Handle(GraphRequest request, RequestScope scope, SimDrive drive, ArraySegment<string> rest)
    {
        scope.DriveId = drive.Id;
        bool write = request.Method is "DELETE" or "PUT" or "PATCH" or "POST";
        Permissions.Require(scope, "files", write ? Permissions.FilesWrite : Permissions.FilesRead);
        if (rest.Count == 0)
        {
            scope.Endpoint = "drive.get";
            var (ownerId, ownerName, isGroup) = Owner(drive);
            return GraphResponse.Ok(DriveJson.Drive(drive, ownerId, ownerName, isGroup));
        }

        SimDriveItem item;
        ArraySegment<string> after;
        string head = rest[0];
        if (head.Equals("root", StringComparison.OrdinalIgnoreCase))
        {
            item = drive.Root;
            after = rest[1..];
        }
        else if (head.StartsWith("root:", StringComparison.OrdinalIgnoreCase))
        {
            // root:/folder/file.txt: addressing arrives as segments "root:", "folder", "file.txt:".
            (item, after) = ByPath(drive, rest);
        }
        else if (head.Equals("items", StringComparison.OrdinalIgnoreCase) && rest.Count >= 2)
        {
            lock (drive.Gate)
            {
                item = rest[1].Equals("root", StringComparison.OrdinalIgnoreCase) ? drive.Root
                    : drive.Items.TryGetValue(rest[1], out var found) && !found.InRecycleBin ? found
                    : throw GraphException.NotFound("The resource could not be found.", "itemNotFound");
            }

            after = rest[2..];
        }
        else
        {
            throw GraphException.BadRequest($"Resource not found for the segment '{head}'.");
        }

        return Item(request, scope, drive, item, after);
    }

    private (string? Id, string? Name, bool IsGroup) Owner(SimDrive drive)
    {
        var user = context.Tenant.Users.FirstOrDefault(u => u.Drive == drive);
        if (user is not null)
        {
            return (user.Id, user.DisplayName, false);
        }

        var group = context.Tenant.Groups.FirstOrDefault(g => g.Drive == drive);
        return group is null ? (null, null, false) : (group.Id, group.DisplayName, true);
    }

    private static (SimDriveItem, ArraySegment<string>) ByPath(SimDrive drive, ArraySegment<string> rest)
    {
        var names = new List<string>();
        string first = rest[0]["root:".Length..];
        int i = 0;
        bool closed = false;
        if (first.Length > 0)
        {
            closed = first.EndsWith(':');
            names.Add(first.TrimEnd(':'));
        }

        while (!closed && ++i < rest.Count)
        {
            closed = rest[i].EndsWith(':');
            names.Add(rest[i].TrimEnd(':'));
        }

        lock (drive.Gate)
        {
            var item = drive.FindByPath(string.Join('/', names.Where(n => n.Length > 0)))
                ?? throw GraphException.NotFound("The resource could not be found.", "itemNotFound");
            return (item, rest[Math.Min(rest.Count, i + 1)..]);
        }
    }

    private GraphResponse Item(GraphRequest request, RequestScope scope, SimDrive drive, SimDriveItem item, ArraySegment<string> rest)
    {
        if (rest.Count == 0)
        {
            return request.Method switch
            {
                "GET" => Get(request, scope, drive, item),
                "DELETE" => Delete(request, scope, drive, item, permanent: false),
                _ => throw new GraphException(405, "invalidRequest", "The method is not supported on this resource."),
            };
        }

        string next = rest[0];
        if (next.Equals("children", StringComparison.OrdinalIgnoreCase) && request.Method == "GET")
        {
            scope.Endpoint = "drive.children";
            lock (drive.Gate)
            {
                var children = drive.LiveChildren(item).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();
                var selected = QueryOptions.Select(request, DriveJson.ItemProperties, "driveItem");
                return GraphResponse.Ok(QueryOptions.Page(request, context.BaseUrl, children, QueryOptions.Offset(request), QueryOptions.Top(request, 200, 1000),
                    c => QueryOptions.Project(DriveJson.Item(drive, c, null), selected)));
            }
        }

        if (next.Equals("content", StringComparison.OrdinalIgnoreCase))
        {
            return Content(request, scope, drive, item);
        }

        if (next.Equals("permanentDelete", StringComparison.OrdinalIgnoreCase) && request.Method == "POST")
        {
            return Delete(request, scope, drive, item, permanent: true);
        }

        if (next.Equals("createUploadSession", StringComparison.OrdinalIgnoreCase) && request.Method == "POST")
        {
            scope.Endpoint = "driveItem.createUploadSession";
            lock (drive.Gate)
            {
                if (item.IsFolder)
                {
                    throw GraphException.BadRequest("A folder has no content.", "invalidRequest");
                }

                // driveitem-createuploadsession.md documents If-Match here: 412 when the item changed.
                CheckIfMatch(request, item);
                var (url, expires) = context.OpenUpload(drive, item);
                return GraphResponse.Ok(new JsonObject
                {
                    ["@odata.context"] = $"{context.BaseUrl}/$metadata#microsoft.graph.uploadSession",
                    ["uploadUrl"] = url,
                    ["expirationDateTime"] = expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                    ["nextExpectedRanges"] = new JsonArray("0-"),
                });
            }
        }

        if (next.StartsWith("delta", StringComparison.OrdinalIgnoreCase) && request.Method == "GET")
        {
            if (item != drive.Root)
            {
                throw GraphException.BadRequest("Delta is only supported on the root of a drive.", "invalidRequest");
            }

            scope.Endpoint = "drive.delta";
            return Delta(request, drive, next);
        }

        if (next.StartsWith("search(", StringComparison.OrdinalIgnoreCase) && request.Method == "GET")
        {
            scope.Endpoint = "drive.search";
            return Search(request, drive, next);
        }

        throw GraphException.BadRequest($"Resource not found for the segment '{next}'.");
    }

    private GraphResponse Get(GraphRequest request, RequestScope scope, SimDrive drive, SimDriveItem item)
    {
        scope.Endpoint = "driveItem.get";
        lock (drive.Gate)
        {
            var selected = QueryOptions.Select(request, DriveJson.ItemProperties, "driveItem");
            string? download = item.IsFolder ? null : context.DownloadUrl(drive, item);
            return GraphResponse.Ok(QueryOptions.Project(DriveJson.Item(drive, item, download), selected));
        }
    }

    private GraphResponse Content(GraphRequest request, RequestScope scope, SimDrive drive, SimDriveItem item)
    {
        if (item.IsFolder)
        {
            throw GraphException.BadRequest("A folder has no content.", "invalidRequest");
        }

        if (request.Method == "GET")
        {
            scope.Endpoint = "driveItem.content";
            lock (drive.Gate)
            {
                return GraphResponse.Redirect(context.DownloadUrl(drive, item));
            }
        }

        if (request.Method == "PUT")
        {
            scope.Endpoint = "driveItem.upload";
            if (request.Body.LongLength > context.Tenant.MaxSimpleUploadBytes)
            {
                throw new GraphException(413, "requestEntityTooLarge", "The request is too large for a simple upload: use an upload session.");
            }

            lock (drive.Gate)
            {
                if (context.Tenant.IfMatchOnPurgeAndUpload)
                {
                    CheckIfMatch(request, item);
                }

                drive.ReplaceContent(item, request.Body, context.Clock());
                return GraphResponse.Ok(DriveJson.Item(drive, item, null));
            }
        }

        throw new GraphException(405, "invalidRequest", "The method is not supported on this resource.");
    }

    private GraphResponse Delete(GraphRequest request, RequestScope scope, SimDrive drive, SimDriveItem item, bool permanent)
    {
        scope.Endpoint = permanent ? "driveItem.permanentDelete" : "driveItem.delete";
        lock (drive.Gate)
        {
            if (item == drive.Root)
            {
                throw new GraphException(403, "accessDenied", "The root of a drive cannot be deleted.");
            }

            // If-Match is documented for DELETE only (driveitem-delete.md); permanentDelete honours it only by option.
            if (!permanent || context.Tenant.IfMatchOnPurgeAndUpload)
            {
                CheckIfMatch(request, item);
            }

            var affected = Subtree(drive, item).ToList();
            var held = affected.FirstOrDefault(i => i.Hold != HoldResponse.None);
            if (held is not null)
            {
                throw held.Hold == HoldResponse.Locked
                    ? new GraphException(423, "resourceLocked", "The resource you are attempting to access is locked.")
                    : new GraphException(403, "accessDenied", "This item is under a retention hold and cannot be deleted.");
            }

            foreach (var target in affected)
            {
                if (permanent)
                {
                    drive.Purge(target);
                }
                else
                {
                    target.InRecycleBin = true;
                    target.Sequence = drive.NextSequence();
                }
            }
        }

        return GraphResponse.NoContent();
    }

    private static IEnumerable<SimDriveItem> Subtree(SimDrive drive, SimDriveItem item)
    {
        yield return item;
        foreach (string child in item.ChildIds.ToList())
        {
            if (drive.Items.TryGetValue(child, out var childItem))
            {
                foreach (var descendant in Subtree(drive, childItem))
                {
                    yield return descendant;
                }
            }
        }
    }

    private static void CheckIfMatch(GraphRequest request, SimDriveItem item)
    {
        string? ifMatch = request.Header("If-Match");
        if (ifMatch is not null && ifMatch != "*" && !string.Equals(ifMatch.Trim(), item.ETag, StringComparison.Ordinal)
            && !string.Equals(ifMatch.Trim(), item.CTag, StringComparison.Ordinal))
        {
            throw new GraphException(412, "resourceModified", "ETag does not match current item's value.");
        }
    }

    private GraphResponse Delta(GraphRequest request, SimDrive drive, string segment)
    {
        string? token = request.Option("token") ?? request.Option("$deltatoken");
        int open = segment.IndexOf("token=", StringComparison.OrdinalIgnoreCase);
        if (open > 0)
        {
            token = segment[(open + 6)..].TrimEnd(')').Trim('\'');
        }

        string? skip = request.Option("$skiptoken");
        JsonObject state;
        if (skip is not null)
        {
            state = PageTokens.Decode(skip);
        }
        else if (token is not null && !token.Equals("latest", StringComparison.OrdinalIgnoreCase))
        {
            state = PageTokens.Decode(token);
            state["s"] = (long)(state["u"] ?? 0);
            state.Remove("u");
            state["o"] = 0;
        }
        else
        {
            state = new JsonObject { ["s"] = 0L, ["o"] = 0, ["t"] = QueryOptions.Top(request, 200, 1000) };
            if (token is not null)
            {
                // token=latest: no items, just a deltaLink from now on.
                lock (drive.Gate)
                {
                    state["s"] = drive.CurrentSequence;
                    state["u"] = drive.CurrentSequence;
                }
            }
        }

        lock (drive.Gate)
        {
            long since = (long)state["s"]!;
            bool staleToken = since > 0 && since < drive.DeltaFloor;
            bool stalePage = skip is not null && state["u"] is JsonNode snapshot && (long)snapshot < drive.DeltaFloor;
            if (staleToken || stalePage)
            {
                var gone = GraphResponse.Error(410, "resyncRequired", "Resync required. Replace any local items with the server's version (including deletes) if you're sure that the service was up to date with your local changes when you last sync'd. Upload any local changes that the server doesn't know about.");
                // The Location starts a fresh enumeration; it is a page link of its own, not the plain delta URL, so a
                // client that restarts from its own first request instead of following it shows in the log.
                var fresh = new JsonObject { ["s"] = 0L, ["o"] = 0, ["t"] = (int)state["t"]!, ["u"] = drive.CurrentSequence };
                gone.Headers["Location"] = $"{context.BaseUrl}/drives/{Uri.EscapeDataString(drive.Id)}/root/delta()?$skiptoken={PageTokens.Encode(fresh)}";
                return gone;
            }

            if (drive.DeltaPageLimit is int pageLimit && (int)state["t"]! > pageLimit)
            {
                state["t"] = pageLimit;
            }

            long until = state["u"] is JsonNode u ? (long)u : drive.CurrentSequence;
            state["u"] = until;
            var changes = new List<(long Sequence, JsonNode Json)>();
            foreach (var item in drive.Items.Values)
            {
                if (item.Sequence > since && item.Sequence <= until)
                {
                    if (item.InRecycleBin)
                    {
                        changes.Add((item.Sequence, DriveJson.Deleted(drive, item.Id, item.ParentId)));
                        continue;
                    }

                    // driveitem-delta.md, Remarks: parentReference carries no path in delta, and the same item can
                    // appear more than once (the last one counts). Every file appears twice here, the stale copy first.
                    var json = DriveJson.Item(drive, item, null);
                    ((JsonObject)json["parentReference"]!).Remove("path");
                    if (!item.IsFolder)
                    {
                        var stale = (JsonObject)json.DeepClone();
                        stale["name"] = item.Name + ".tmp";
                        changes.Add((item.Sequence, stale));
                    }

                    changes.Add((item.Sequence, json));
                }
            }

            if (since > 0)
            {
                foreach (var (id, parentId, sequence) in drive.Purged)
                {
                    if (sequence > since && sequence <= until)
                    {
                        changes.Add((sequence, DriveJson.Deleted(drive, id, parentId)));
                    }
                }
            }

            string link = $"{context.BaseUrl}/drives/{Uri.EscapeDataString(drive.Id)}/root/delta()";
            var body = DeltaPage.Build($"{context.BaseUrl}/$metadata#Collection(driveItem)", link, changes, state, "token");
            return GraphResponse.Ok(body);
        }
    }

    private GraphResponse Search(GraphRequest request, SimDrive drive, string segment)
    {
        // search(q='term') with '' for a quote inside the term.
        int open = segment.IndexOf('\'');
        int close = segment.LastIndexOf('\'');
        if (open < 0 || close <= open)
        {
            throw GraphException.BadRequest("The search function expects q='text'.", "invalidRequest");
        }

        bool keepMarks = context.SearchDiacriticSensitive;
        string query = KqlQuery.Fold(segment[(open + 1)..close].Replace("''", "'", StringComparison.Ordinal), keepMarks);
        var words = query.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        lock (drive.Gate)
        {
            var hits = drive.Items.Values
                .Where(i => !i.InRecycleBin && i.ParentId is not null && words.All(w => KqlQuery.StartsWord(KqlQuery.Fold(i.Name + " " + i.IndexedText, keepMarks), w, context.SearchWholeWords)))
                .OrderBy(i => i.Id, StringComparer.Ordinal).ToList();
            var selected = QueryOptions.Select(request, DriveJson.ItemProperties, "driveItem");
            return GraphResponse.Ok(QueryOptions.Page(request, context.BaseUrl, hits, QueryOptions.Offset(request), QueryOptions.Top(request, 200, 1000),
                i => QueryOptions.Project(DriveJson.Item(drive, i, null), selected)));
        }
    }
}
