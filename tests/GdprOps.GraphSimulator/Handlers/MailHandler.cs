using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GdprOps.GraphSimulator.Http;
using GdprOps.GraphSimulator.Model;
using GdprOps.GraphSimulator.OData;

namespace GdprOps.GraphSimulator.Handlers;

/// <summary>/users/{id}/mailFolders, /messages, delta, MIME, attachments, move and deletes.</summary>
internal sealed class MailHandler
{
    private const int SearchCap = 1000;
    private readonly SimulatorContext context;

    public MailHandler(SimulatorContext context) => this.context = context;

    /// <summary><paramref name="rest"/> is the path after /users/{id}.</summary>
    public GraphResponse Handle(GraphRequest request, RequestScope scope, SimUser user, ArraySegment<string> rest)
    {
        var mailbox = Mailbox(user);
        string first = rest[0];
        if (first.Equals("mailboxSettings", StringComparison.OrdinalIgnoreCase))
        {
            scope.Endpoint = "mailboxSettings";
            Permissions.Require(scope, "mail", Permissions.MailboxSettingsRead);
            return GraphResponse.Ok(new JsonObject
            {
                ["@odata.context"] = $"{context.BaseUrl}/$metadata#users('{user.Id}')/mailboxSettings",
                ["timeZone"] = "UTC",
                ["userPurpose"] = user.UserPurpose,
            });
        }

        if (first.Equals("mailFolders", StringComparison.OrdinalIgnoreCase))
        {
            return Folders(request, scope, mailbox, rest[1..]);
        }

        if (first.Equals("messages", StringComparison.OrdinalIgnoreCase))
        {
            return Messages(request, scope, mailbox, null, rest[1..]);
        }

        throw GraphException.BadRequest($"Resource not found for the segment '{first}'.", "BadRequest");
    }

