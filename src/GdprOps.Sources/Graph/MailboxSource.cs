using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Hosting;
using GdprOps.Model;
using Microsoft.Graph.Models;

namespace GdprOps.Sources.Graph;

/// <summary>
/// One user or shared mailbox. Subject mode asks the search index for candidates (one KQL query of every
/// identifier, in the mailbox and in Recoverable Items) and lets the engine verify each; discovery, -Deep and a
/// search that hits Graph's 1,000-result cap walk every folder instead. Items are read as MIME, so headers,
/// bodies and attachments all go through the same extraction.
/// </summary>
public sealed class MailboxSource : IItemSource, ICheckpointedSource, IDescribedSource
{
    private const int SearchCap = 1000;
    private const int PageSize = 1000;
    private static readonly string[] Fields = { "id", "subject", "parentFolderId", "receivedDateTime", "lastModifiedDateTime", "changeKey", "webLink" };
    private const string SizeProperty = "singleValueExtendedProperties($filter=id eq 'Integer 0x0E08')";

    /// <summary>Where soft-deleted mail is reported: the folder's place in Outlook, under the non-IPM Recoverable Items.</summary>
    public const string DeletionsLocation = "Recoverable Items/Deletions";

    /// <summary>The well-known folder names of user-list-mailfolders.md / mailfolder.md (language independent).</summary>
    private static readonly HashSet<string> WellKnownNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "archive", "clutter", "conflicts", "conversationhistory", "deleteditems", "drafts", "inbox", "junkemail", "localfailures",
        "msgfolderroot", "outbox", "recoverableitemsdeletions", "scheduled", "searchfolders", "sentitems", "serverfailures", "syncissues",
    };

    private readonly GraphConnection connection;
    private readonly string mailbox;
    private readonly SubjectProfile? subject;
    private readonly MailSweepOptions options;
    private readonly Dictionary<string, string> folderNames = new(StringComparer.Ordinal);

    public MailboxSource(GraphConnection connection, string mailbox, SubjectProfile? subject, MailSweepOptions options)
    {
        this.connection = connection;
        this.mailbox = mailbox;
        this.subject = subject;
        this.options = options;
    }

    public string DisplayName => "mailbox " + mailbox;

    public string CheckpointKey => GdprOps.Sweep.ShardSpec.MailboxKey(mailbox);

    /// <inheritdoc/>
    public SourceItem Describe() => new() { SourceKind = SourceKind.Mailbox, Source = mailbox, Owner = mailbox };

    /// <summary>True when the last listing used the search index (so attachment contents were not searched).</summary>
    public bool UsedSearchIndex { get; private set; }

    public async IAsyncEnumerable<SourceItem> EnumerateAsync(IRunHost host, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var folders = await ResolveFoldersAsync(cancellationToken).ConfigureAwait(false);
        if (subject is not null && !options.Deep)
        {
            var candidates = await SearchAsync(folders, cancellationToken).ConfigureAwait(false);
            if (candidates is not null)
            {
                UsedSearchIndex = true;
                foreach (var message in candidates)
                {
                    yield return await ToItemAsync(message, null, cancellationToken).ConfigureAwait(false);
                }

                yield break;
            }

            host.WriteVerbose($"The search index returned its {SearchCap}-result cap for {DisplayName}: walking every folder instead.");
        }

        foreach (var (folderId, path) in await WalkFoldersAsync(folders, cancellationToken).ConfigureAwait(false))
        {
            await foreach (var message in FolderMessagesAsync(folderId, cancellationToken).ConfigureAwait(false))
            {
                yield return await ToItemAsync(message, path, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Every message of one folder, page by page, with immutable ids and only the fields a listing needs.</summary>
    private async IAsyncEnumerable<Message> FolderMessagesAsync(string folder, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var page = await Run("listing a folder", ct => connection.Client.Users[mailbox].MailFolders[folder].Messages.GetAsync(r =>
        {
            r.QueryParameters.Select = Fields;
            r.QueryParameters.Expand = new[] { SizeProperty };
            r.QueryParameters.Top = PageSize;
            r.Headers.Add("Prefer", "IdType=\"ImmutableId\"");
        }, ct), cancellationToken).ConfigureAwait(false);
        while (page is not null)
        {
            foreach (var message in page.Value ?? new List<Message>())
            {
                yield return message;
            }

            if (page.OdataNextLink is not { } next)
            {
                break;
            }

            page = await Run("listing a folder", ct => connection.Client.Users[mailbox].MailFolders[folder].Messages.WithUrl(next)
                .GetAsync(r => r.Headers.Add("Prefer", "IdType=\"ImmutableId\""), ct), cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<Stream> OpenReadAsync(SourceItem item, CancellationToken cancellationToken) =>
        connection.Executor.DownloadAsync(mailbox, "reading a message", "message", item.SizeBytes,
            ct => connection.Client.Users[mailbox].Messages[item.ItemId].Content.GetAsync(cancellationToken: ct), cancellationToken);

    /// <summary>Candidates from the index, or null when the cap was hit (then the caller walks).</summary>
    private async Task<List<Message>?> SearchAsync(IReadOnlyList<string>? folders, CancellationToken cancellationToken)
    {
        string query = SearchTerms.MailQuery(subject!);
        // The mailbox view and Recoverable Items (soft-deleted mail, which /messages does not include), side by side.
        var scopes = new List<string?> { null };
        if (folders is null || folders.Contains("recoverableitemsdeletions", StringComparer.OrdinalIgnoreCase))
        {
            scopes.Add("recoverableitemsdeletions");
        }

        var results = await Task.WhenAll(scopes.Select(scope => SearchScopeAsync(scope, query, cancellationToken))).ConfigureAwait(false);
        if (results.Any(r => r is null))
        {
            return null;
        }

        // Hits of the Recoverable Items scope are reported under its fixed location, as in a walk.
        foreach (var message in results.Length > 1 ? results[1]! : new List<Message>())
        {
            if (message.ParentFolderId is { } parent)
            {
                folderNames[parent] = DeletionsLocation;
            }
        }

        var found = new Dictionary<string, Message>(StringComparer.Ordinal);
        foreach (var message in results.SelectMany(r => r!))
        {
            if (message.Id is { } id)
            {
                found[id] = message;
            }
        }

        var candidates = found.Values.ToList();
        if (folders is not null)
        {
            var allowed = new HashSet<string>(StringComparer.Ordinal);
            foreach (string folder in folders)
            {
                allowed.Add(await FolderIdAsync(folder, cancellationToken).ConfigureAwait(false));
            }

            candidates = candidates.Where(m => m.ParentFolderId is { } parent && allowed.Contains(parent)).ToList();
        }

        return candidates;
    }

    /// <summary>One search scope's hits, or null when it returned the cap (then the index cannot be trusted to be complete).</summary>
    private async Task<List<Message>?> SearchScopeAsync(string? scope, string query, CancellationToken cancellationToken)
    {
        var hits = new List<Message>();
        MessageCollectionResponse? page;
        try
        {
            page = await Run("searching", ct => scope is null
                ? connection.Client.Users[mailbox].Messages.GetAsync(r => Search(r.QueryParameters, r.Headers, query), ct)
                : connection.Client.Users[mailbox].MailFolders[scope].Messages.GetAsync(r => Search(r.QueryParameters, r.Headers, query), ct), cancellationToken).ConfigureAwait(false);
        }
        catch (SourceItemException e) when (scope is not null && e.ErrorId is not ErrorIds.GraphThrottled)
        {
            // $search on Recoverable Items may be refused in any way (400, 403, 404, 501: the docs do not say); its
            // mail is still swept, by listing the folder (every message there is a candidate the engine verifies).
            // A mailbox the app truly may not read fails that listing too, and is reported as such.
            return await ListFolderAsync(scope, cancellationToken).ConfigureAwait(false);
        }

        while (page is not null)
        {
            hits.AddRange(page.Value ?? new List<Message>());
            if (hits.Count >= SearchCap)
            {
                return null;
            }

            if (page.OdataNextLink is not { } next)
            {
                break;
            }

            page = await Run("searching", ct => connection.Client.Users[mailbox].Messages.WithUrl(next).GetAsync(r => r.Headers.Add("Prefer", "IdType=\"ImmutableId\""), ct), cancellationToken).ConfigureAwait(false);
        }

        return hits;
    }

    private async Task<List<Message>> ListFolderAsync(string folder, CancellationToken cancellationToken)
    {
        var messages = new List<Message>();
        try
        {
            await foreach (var message in FolderMessagesAsync(folder, cancellationToken).ConfigureAwait(false))
            {
                messages.Add(message);
            }
        }
        catch (SourceItemException e) when (messages.Count == 0 && e.Kind == ErrorKind.NotFound && e.ErrorId != ErrorIds.MailboxNotFound)
        {
            // The mailbox has no such folder: nothing there to sweep.
        }

        return messages;
    }

    private static void Search(Microsoft.Graph.Users.Item.Messages.MessagesRequestBuilder.MessagesRequestBuilderGetQueryParameters query, Microsoft.Kiota.Abstractions.RequestHeaders headers, string kql)
    {
        query.Search = kql;
        query.Select = Fields;
        query.Expand = new[] { SizeProperty };
        query.Top = PageSize;
        headers.Add("Prefer", "IdType=\"ImmutableId\"");
    }

    private static void Search(Microsoft.Graph.Users.Item.MailFolders.Item.Messages.MessagesRequestBuilder.MessagesRequestBuilderGetQueryParameters query, Microsoft.Kiota.Abstractions.RequestHeaders headers, string kql)
    {
        query.Search = kql;
        query.Select = Fields;
        query.Expand = new[] { SizeProperty };
        query.Top = PageSize;
        headers.Add("Prefer", "IdType=\"ImmutableId\"");
    }

    private async Task<SourceItem> ToItemAsync(Message message, string? folderPath, CancellationToken cancellationToken)
    {
        string folder = folderPath ?? (message.ParentFolderId is { } parent ? await FolderNameAsync(parent, cancellationToken).ConfigureAwait(false) : string.Empty);
        long? size = message.SingleValueExtendedProperties?.FirstOrDefault()?.Value is { } text && long.TryParse(text, out long bytes) ? bytes : null;
        return new SourceItem
        {
            SourceKind = SourceKind.Mailbox,
            Source = mailbox,
            Location = folder,
            ItemId = message.Id ?? string.Empty,
            ItemName = message.Subject ?? string.Empty,
            ItemUri = message.WebLink ?? $"{connection.BaseUrl.ToString().TrimEnd('/')}/users/{mailbox}/messages/{message.Id}",
            Version = message.ChangeKey,
            Owner = mailbox,
            Created = message.ReceivedDateTime,
            Modified = message.LastModifiedDateTime,
            SizeBytes = size,
            Extension = ".eml",
        };
    }

    /// <summary>The -Folder values (well-known names or display paths), or null for every folder.</summary>
    private Task<IReadOnlyList<string>?> ResolveFoldersAsync(CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        return Task.FromResult<IReadOnlyList<string>?>(options.Folders is { Count: > 0 } folders ? folders : null);
    }

    /// <summary>Every folder to walk with its display path: the whole tree, plus Recoverable Items\Deletions.</summary>
    private async Task<List<(string Id, string Path)>> WalkFoldersAsync(IReadOnlyList<string>? only, CancellationToken cancellationToken)
    {
        var result = new List<(string, string)>();
        string? deletions = null;
        try
        {
            var recoverable = await Run("listing folders", ct => connection.Client.Users[mailbox].MailFolders["recoverableitemsdeletions"].GetAsync(r => r.QueryParameters.Select = new[] { "id", "displayName" }, ct), cancellationToken).ConfigureAwait(false);
            deletions = recoverable?.Id;
        }
        catch (SourceItemException e) when (e.Kind is ErrorKind.NotFound)
        {
        }

        var pending = new Queue<(string? ParentId, string Prefix)>();
        pending.Enqueue((null, string.Empty));
        while (pending.Count > 0)
        {
            var (parentId, prefix) = pending.Dequeue();
            var page = await Run("listing folders", ct => parentId is null
                ? connection.Client.Users[mailbox].MailFolders.GetAsync(r =>
                {
                    r.QueryParameters.Top = 250;
                    r.QueryParameters.IncludeHiddenFolders = "true";
                }, ct)
                : connection.Client.Users[mailbox].MailFolders[parentId].ChildFolders.GetAsync(r => r.QueryParameters.Top = 250, ct), cancellationToken).ConfigureAwait(false);
            while (page is not null)
            {
                foreach (var folder in page.Value ?? new List<MailFolder>())
                {
                    if (folder.Id is null || (folder.IsHidden == true && folder.Id != deletions))
                    {
                        continue;
                    }

                    string path = prefix.Length == 0 ? folder.DisplayName ?? folder.Id : prefix + "/" + folder.DisplayName;
                    folderNames[folder.Id] = path;
                    result.Add((folder.Id, path));
                    if (folder.ChildFolderCount > 0)
                    {
                        pending.Enqueue((folder.Id, path));
                    }
                }

                if (page.OdataNextLink is not { } next)
                {
                    break;
                }

                page = await Run("listing folders", ct => connection.Client.Users[mailbox].MailFolders.WithUrl(next).GetAsync(cancellationToken: ct), cancellationToken).ConfigureAwait(false);
            }
        }

        // Recoverable Items is not under the mailbox root (user-list-mailfolders.md lists only the root's children):
        // its Deletions folder, fetched by well-known name above, joins every walk with a fixed location.
        if (deletions is not null && !result.Any(f => f.Item1 == deletions))
        {
            folderNames[deletions] = DeletionsLocation;
            result.Add((deletions, DeletionsLocation));
        }

        if (only is null)
        {
            return result;
        }

        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (string folder in only)
        {
            wanted.Add(await FolderIdAsync(folder, cancellationToken).ConfigureAwait(false));
        }

        return result.Where(f => wanted.Contains(f.Item1)).ToList();
    }

    /// <summary>A well-known name or a display path ("Inbox/Projects") to a folder id.</summary>
    private async Task<string> FolderIdAsync(string folder, CancellationToken cancellationToken)
    {
        // Only documented well-known names are asked for by name: anything else may be answered 400
        // ErrorInvalidIdMalformed rather than 404, and is looked for by display path in the walk.
        if (WellKnownNames.Contains(folder.Trim()))
        {
            try
            {
                var known = await Run("resolving a folder", ct => connection.Client.Users[mailbox].MailFolders[folder.Trim()].GetAsync(r => r.QueryParameters.Select = new[] { "id", "displayName" }, ct), cancellationToken).ConfigureAwait(false);
                if (known?.Id is { } id)
                {
                    folderNames[id] = string.Equals(folder.Trim(), "recoverableitemsdeletions", StringComparison.OrdinalIgnoreCase) ? DeletionsLocation : known.DisplayName ?? folder;
                    return id;
                }
            }
            catch (SourceItemException e) when (e.Kind is ErrorKind.NotFound or ErrorKind.ReadError or ErrorKind.InvalidArgument or ErrorKind.InvalidData && e.ErrorId != ErrorIds.MailboxNotFound)
            {
            }
        }

        if (folderNames.Count == 0)
        {
            await WalkFoldersAsync(null, cancellationToken).ConfigureAwait(false);
        }

        foreach (var pair in folderNames)
        {
            if (string.Equals(pair.Value, folder.Trim('/'), StringComparison.OrdinalIgnoreCase))
            {
                return pair.Key;
            }
        }

        throw new SourceItemException(ErrorIds.PathNotFound, ErrorKind.NotFound, $"The mailbox has no folder '{folder}'.");
    }

    private async Task<string> FolderNameAsync(string folderId, CancellationToken cancellationToken)
    {
        if (folderNames.TryGetValue(folderId, out string? name))
        {
            return name;
        }

        var folder = await Run("resolving a folder", ct => connection.Client.Users[mailbox].MailFolders[folderId].GetAsync(r => r.QueryParameters.Select = new[] { "displayName" }, ct), cancellationToken).ConfigureAwait(false);
        return folderNames[folderId] = folder?.DisplayName ?? string.Empty;
    }

    private Task<T> Run<T>(string what, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        connection.Executor.RunAsync(mailbox, what, "mailbox", call, cancellationToken);
}
