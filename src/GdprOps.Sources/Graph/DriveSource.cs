using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Hosting;
using GdprOps.Model;
using Microsoft.Graph.Drives.Item.Items.Item.Delta;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;

namespace GdprOps.Sources.Graph;

/// <summary>
/// One document library (a OneDrive, a SharePoint library, a Teams files library). Subject mode asks the
/// drive's search (names, metadata and content) for candidates and lets the engine verify each; discovery and
/// -Deep walk the whole drive with delta, the complete listing.
/// </summary>
public sealed class DriveSource : IItemSource, ICheckpointedSource, IDescribedSource
{
    /// <summary>How often one listing follows a 410 to start over before it gives up.</summary>
    internal const int MaxDeltaRestarts = 3;
    private readonly GraphConnection connection;
    private readonly string driveId;
    private readonly SubjectProfile? subject;
    private readonly bool deep;

    public DriveSource(GraphConnection connection, string driveId, string displayName, string? owner, SubjectProfile? subject, bool deep)
    {
        this.connection = connection;
        this.driveId = driveId;
        DisplayName = displayName;
        Owner = owner;
        this.subject = subject;
        this.deep = deep;
    }

    public string DisplayName { get; }

    public string? Owner { get; }

    public string CheckpointKey => "drive:" + driveId;

    /// <inheritdoc/>
    public SourceItem Describe() => new() { SourceKind = SourceKind.Drive, Source = driveId, Owner = DisplayName };

    public async IAsyncEnumerable<SourceItem> EnumerateAsync(IRunHost host, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (subject is not null && !deep)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string query in SearchTerms.DriveQueries(subject))
            {
                // search(q='...') is an OData function: a quote in the text is written twice (an apostrophe in a name; the
                // name is also asked with a space for it, SearchTerms.DriveQueries).
                string text = query.Replace("'", "''");
                var page = await Run("searching a drive", ct => connection.Client.Drives[driveId].Items["root"].SearchWithQ(text).GetAsSearchWithQGetResponseAsync(r => r.QueryParameters.Top = 1000, ct), cancellationToken).ConfigureAwait(false);
                while (page is not null)
                {
                    foreach (var item in page.Value ?? new List<DriveItem>())
                    {
                        if (item.File is not null && item.Id is { } id && seen.Add(id))
                        {
                            yield return ToItem(item);
                        }
                    }

                    if (page.OdataNextLink is not { } next)
                    {
                        break;
                    }

                    page = await Run("searching a drive", ct => connection.Client.Drives[driveId].Items["root"].SearchWithQ(text).WithUrl(next).GetAsSearchWithQGetResponseAsync(cancellationToken: ct), cancellationToken).ConfigureAwait(false);
                }
            }

