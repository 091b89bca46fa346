using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using GdprOps.Extraction;
using GdprOps.Hosting;
using GdprOps.Model;

namespace GdprOps.Sources.Blob;

/// <summary>
/// One Azure Blob container (optionally below a prefix): blobs listed with their metadata and index tags,
/// which are scanned with the name and the content. Display names and ids never include a SAS token.
/// </summary>
public sealed class BlobContainerSource : IItemSource, ICheckpointedSource, IDescribedSource
{
    private readonly BlobContainerClient container;
    private readonly string? prefix;

    public BlobContainerSource(BlobContainerClient container, string? prefix)
    {
        this.container = container;
        this.prefix = string.IsNullOrEmpty(prefix) ? null : prefix;
        Address = $"{container.AccountName}/{container.Name}";
    }

    /// <summary>account/container, never a URL with a SAS token.</summary>
    public string Address { get; }

    public string DisplayName => "container " + Address + (prefix is null ? string.Empty : "/" + prefix);

    /// <inheritdoc/>
    public SourceItem Describe() => new() { SourceKind = SourceKind.Blob, Source = Address, Location = prefix?.TrimEnd('/') ?? string.Empty };

    /// <summary>
    /// With a shard, only the blobs whose name falls in it: the blobs at this level of a container are split across the
    /// shards blob by blob (each lists them and keeps its own). See <see cref="SplitAsync"/> for the folders below it.
    /// </summary>
    public GdprOps.Sweep.ShardSpec? Shard { get; set; }

    /// <summary>Only the blobs at this level (names with no '/' after the prefix): the virtual folders below are units of their own.</summary>
    private bool TopLevelOnly { get; set; }

    /// <summary>Why the container could not be split; the source then fails with it when swept (its units are unknown).</summary>
    private Exception? SplitFailure { get; set; }

    public string CheckpointKey => "blob:" + Address + "/" + prefix + (TopLevelOnly ? "#top" : string.Empty) + (Shard is { } shard ? "#" + shard.Name : string.Empty);

    /// <summary>
    /// This container's units for <paramref name="shard"/>: each virtual folder just below the prefix (a name up to the
    /// next '/', found with one delimiter listing) and the blobs at the top level, each swept and checkpointed on its
    /// own, so a killed shard resumes folder by folder instead of from the start of a container of millions. Inside each
    /// unit the blobs are split across the shards blob by blob (by a hash of the name), so one big folder is spread as
    /// evenly as many small ones, and every shard computes the same split with no coordinator. When the listing fails,
    /// the one source returned fails with that error when swept (nothing is silently skipped).
    /// </summary>
    public async Task<IReadOnlyList<BlobContainerSource>> SplitAsync(GdprOps.Sweep.ShardSpec shard, CancellationToken cancellationToken)
    {
        var parts = new List<BlobContainerSource>();
        bool topLevelBlobs = false;
        try
        {
            var options = new GetBlobsByHierarchyOptions { Delimiter = "/", Prefix = prefix };
            await foreach (var entry in container.GetBlobsByHierarchyAsync(options, cancellationToken).ConfigureAwait(false))
            {
                if (entry.IsPrefix)
                {
                    parts.Add(new BlobContainerSource(container, entry.Prefix) { Shard = shard });
                }
                else
                {
                    topLevelBlobs |= !entry.Blob.Deleted;
                }
            }
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException)
        {
            return new[] { new BlobContainerSource(container, prefix) { Shard = shard, SplitFailure = ListingError(ex) ?? ex } };
        }

        if (topLevelBlobs)
        {
            parts.Add(new BlobContainerSource(container, prefix) { Shard = shard, TopLevelOnly = true });
        }

        return parts;
    }