    private static SimMailbox Mailbox(SimUser user) => user.MailboxKind switch
    {
        MailboxKind.None => throw GraphException.NotFound("The mailbox is either inactive, soft-deleted, or is hosted on-premise.", "MailboxNotEnabledForRESTAPI"),
        MailboxKind.Forbidden => throw new GraphException(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again."),
        _ => user.Mailbox!,
    };

    private GraphResponse Folders(GraphRequest request, RequestScope scope, SimMailbox mailbox, ArraySegment<string> rest)
    {
        Permissions.Require(scope, "mail", Permissions.MailRead);
        if (rest.Count == 0)
        {
            scope.Endpoint = "mailFolders.list";
            return FolderList(request, mailbox, mailbox.Root);
        }

        SimMailFolder folder;
        lock (mailbox.Gate)
        {
            // A segment that is neither a folder id nor a documented well-known name is answered 400
            // ErrorInvalidIdMalformed, as Exchange does for a malformed id, rather than 404 (the harder reading).
            folder = mailbox.FindFolder(rest[0]) ?? throw (LooksLikeFolderId(rest[0])
                ? GraphException.NotFound("The specified object was not found in the store.")
                : new GraphException(400, "ErrorInvalidIdMalformed", "Id is malformed."));
        }

        if (rest.Count == 1)
        {
            scope.Endpoint = "mailFolder.get";
            lock (mailbox.Gate)
            {
                var selected = QueryOptions.Select(request, MailJson.FolderProperties, "mailFolder");
                return GraphResponse.Ok(QueryOptions.Project(MailJson.Folder(mailbox, folder), selected));
            }
        }

        string next = rest[1];
        if (next.Equals("childFolders", StringComparison.OrdinalIgnoreCase) && rest.Count == 2)
        {
            scope.Endpoint = "childFolders.list";
            return FolderList(request, mailbox, folder);
        }

        if (next.Equals("messages", StringComparison.OrdinalIgnoreCase))
        {
            return Messages(request, scope, mailbox, folder, rest[2..]);
        }

        throw GraphException.BadRequest($"Resource not found for the segment '{next}'.");
    }

    private GraphResponse FolderList(GraphRequest request, SimMailbox mailbox, SimMailFolder parent)
    {
        bool hidden = Permissions.IsTrue(request.Option("includeHiddenFolders"));
        lock (mailbox.Gate)
        {
            var children = parent.ChildIds.Select(id => mailbox.Folders[id]).Where(f => hidden || !f.IsHidden).ToList();
            var selected = QueryOptions.Select(request, MailJson.FolderProperties, "mailFolder");
            int top = QueryOptions.Top(request, 10, 1000);
            return GraphResponse.Ok(QueryOptions.Page(request, context.BaseUrl, children, QueryOptions.Offset(request), top,
                f => QueryOptions.Project(MailJson.Folder(mailbox, f), selected)));
        }
    }

    private GraphResponse Messages(GraphRequest request, RequestScope scope, SimMailbox mailbox, SimMailFolder? folder, ArraySegment<string> rest)
    {
        if (rest.Count == 0)
        {
            Permissions.Require(scope, "mail", Permissions.MailRead);
            return List(request, scope, mailbox, folder);
        }

        if (IsDelta(rest[0]))
        {
            if (folder is null)
            {
                throw GraphException.BadRequest("Delta on messages is supported per folder: use /mailFolders/{id}/messages/delta.", "ErrorInvalidUrlQuery");
            }

            Permissions.Require(scope, "mail", Permissions.MailRead);
            scope.Endpoint = "messages.delta";
            return Delta(request, mailbox, folder);
        }

        SimMessage message;
        lock (mailbox.Gate)
        {
            message = mailbox.FindMessage(rest[0]) ?? throw GraphException.NotFound("The specified object was not found in the store.");
            if (folder is not null && message.FolderId != folder.Id)
            {
                throw GraphException.NotFound("The specified object was not found in the store.");
            }
        }

        return rest.Count == 1
            ? Message(request, scope, mailbox, message)
            : MessagePart(request, scope, mailbox, message, rest[1..]);
    }

    private GraphResponse List(GraphRequest request, RequestScope scope, SimMailbox mailbox, SimMailFolder? folder)
    {
        string? search = request.Option("$search");
        var order = QueryOptions.OrderBy(request, MailJson.MessageFilterable);
        string? filterText = request.Option("$filter");
        if (search is not null)
        {
            if (order.Count > 0)
            {
                throw GraphException.BadRequest("The query parameter '$orderby' is not supported with '$search'.", "SearchWithOrderBy");
            }

            if (filterText is not null)
            {
                throw GraphException.BadRequest("The query parameter '$filter' is not supported with '$search'.", "ErrorInvalidUrlQuery");
            }

            if (request.Option("$skip") is not null)
            {
                throw GraphException.BadRequest("The query parameter '$skip' is not supported with '$search'.", "searchAndSkip");
            }
        }

        var filter = filterText is null ? null : FilterExpression.Parse(filterText, MailJson.MessageFilterable, "ErrorInvalidUrlQueryFilter");
        QueryOptions.CheckFilterOrder(filter, order);
        var kql = search is null ? null : KqlQuery.Parse(search, context.SearchWholeWords, context.SearchDiacriticSensitive);
        var selected = QueryOptions.Select(request, MailJson.MessageProperties, "message");
        int top = QueryOptions.Top(request, 10, 1000);
        bool immutable = request.Prefers("IdType=\"ImmutableId\"");
        bool text = request.Prefers("outlook.body-content-type=\"text\"");
        bool size = WantsSize(request);
        bool count = Permissions.IsTrue(request.Option("$count"));
        scope.Endpoint = kql is null ? "messages.list" : "messages.search";

        lock (mailbox.Gate)
        {
            var visible = mailbox.Messages.Values.Where(m => folder is null ? !mailbox.Folders[m.FolderId].IsHidden : m.FolderId == folder.Id);
            if (filter is not null)
            {
                visible = visible.Where(m => filter.Matches(p => MailJson.FilterValue(m, p)));
            }

            List<SimMessage> all;
            if (kql is not null)
            {
                // The index answers in sent-date order and never more than 1,000 results in all.
                bool keepMarks = context.SearchDiacriticSensitive;
                all = visible.Where(m => kql.Matches(field => Indexed(m, field, keepMarks)))
                    .OrderByDescending(m => m.SentDateTime).ThenBy(m => m.ImmutableId, StringComparer.Ordinal).Take(SearchCap).ToList();
            }
            else
            {
                all = QueryOptions.Sort(visible, order.Count == 0 ? new[] { ("receivedDateTime", true) } : order, MailJson.FilterValue, m => m.ImmutableId);
            }

            var body = QueryOptions.Page(request, context.BaseUrl, all, QueryOptions.Offset(request), top,
                m => QueryOptions.Project(MailJson.Message(m, immutable, text, size), WithExpanded(selected, size)), count ? all.Count : null);
            return Preferred(GraphResponse.Ok(body), immutable, text);
        }
    }

    private static bool LooksLikeFolderId(string segment) => segment.Length >= 16 && segment.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '=');