            yield break;
        }

        // driveitem-delta.md, Remarks: delta items carry no parentReference.path, and an item can appear more than
        // once (the last appearance counts). So the whole feed is read first, each id keeps its last state, and
        // locations are built from the folders the feed itself lists.
        var last = new Dictionary<string, DriveItem>(StringComparer.Ordinal);
        var order = new List<string>();
        string? link = null;
        int restarts = 0;
        while (true)
        {
            var (page, restart) = await DeltaPageAsync(link, cancellationToken).ConfigureAwait(false);
            if (restart is not null)
            {
                // driveitem-delta.md, "Error responses": 410 resyncRequired (at any page) carries a Location that
                // starts a fresh enumeration. What was read so far may hold items deleted since: forget it.
                if (++restarts > MaxDeltaRestarts)
                {
                    throw new SourceItemException(ErrorIds.GraphRequestFailed, ErrorKind.ReadError,
                        $"The drive's change feed asked to start over {restarts} times in one listing (HTTP 410 resyncRequired); the drive was not listed. Run again later.");
                }

                last.Clear();
                order.Clear();
                link = restart;
                continue;
            }

            foreach (var item in page?.Value ?? new List<DriveItem>())
            {
                if (item.Id is not { } id)
                {
                    continue;
                }

                if (!last.ContainsKey(id))
                {
                    order.Add(id);
                }

                last[id] = item;
            }

            if (page?.OdataNextLink is not { } next)
            {
                break;
            }

            link = next;
        }

        foreach (string id in order)
        {
            var item = last[id];
            if (item.File is not null && item.Deleted is null)
            {
                yield return ToItem(item, LocationFromFeed(item, last));
            }
        }
    }

    /// <summary>The folder path of an item, from the folders in the delta feed (the root is the empty path).</summary>
    private static string LocationFromFeed(DriveItem item, Dictionary<string, DriveItem> feed)
    {
        if (item.ParentReference?.Path is { } given)
        {
            int colon = given.IndexOf(':');
            return colon >= 0 ? given.Substring(colon + 1).TrimStart('/') : given;
        }

        var parts = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (string? parent = item.ParentReference?.Id; parent is not null && seen.Add(parent) && feed.TryGetValue(parent, out var folder) && folder.Root is null; parent = folder.ParentReference?.Id)
        {
            parts.Add(folder.Name ?? parent);
        }

        parts.Reverse();
        return string.Join("/", parts);
    }

    public Task<Stream> OpenReadAsync(SourceItem item, CancellationToken cancellationToken) =>
        connection.Executor.DownloadAsync("drive:" + driveId, "downloading a file", "file", item.SizeBytes,
            ct => connection.Client.Drives[driveId].Items[item.ItemId].Content.GetAsync(cancellationToken: ct), cancellationToken);

    private SourceItem ToItem(DriveItem item) => ToItem(item, LocationFromFeed(item, new Dictionary<string, DriveItem>()));

    private SourceItem ToItem(DriveItem item, string location)
    {
        return new SourceItem
        {
            SourceKind = SourceKind.Drive,
            // The drive id: what export and removal need to reach the item again (the display name is in Owner).
            Source = driveId,
            Location = location,
            ItemId = item.Id ?? string.Empty,
            ItemName = item.Name ?? string.Empty,
            ItemUri = item.WebUrl ?? string.Empty,
            Version = item.ETag,
            Owner = DisplayName,
            Created = item.CreatedDateTime,
            Modified = item.LastModifiedDateTime,
            SizeBytes = item.Size,
            Extension = Path.GetExtension(item.Name ?? string.Empty).ToLowerInvariant(),
        };
    }

    /// <summary>
    /// One page of the drive's delta feed: the first (<paramref name="link"/> null) or the one a nextLink or a 410's
    /// Location names. A 410 answers the link to start over from: its Location when that stays on the Graph endpoint
    /// (the bearer token is never sent elsewhere), else the feed's first page.
    /// </summary>
    private Task<(DeltaGetResponse? Page, string? Restart)> DeltaPageAsync(string? link, CancellationToken cancellationToken) =>
        Run("listing a drive", async ct =>
        {
            var delta = connection.Client.Drives[driveId].Items["root"].Delta;
            try
            {
                var page = link is null
                    ? await delta.GetAsDeltaGetResponseAsync(r => r.QueryParameters.Top = 1000, ct).ConfigureAwait(false)
                    : await delta.WithUrl(link).GetAsDeltaGetResponseAsync(cancellationToken: ct).ConfigureAwait(false);
                return (page, (string?)null);
            }
            catch (ApiException e) when (e.ResponseStatusCode == 410)
            {
                string? location = e.ResponseHeaders.FirstOrDefault(h => h.Key.Equals("Location", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
                return ((DeltaGetResponse?)null, OnGraphEndpoint(location) ?? delta.ToGetRequestInformation(r => r.QueryParameters.Top = 1000).URI.ToString());
            }
        }, cancellationToken);

    private string? OnGraphEndpoint(string? url) => OnEndpoint(connection.BaseUrl, url);

    /// <summary>The URL when it is absolute and on the Graph endpoint (same scheme, host and port, under its path).</summary>
    internal static string? OnEndpoint(Uri graph, string? url)
    {
        return Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && uri.Scheme.Equals(graph.Scheme, StringComparison.OrdinalIgnoreCase)
            && uri.Authority.Equals(graph.Authority, StringComparison.OrdinalIgnoreCase)
            && uri.AbsolutePath.StartsWith(graph.AbsolutePath.TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase)
            ? uri.AbsoluteUri : null;
    }

    private Task<T> Run<T>(string what, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        connection.Executor.RunAsync("drive:" + driveId, what, "drive", call, cancellationToken);
}