    public async IAsyncEnumerable<SourceItem> EnumerateAsync(IRunHost host, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (SplitFailure is { } failure)
        {
            throw failure;
        }

        var pages = Pages(cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                IReadOnlyList<BlobItem> page;
                try
                {
                    if (!await pages.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    page = pages.Current;
                }
                catch (Exception ex) when (ListingError(ex) is { } error)
                {
                    throw error;
                }

                foreach (var blob in page)
                {
                    if (blob.Deleted || (Shard is { } shard && !shard.Owns("blob:" + Address + "/" + blob.Name)))
                    {
                        continue;
                    }

                    yield return ToItem(blob);
                }
            }
        }
        finally
        {
            await pages.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The listing, 5,000 blobs a page: every blob below the prefix, or (<see cref="TopLevelOnly"/>) the blobs at its level.</summary>
    private async IAsyncEnumerable<IReadOnlyList<BlobItem>> Pages([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const BlobTraits traits = BlobTraits.Metadata | BlobTraits.Tags;
        if (!TopLevelOnly)
        {
            await foreach (var page in container.GetBlobsAsync(new GetBlobsOptions { Traits = traits, Prefix = prefix }, cancellationToken).AsPages(pageSizeHint: 5000).ConfigureAwait(false))
            {
                yield return page.Values;
            }

            yield break;
        }

        var options = new GetBlobsByHierarchyOptions { Traits = traits, Delimiter = "/", Prefix = prefix };
        await foreach (var page in container.GetBlobsByHierarchyAsync(options, cancellationToken).AsPages(pageSizeHint: 5000).ConfigureAwait(false))
        {
            yield return page.Values.Where(e => !e.IsPrefix).Select(e => e.Blob).ToList();
        }
    }

    public Task<Stream> OpenReadAsync(SourceItem item, CancellationToken cancellationToken) =>
        DownloadAsync(container.GetBlobClient(item.ItemId), item.Version, item.SizeBytes, cancellationToken);

    /// <summary>
    /// Downloads a blob into memory or a temporary file, pinned to <paramref name="etag"/> when given: a blob
    /// replaced since it was listed is reported, not silently mixed up.
    /// </summary>
    public static async Task<Stream> DownloadAsync(BlobClient blob, string? etag, long? size, CancellationToken cancellationToken)
    {
        var spool = SpillStream.Create(size ?? long.MaxValue);
        try
        {
            var conditions = etag is not null ? new BlobRequestConditions { IfMatch = new ETag(etag) } : null;
            await blob.DownloadToAsync(spool, new BlobDownloadToOptions { Conditions = conditions }, cancellationToken).ConfigureAwait(false);
            spool.Position = 0;
            return spool;
        }
        catch (RequestFailedException ex)
        {
            spool.Dispose();
            throw Translate(ex, "blob");
        }
        catch
        {
            spool.Dispose();
            throw;
        }
    }

    private SourceItem ToItem(BlobItem blob)
    {
        string name = blob.Name;
        int slash = name.LastIndexOf('/');
        var metadata = new List<KeyValuePair<string, string>>();
        metadata.AddRange(blob.Metadata ?? new Dictionary<string, string>());
        metadata.AddRange((blob.Tags ?? new Dictionary<string, string>()).Select(t => new KeyValuePair<string, string>("tag:" + t.Key, t.Value)));
        return new SourceItem
        {
            SourceKind = SourceKind.Blob,
            Source = Address,
            Location = slash < 0 ? string.Empty : name.Substring(0, slash),
            ItemId = name,
            ItemName = slash < 0 ? name : name.Substring(slash + 1),
            ItemUri = new Uri(container.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + Uri.EscapeDataString(name).Replace("%2F", "/")).ToString(),
            Version = blob.Properties.ETag?.ToString(),
            Created = blob.Properties.CreatedOn,
            Modified = blob.Properties.LastModified,
            SizeBytes = blob.Properties.ContentLength,
            Extension = Path.GetExtension(name).ToLowerInvariant(),
            Metadata = metadata,
        };
    }

    /// <summary>
    /// The Azure SDK's retry policy gives up with an AggregateException of the attempts' failures (connection refused,
    /// a name that does not resolve): the last attempt is the one to translate.
    /// </summary>
    private static RequestFailedException? Unreachable(AggregateException ex) =>
        ex.Flatten().InnerExceptions.OfType<RequestFailedException>().LastOrDefault();

    /// <summary>A failed listing of the container as the error to report, or null when it is not a storage refusal.</summary>
    private static SourceItemException? ListingError(Exception ex) => ex switch
    {
        RequestFailedException refused => Translate(refused, "container"),
        AggregateException attempts when Unreachable(attempts) is { } refused => Translate(refused, "container"),
        _ => null,
    };

    private static SourceItemException Translate(RequestFailedException ex, string what) => ex.Status switch
    {
        0 => new SourceItemException(ErrorIds.BlobReadFailed, ErrorKind.ResourceUnavailable,
            $"The storage endpoint of the {what} cannot be reached (no answer after the retries): check the account name, endpoint and network.", ex),
        404 when what == "container" => new SourceItemException(ErrorIds.BlobContainerNotFound, ErrorKind.NotFound, $"The container does not exist ({ex.ErrorCode}).", ex),
        404 => new SourceItemException(ErrorIds.FileNotFound, ErrorKind.NotFound, "The blob disappeared before it could be read.", ex),
        412 => new SourceItemException(ErrorIds.BlobReadFailed, ErrorKind.ReadError, "The blob changed after it was listed (ETag mismatch); sweep it again.", ex),
        401 or 403 => new SourceItemException(ErrorIds.BlobAccessDenied, ErrorKind.PermissionDenied,
            $"Access to the {what} was denied ({ex.ErrorCode}): the key, SAS or role (Storage Blob Data Reader) does not allow reading it.", ex),
        _ => new SourceItemException(ErrorIds.BlobReadFailed, ErrorKind.ReadError, $"The {what} could not be read (HTTP {ex.Status} {ex.ErrorCode}).", ex),
    };
}