    /// <summary>The KQL properties the simulated index holds.</summary>
    internal static readonly string[] IndexedProperties = { "bare", "from", "to", "cc", "bcc", "recipients", "participants", "subject", "body", "attachment" };

    internal static string Indexed(SimMessage message, string field, bool keepMarks = false) =>
        keepMarks ? message.IndexedFields.GetOrAdd(field + "|marks", _ => KqlQuery.Fold(SearchField(message, field), keepMarks: true))
        : message.IndexedFields.GetOrAdd(field, f => KqlQuery.Fold(SearchField(message, f)));

    private static string SearchField(SimMessage message, string field) => field.ToLowerInvariant() switch
    {
        "bare" => $"{Address(message.From)} {message.Subject} {message.BodyText}",
        "from" => Address(message.From),
        "to" => string.Join(' ', message.To.Select(Address)),
        "cc" => string.Join(' ', message.Cc.Select(Address)),
        "bcc" => string.Join(' ', message.Bcc.Select(Address)),
        "recipients" => string.Join(' ', message.To.Concat(message.Cc).Concat(message.Bcc).Select(Address)),
        "participants" => string.Join(' ', new[] { message.From }.Concat(message.To).Concat(message.Cc).Concat(message.Bcc).Select(Address)),
        "subject" => message.Subject,
        "body" => message.BodyText,
        "attachment" => string.Join(' ', message.Attachments.Select(a => a.Name)),
        _ => string.Empty,
    };

    private static string Address(SimAddress address) => $"{address.Name} {address.Address}";

    private GraphResponse Message(GraphRequest request, RequestScope scope, SimMailbox mailbox, SimMessage message)
    {
        switch (request.Method)
        {
            case "GET":
                scope.Endpoint = "message.get";
                Permissions.Require(scope, "mail", Permissions.MailRead);
                bool immutable = request.Prefers("IdType=\"ImmutableId\"");
                bool text = request.Prefers("outlook.body-content-type=\"text\"");
                bool size = WantsSize(request);
                var selected = QueryOptions.Select(request, MailJson.MessageProperties, "message");
                lock (mailbox.Gate)
                {
                    var json = QueryOptions.Project(MailJson.Message(message, immutable, text, size), WithExpanded(selected, size));
                    if (request.Option("$expand")?.Contains("attachments", StringComparison.OrdinalIgnoreCase) == true)
                    {
                        json["attachments"] = new JsonArray(message.Attachments.Select(a => (JsonNode)MailJson.Attachment(a, true)).ToArray());
                    }

                    return Preferred(GraphResponse.Ok(json), immutable, text);
                }

            case "DELETE":
                scope.Endpoint = "message.delete";
                Permissions.Require(scope, "mail", Permissions.MailWrite);
                lock (mailbox.Gate)
                {
                    var deletions = mailbox.WellKnown("recoverableitemsdeletions");
                    if (message.FolderId == deletions.Id)
                    {
                        // message-delete.md: deleting an item already in Recoverable Items is refused.
                        throw new GraphException(400, "ErrorCannotDeleteObject", "The object cannot be deleted.");
                    }

                    // Where a DELETE goes is undocumented (docs issue #285): the tenant option picks the reading.
                    var deletedItems = mailbox.WellKnown("deleteditems");
                    var target = context.Tenant.MessageDelete == MessageDeleteBehavior.ToDeletedItemsFirst && message.FolderId != deletedItems.Id ? deletedItems : deletions;
                    mailbox.Move(message, target, context.Clock());
                }

                return GraphResponse.NoContent();
            default:
                throw new GraphException(405, "ErrorInvalidRequest", "The OData request is not supported.");
        }
    }

    private GraphResponse MessagePart(GraphRequest request, RequestScope scope, SimMailbox mailbox, SimMessage message, ArraySegment<string> rest)
    {
        string part = rest[0];
        if (part == "$value" && rest.Count == 1 && request.Method == "GET")
        {
            scope.Endpoint = "message.mime";
            Permissions.Require(scope, "mail", Permissions.MailRead);
            return GraphResponse.Content(message.Mime, "text/plain");
        }

        if (part.Equals("attachments", StringComparison.OrdinalIgnoreCase) && request.Method == "GET")
        {
            Permissions.Require(scope, "mail", Permissions.MailRead);
            return Attachments(request, scope, message, rest[1..]);
        }

        if (part.Equals("move", StringComparison.OrdinalIgnoreCase) && rest.Count == 1 && request.Method == "POST")
        {
            scope.Endpoint = "message.move";
            Permissions.Require(scope, "mail", Permissions.MailWrite);
            string destination = Property(request.Json, "destinationId")
                ?? throw GraphException.BadRequest("The destinationId parameter is required.", "ErrorInvalidRequest");
            bool immutable = request.Prefers("IdType=\"ImmutableId\"");
            lock (mailbox.Gate)
            {
                var target = mailbox.FindFolder(destination) ?? throw GraphException.NotFound("The specified folder could not be found in the store.", "ErrorItemNotFound");
                mailbox.Move(message, target, context.Clock());
                return Preferred(GraphResponse.Ok(MailJson.Message(message, immutable, false, false), 201), immutable, false);
            }
        }

        if (part.Equals("permanentDelete", StringComparison.OrdinalIgnoreCase) && rest.Count == 1 && request.Method == "POST")
        {
            scope.Endpoint = "message.permanentDelete";
            Permissions.Require(scope, "mail", Permissions.MailWrite);
            lock (mailbox.Gate)
            {
                mailbox.Purge(message);
            }

            return GraphResponse.NoContent();
        }

        throw new GraphException(405, "ErrorInvalidRequest", "The OData request is not supported.");
    }

    private static GraphResponse Attachments(GraphRequest request, RequestScope scope, SimMessage message, ArraySegment<string> rest)
    {
        if (rest.Count == 0)
        {
            scope.Endpoint = "attachments.list";
            var list = new JsonArray(message.Attachments.Select(a => (JsonNode)MailJson.Attachment(a, true)).ToArray());
            return GraphResponse.Ok(new JsonObject { ["value"] = list });
        }

        var attachment = message.Attachments.FirstOrDefault(a => a.Id == rest[0])
            ?? throw GraphException.NotFound("The specified object was not found in the store.");
        if (rest.Count == 1)
        {
            scope.Endpoint = "attachment.get";
            return GraphResponse.Ok(MailJson.Attachment(attachment, true));
        }

        if (rest.Count == 2 && rest[1] == "$value")
        {
            scope.Endpoint = "attachment.value";
            return attachment.Kind switch
            {
                AttachmentKind.Reference => throw new GraphException(405, "ErrorInvalidRequest", "The $value of a reference attachment is not supported."),
                AttachmentKind.Item => GraphResponse.Content(attachment.Content, "text/plain"),
                _ => GraphResponse.Content(attachment.Content, attachment.ContentType),
            };
        }

        throw GraphException.BadRequest("Unsupported attachment segment.");
    }

    private GraphResponse Delta(GraphRequest request, SimMailbox mailbox, SimMailFolder folder)
    {
        JsonObject state;
        string? skip = request.Option("$skiptoken");
        string? delta = request.Option("$deltatoken");
        if (skip is not null || delta is not null)
        {
            state = PageTokens.Decode(skip ?? delta!);
            if (delta is not null)
            {
                // A new round: changes after the previous round's high-water mark.
                state["s"] = (long)(state["u"] ?? 0);
                state.Remove("u");
                state["o"] = 0;
            }
        }
        else
        {
            string? filter = request.Option("$filter");
            if (filter is not null && !IsReceivedFloor(filter))
            {
                throw GraphException.BadRequest("Delta on messages supports only a receivedDateTime ge or gt $filter.", "ErrorInvalidUrlQueryFilter");
            }

            if (request.Option("$search") is not null || request.Option("$orderby") is not null)
            {
                throw GraphException.BadRequest("$search and $orderby are not supported on delta.", "ErrorInvalidUrlQuery");
            }

            QueryOptions.Select(request, MailJson.MessageProperties, "message");
            string? maxPage = request.Preference("odata.maxpagesize");
            int top = maxPage is not null && int.TryParse(maxPage, out int pageSize) ? Math.Clamp(pageSize, 1, 1000) : QueryOptions.Top(request, 10, 1000);
            state = new JsonObject { ["s"] = 0L, ["o"] = 0, ["t"] = top, ["f"] = filter, ["sel"] = request.Option("$select") };
        }

        bool immutable = request.Prefers("IdType=\"ImmutableId\"");
        lock (mailbox.Gate)
        {
            long since = (long)state["s"]!;
            long until = state["u"] is JsonNode u ? (long)u : mailbox.CurrentSequence;
            state["u"] = until;
            string? filterText = (string?)state["f"];
            var filter = filterText is null ? null : FilterExpression.Parse(filterText, MailJson.MessageFilterable, "ErrorInvalidUrlQueryFilter");
            string? select = (string?)state["sel"];
            var selected = select is null ? null : new HashSet<string>(select.Split(',').Select(s => s.Trim()).Append("id"), StringComparer.OrdinalIgnoreCase);

            var changes = new List<(long Sequence, JsonNode Json)>();
            foreach (var message in mailbox.Messages.Values)
            {
                if (message.FolderId == folder.Id && message.Sequence > since && message.Sequence <= until
                    && (filter is null || filter.Matches(p => MailJson.FilterValue(message, p))))
                {
                    changes.Add((message.Sequence, QueryOptions.Project(MailJson.Message(message, immutable, false, false), selected)));
                }
            }

            if (since > 0)
            {
                foreach (var (immutableId, restId, sequence) in folder.Departures)
                {
                    if (sequence > since && sequence <= until && !(mailbox.Messages.TryGetValue(immutableId, out var back) && back.FolderId == folder.Id))
                    {
                        changes.Add((sequence, new JsonObject
                        {
                            ["@odata.type"] = "#microsoft.graph.message",
                            ["id"] = immutable ? immutableId : restId,
                            ["@removed"] = new JsonObject { ["reason"] = "deleted" },
                        }));
                    }
                }
            }

            string link = $"{context.BaseUrl}/{string.Join('/', request.Segments.Select(Uri.EscapeDataString))}".Replace("delta%28%29", "delta()", StringComparison.Ordinal);
            var body = DeltaPage.Build($"{context.BaseUrl}/$metadata#Collection(message)", link, changes, state, "$deltatoken");
            return Preferred(GraphResponse.Ok(body), immutable, false);
        }
    }

    private static bool IsReceivedFloor(string filter)
    {
        var parts = filter.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 3 && parts[0].Equals("receivedDateTime", StringComparison.OrdinalIgnoreCase)
            && (parts[1].Equals("ge", StringComparison.OrdinalIgnoreCase) || parts[1].Equals("gt", StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsDelta(string segment) =>
        segment.Equals("delta()", StringComparison.OrdinalIgnoreCase) || segment.Equals("delta", StringComparison.OrdinalIgnoreCase)
        || segment.Equals("microsoft.graph.delta()", StringComparison.OrdinalIgnoreCase);

    private static bool WantsSize(GraphRequest request)
    {
        string? expand = request.Option("$expand");
        return expand is not null && expand.Contains("singleValueExtendedProperties", StringComparison.OrdinalIgnoreCase)
            && expand.Replace(" ", string.Empty, StringComparison.Ordinal).Contains("0x0E08", StringComparison.OrdinalIgnoreCase);
    }

    private static HashSet<string>? WithExpanded(HashSet<string>? selected, bool size)
    {
        if (selected is not null && size)
        {
            selected.Add("singleValueExtendedProperties");
        }

        return selected;
    }

    private static GraphResponse Preferred(GraphResponse response, bool immutable, bool text)
    {
        var applied = new List<string>();
        if (text)
        {
            applied.Add("outlook.body-content-type=\"text\"");
        }

        if (immutable)
        {
            applied.Add("IdType=\"ImmutableId\"");
        }

        if (applied.Count > 0)
        {
            response.Headers["Preference-Applied"] = string.Join(", ", applied);
        }

        return response;
    }

    /// <summary>Reads a JSON property case-insensitively (the SDK sends "DestinationId").</summary>
    private static string? Property(JsonNode? json, string name)
    {
        if (json is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    return value?.GetValue<string>();
                }
            }
        }

        return null;
    }
}
