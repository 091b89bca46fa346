using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using GdprOps.Model;
using GdprOps.Removal;
using GdprOps.Sources.Blob;
using GdprOps.Sources.FileSystem;
using GdprOps.Sources.Graph;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;

namespace GdprOps.Sources;

/// <summary>
/// Erasure for every source. Deletes are pinned to the version that was verified (If-Match on drives and blobs),
/// holds and immutability answers become Retained with the service's reason, and a missing item is AlreadyGone,
/// so running the same plan twice removes nothing twice.
/// </summary>
public sealed class SourceItemRemover : IItemRemover, IBatchItemRemover
{

    /// <summary>Exchange Online keeps soft-deleted mail in Recoverable Items for 14 days by default.</summary>
    private static readonly TimeSpan MailRecovery = TimeSpan.FromDays(14);

    /// <summary>SharePoint and OneDrive keep deleted files in the recycle bins for 93 days.</summary>
    private static readonly TimeSpan DriveRecovery = TimeSpan.FromDays(93);

    private readonly GraphConnection? connection;
    private readonly string? blobConnectionString;
    private readonly SourceItemReader reader;
    private readonly BlobClientOptions? blobOptions;

    public SourceItemRemover(GraphConnection? connection, string? blobConnectionString = null)
        : this(connection, blobConnectionString, null)
    {
    }

    /// <param name="blobOptions">Client options for blob requests (tests inject service answers Azurite lacks, such as legal holds).</param>
    /// <remarks>A separate overload: callers in the cmdlet assembly must not see an Azure type in the signature they bind to.</remarks>
    public SourceItemRemover(GraphConnection? connection, string? blobConnectionString, BlobClientOptions? blobOptions)
    {
        this.connection = connection;
        this.blobConnectionString = blobConnectionString;
        this.blobOptions = blobOptions;
        reader = new SourceItemReader(connection, blobConnectionString);
    }

    public Task<Stream> OpenAsync(Finding finding, CancellationToken cancellationToken) => reader.OpenAsync(finding, cancellationToken);

    public async Task<CurrentItem?> CurrentItemAsync(Finding finding, CancellationToken cancellationToken)
    {
        switch (finding.SourceKind)
        {
            case SourceKind.Mailbox:
                // The message's subject and parties are in the MIME the re-check reads: no name is taken from the row.
                var message = await MessagePlaceAsync(finding, cancellationToken).ConfigureAwait(false);
                if (message?.ChangeKey is not { } changeKey)
                {
                    return null;
                }

                var folders = await WellKnownFoldersAsync(finding.Source, cancellationToken).ConfigureAwait(false);
                return new CurrentItem(changeKey, string.Empty, InRecoverableItems: message.ParentFolderId is { } parent && parent == folders.Deletions);
            case SourceKind.Drive:
                var item = await Graph(finding, "checking a file", "file", c => Connected().Client.Drives[finding.Source].Items[finding.ItemId]
                    .GetAsync(r => r.QueryParameters.Select = new[] { "id", "eTag", "name" }, c), cancellationToken).ConfigureAwait(false);
                return item?.ETag is { } eTag ? new CurrentItem(eTag, item.Name ?? string.Empty) : null;
            case SourceKind.Blob:
                try
                {
                    var blob = Blob(finding);
                    var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                    return new CurrentItem(properties.Value.ETag.ToString(), blob.Name);
                }
                catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode == "BlobNotFound")
                {
                    return null;
                }

            default:
                var kind = FileItemPath.Inspect(finding, out string path);
                return kind switch
                {
                    FileKind.Missing => null,
                    FileKind.Regular => new CurrentItem(FileSystemSource.VersionOf(new FileInfo(path)), Path.GetFileName(path)),
                    _ => throw new SourceItemException(ErrorIds.SpecialFile, ErrorKind.InvalidArgument,
                        $"The item is {FileKinds.Describe(kind)}, not a regular file: GdprOps neither removes nor rewrites it (nor what it points to); deal with it by hand."),
                };
        }
    }

    public async Task<string?> RetentionReasonAsync(Finding finding, CancellationToken cancellationToken)
    {
        if (finding.SourceKind != SourceKind.Blob)
        {
            // Exchange holds are not readable through Graph (use -HoldInfo); drive holds show only when a delete is refused.
            return null;
        }

        try
        {
            var properties = (await Blob(finding).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            if (properties.HasLegalHold)
            {
                return "a legal hold";
            }

            return properties.ImmutabilityPolicy?.ExpiresOn is { } until && until > DateTimeOffset.UtcNow
                ? $"an immutability policy until {until:yyyy-MM-dd}"
                : null;
        }
        catch (RequestFailedException)
        {
            return null;
        }
    }

    public async Task<RemovalResult> RemoveAsync(Finding finding, RemovalMode mode, string version, CancellationToken cancellationToken)
    {
        try
        {
            switch (finding.SourceKind)
            {
                case SourceKind.Mailbox:
                    if (mode == RemovalMode.Purge)
                    {
                        RequirePurgeableCloud();
                        await Graph(finding, "purging a message", "message", async c =>
                        {
                            await Connected().Client.Users[finding.Source].Messages[finding.ItemId].PermanentDelete.PostAsync(cancellationToken: c).ConfigureAwait(false);
                            return true;
                        }, cancellationToken).ConfigureAwait(false);
                        return RemovalResult.For(finding, mode, RemovalOutcome.Removed, PurgedMail);
                    }

                    return await SoftDeleteMessageAsync(finding, cancellationToken).ConfigureAwait(false);
                case SourceKind.Drive:
                    var items = Connected().Client.Drives[finding.Source].Items[finding.ItemId];
                    if (mode == RemovalMode.Purge && await DriveItemChangedAsync(finding, version, cancellationToken).ConfigureAwait(false) is { } changed)
                    {
                        return RemovalResult.For(finding, mode, changed.Outcome, changed.Detail);
                    }

                    await Graph(finding, mode == RemovalMode.Purge ? "purging a file" : "deleting a file", "file", async c =>
                    {
                        if (mode == RemovalMode.Purge)
                        {
                            // If-Match is documented for DELETE only (driveitem-delete.md): the eTag was re-read just
                            // above; the header is still sent for a service that honours it.
                            await items.PermanentDelete.PostAsync(r => r.Headers.Add("If-Match", version), c).ConfigureAwait(false);
                        }
                        else
                        {
                            await items.DeleteAsync(r => r.Headers.Add("If-Match", version), c).ConfigureAwait(false);
                        }

                        return true;
                    }, cancellationToken).ConfigureAwait(false);
                    return mode == RemovalMode.Purge
                        ? RemovalResult.For(finding, mode, RemovalOutcome.Removed, "Permanently deleted (not in the recycle bin).")
                        : RemovalResult.For(finding, mode, RemovalOutcome.SoftDeleted, "Moved to the recycle bin.", DateTimeOffset.UtcNow + DriveRecovery);
                case SourceKind.Blob:
                    var blob = Blob(finding);
                    await blob.DeleteAsync(DeleteSnapshotsOption.IncludeSnapshots, new BlobRequestConditions { IfMatch = new ETag(version) }, cancellationToken).ConfigureAwait(false);
                    if (mode != RemovalMode.Purge)
                    {
                        return RemovalResult.For(finding, mode, RemovalOutcome.Removed, "Blob and its snapshots deleted (earlier versions, if versioning is on, remain: use -Mode Purge).");
                    }

                    string versions = await PurgeVersionsAsync(blob, cancellationToken).ConfigureAwait(false);
                    return RemovalResult.For(finding, mode, RemovalOutcome.Removed, "Blob and its snapshots deleted; " + versions);
                default:
                    string path = FileItemPath.Resolve(finding);
                    if (FileKinds.Of(path) != FileKind.Regular)
                    {
                        return RemovalResult.For(finding, mode, RemovalOutcome.Failed, "The item is no longer a regular file: not removed.");
                    }

                    File.Delete(path);
                    return RemovalResult.For(finding, mode, RemovalOutcome.Removed, "File deleted.");
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return RemovalResult.For(finding, mode, RemovalOutcome.AlreadyGone, "The item no longer exists.");
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return RemovalResult.For(finding, mode, RemovalOutcome.SkippedChanged, "The blob changed after it was checked (ETag mismatch).");
        }
        catch (RequestFailedException ex) when (ex.Status == 409 && ex.ErrorCode is { } code && code.StartsWith("BlobImmutable", StringComparison.Ordinal))
        {
            return RemovalResult.For(finding, mode, RemovalOutcome.Retained, $"Kept by the storage account ({code}): a legal hold or immutability policy protects it.");
        }
        catch (RequestFailedException ex)
        {
            return RemovalResult.For(finding, mode, RemovalOutcome.Failed, $"The blob could not be deleted (HTTP {ex.Status} {ex.ErrorCode}).");
        }
        catch (SourceItemException ex) when (ex.InnerException is ODataError error)
        {
            return Refused(finding, mode, error, ex);
        }
    }

    /// <summary>
    /// What permanentDelete does (message-permanentdelete.md): the message moves to the hidden Purges folder and is
    /// removed when the retention period ends; a hold keeps it there.
    /// </summary>
    private const string PurgedMail = "Moved to Purges (permanentDelete); Exchange removes it after the retention period, and keeps it while a hold applies (hold state is not readable through Graph).";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task<(string? Deletions, string? DeletedItems)>> wellKnownFolders = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>permanentDelete exists in the global cloud only (message-permanentdelete.md); a custom endpoint is taken as global.</summary>
    private bool IsPurgeableCloud => connection is null || connection.Options.GraphEndpoint is not null
        || string.Equals(connection.Options.Environment, "Global", StringComparison.OrdinalIgnoreCase);

    private void RequirePurgeableCloud()
    {
        if (!IsPurgeableCloud)
        {
            throw new SourceItemException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument,
                $"Purging mail (permanentDelete) is available in the global Microsoft 365 cloud only, not in {connection!.Options.Environment}: use -Mode Delete.");
        }
    }

    /// <summary>The message's change key and parent folder, addressed by its immutable id; null when it is gone.</summary>
    private Task<Microsoft.Graph.Models.Message?> MessagePlaceAsync(Finding finding, CancellationToken cancellationToken) =>
        Graph(finding, "checking a message", "message", c => Connected().Client.Users[finding.Source].Messages[finding.ItemId]
            .GetAsync(r =>
            {
                r.QueryParameters.Select = new[] { "id", "changeKey", "parentFolderId" };
                r.Headers.Add("Prefer", "IdType=\"ImmutableId\"");
            }, c), cancellationToken);

    /// <summary>The ids of Recoverable Items\Deletions and Deleted Items of a mailbox, fetched once by well-known name.</summary>
    private Task<(string? Deletions, string? DeletedItems)> WellKnownFoldersAsync(string mailbox, CancellationToken cancellationToken) =>
        wellKnownFolders.GetOrAdd(mailbox, async _ =>
        {
            async Task<string?> IdOf(string name)
            {
                try
                {
                    var folder = await Connected().Executor.RunAsync(mailbox, "resolving a folder", "mailbox", c => Connected().Client.Users[mailbox].MailFolders[name]
                        .GetAsync(r => r.QueryParameters.Select = new[] { "id" }, c), cancellationToken).ConfigureAwait(false);
                    return folder?.Id;
                }
                catch (SourceItemException)
                {
                    return null;
                }
            }

            return (await IdOf("recoverableitemsdeletions").ConfigureAwait(false), await IdOf("deleteditems").ConfigureAwait(false));
        });

    /// <summary>
    /// DELETE, then read where the message really is (message-delete.md does not say; docs issue #285): in
    /// Recoverable Items it is soft-deleted; in Deleted Items it is still in the mailbox view, so it is deleted once
    /// more; if it is still visible after that, the result says so instead of claiming a removal.
    /// </summary>
    private async Task<RemovalResult> SoftDeleteMessageAsync(Finding finding, CancellationToken cancellationToken)
    {
        var folders = await WellKnownFoldersAsync(finding.Source, cancellationToken).ConfigureAwait(false);
        for (int attempt = 0; attempt < 2; attempt++)
        {
            await Graph(finding, "deleting a message", "message", async c =>
            {
                await Connected().Client.Users[finding.Source].Messages[finding.ItemId].DeleteAsync(cancellationToken: c).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);

            Microsoft.Graph.Models.Message? now;
            try
            {
                now = await MessagePlaceAsync(finding, cancellationToken).ConfigureAwait(false);
            }
            catch (SourceItemException ex) when (ex.Kind == ErrorKind.NotFound && ex.ErrorId != ErrorIds.MailboxNotFound)
            {
                now = null;
            }

            if (now is null)
            {
                return RemovalResult.For(finding, RemovalMode.Delete, RemovalOutcome.SoftDeleted,
                    "Deleted: the message can no longer be read through Graph (Exchange keeps soft-deleted mail in Recoverable Items for its retention period).", DateTimeOffset.UtcNow + MailRecovery);
            }

            if (now.ParentFolderId is { } parent && parent == folders.Deletions)
            {
                return RemovalResult.For(finding, RemovalMode.Delete, RemovalOutcome.SoftDeleted,
                    "Moved to Recoverable Items\\Deletions (soft-deleted, recoverable for the retention period); purge it with -Mode Purge.", DateTimeOffset.UtcNow + MailRecovery);
            }

            if (now.ParentFolderId != folders.DeletedItems || folders.DeletedItems is null)
            {
                break;
            }
        }

        return RemovalResult.For(finding, RemovalMode.Delete, RemovalOutcome.MovedToDeletedItems,
            "The DELETE left the message in the mailbox view (Deleted Items): it was not removed. Run again, or use -Mode Purge.");
    }

    /// <summary>Deletes every earlier version of a blob (versioning keeps them after the current one is deleted).</summary>
    private static async Task<string> PurgeVersionsAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        var container = blob.GetParentBlobContainerClient();
        int deleted = 0;
        try
        {
            await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { States = BlobStates.Version, Prefix = blob.Name }, cancellationToken).ConfigureAwait(false))
            {
                if (item.Name == blob.Name && item.VersionId is { } id)
                {
                    await blob.WithVersion(id).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                    deleted++;
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 400 or 501)
        {
            return $"this storage endpoint does not list versions ({ex.ErrorCode}), so none were found to delete.";
        }

        return deleted == 0 ? "no earlier versions." : $"{deleted} earlier version(s) deleted.";
    }

    public async Task<RemovalResult> ReplaceAsync(Finding finding, Stream content, string version, CancellationToken cancellationToken)
    {
        switch (finding.SourceKind)
        {
            case SourceKind.FileShare:
                string path = FileItemPath.Resolve(finding);
                if (FileKinds.Of(path) != FileKind.Regular)
                {
                    return RemovalResult.For(finding, RemovalMode.Redact, RemovalOutcome.Failed, "The item is no longer a regular file: not rewritten.");
                }

                // A fresh, unguessable name created exclusively: a link planted beside the file cannot redirect the write.
                string temp = Path.Combine(Path.GetDirectoryName(path)!, ".gdprops-redact-" + Guid.NewGuid().ToString("N"));
                try
                {
                    using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                    {
                        await content.CopyToAsync(output, 81920, cancellationToken).ConfigureAwait(false);
                    }

                    // Last check before the swap: the file must still be the version that was verified.
                    if (FileKinds.Of(path) != FileKind.Regular || FileSystemSource.VersionOf(new FileInfo(path)) != version)
                    {
                        return RemovalResult.For(finding, RemovalMode.Redact, RemovalOutcome.SkippedChanged, "The file changed while it was being redacted.");
                    }

                    File.Replace(temp, path, destinationBackupFileName: null);
                }
                finally
                {
                    if (File.Exists(temp))
                    {
                        File.Delete(temp);
                    }
                }

                return RemovalResult.For(finding, RemovalMode.Redact, RemovalOutcome.Redacted, "File rewritten.");
            case SourceKind.Drive:
                try
                {
                    const string Uploaded = "New version uploaded; earlier versions stay in the version history until removed there.";
                    if (content.CanSeek && content.Length - content.Position > Connected().Options.SimpleUploadLimitBytes)
                    {
                        return await UploadInSessionAsync(finding, content, version, cancellationToken).ConfigureAwait(false) is { } refused
                            ? refused
                            : RemovalResult.For(finding, RemovalMode.Redact, RemovalOutcome.Redacted, Uploaded + " (upload session)");
                    }

                    // If-Match is not documented for PUT content (driveitem-put-content.md): re-read the eTag just before.
                    if (await DriveItemChangedAsync(finding, version, cancellationToken).ConfigureAwait(false) is { } changed)
                    {
                        return RemovalResult.For(finding, RemovalMode.Redact, changed.Outcome, changed.Detail);
                    }

                    await Graph(finding, "redacting a file", "file", c => Connected().Client.Drives[finding.Source].Items[finding.ItemId].Content
                        .PutAsync(content, r => r.Headers.Add("If-Match", version), c), cancellationToken).ConfigureAwait(false);
                    return RemovalResult.For(finding, RemovalMode.Redact, RemovalOutcome.Redacted, Uploaded);
                }
                catch (SourceItemException ex) when (ex.InnerException is ODataError error)
                {
                    return Refused(finding, RemovalMode.Redact, error, ex);
                }

            default:
                return RemovalResult.For(finding, RemovalMode.Redact, RemovalOutcome.Failed, $"Redaction of {finding.SourceKind} items is not supported: use -Mode Delete or Purge.");
        }
    }

    /// <summary>
    /// Only purges go in $batch: where a DELETE puts a message is undocumented, so each Delete is followed by a read of
    /// the message's parent folder (and a second DELETE when it landed in Deleted Items).
    /// </summary>
    public bool CanBatch(Finding finding, RemovalMode mode) => finding.SourceKind == SourceKind.Mailbox && mode == RemovalMode.Purge && connection is not null && IsPurgeableCloud;

    /// <summary>
    /// Mail in $batch requests of 20, one batch at a time per mailbox (Graph runs up to 4 of its steps at once,
    /// which is the mailbox's concurrency limit) and mailboxes side by side. Steps answered 429/503/504 are retried
    /// in a later batch after their own Retry-After; the SDK never retries steps itself.
    /// </summary>
    public async Task RemoveManyAsync(IReadOnlyList<(Finding Finding, string Version)> items, RemovalMode mode, Action<Finding, RemovalResult> completed, CancellationToken cancellationToken)
    {
        using var mailboxes = new SemaphoreSlim(32);
        var work = items.GroupBy(i => i.Finding.Source, StringComparer.OrdinalIgnoreCase).Select(async group =>
        {
            await mailboxes.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await RemoveMailboxAsync(group.Key, group.Select(g => g.Finding).ToList(), mode, completed, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                mailboxes.Release();
            }
        }).ToList();
        await Task.WhenAll(work).ConfigureAwait(false);
    }

    private Task RemoveMailboxAsync(string mailbox, List<Finding> findings, RemovalMode mode, Action<Finding, RemovalResult> completed, CancellationToken cancellationToken)
    {
        var client = Connected().Client;
        return new MailboxBatch(Connected()).RunAsync(mailbox, findings,
            finding => mode == RemovalMode.Purge
                ? client.Users[mailbox].Messages[finding.ItemId].PermanentDelete.ToPostRequestInformation()
                : client.Users[mailbox].Messages[finding.ItemId].ToDeleteRequestInformation(),
            (finding, status, problem) => completed(finding, status switch
            {
                200 or 204 when mode == RemovalMode.Purge => RemovalResult.For(finding, mode, RemovalOutcome.Removed, PurgedMail),
                404 => RemovalResult.For(finding, mode, RemovalOutcome.AlreadyGone, "The item no longer exists."),
                _ => RemovalResult.For(finding, mode, RemovalOutcome.Failed, problem ?? $"The service refused the removal (HTTP {status})."),
            }),
            cancellationToken);
    }

    /// <summary>
    /// Re-reads a drive item's eTag immediately before an action whose If-Match Graph does not document
    /// (permanentDelete, PUT content): null when it is still the version that was verified.
    /// </summary>
    private async Task<(string Outcome, string Detail)?> DriveItemChangedAsync(Finding finding, string version, CancellationToken cancellationToken)
    {
        var current = await CurrentItemAsync(finding, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return (RemovalOutcome.AlreadyGone, "The item no longer exists.");
        }

        return current.Version == version ? null : (RemovalOutcome.SkippedChanged, "The item changed after it was checked (eTag re-read before acting).");
    }

    /// <summary>
    /// A new version through an upload session (driveitem-createuploadsession.md): needed above PUT content's
    /// 250 MB, and the one upload where If-Match is documented (412 when the item changed). Fragments of 10 MiB
    /// (a multiple of 320 KiB, under 60 MiB) go to the session's URL without the bearer token. Null when uploaded.
    /// </summary>
    private async Task<RemovalResult?> UploadInSessionAsync(Finding finding, Stream content, string version, CancellationToken cancellationToken)
    {
        var item = Connected().Client.Drives[finding.Source].Items[finding.ItemId];
        var session = await Graph(finding, "starting an upload", "file", c => item.CreateUploadSession.PostAsync(
            new Microsoft.Graph.Drives.Item.Items.Item.CreateUploadSession.CreateUploadSessionPostRequestBody
            {
                Item = new Microsoft.Graph.Models.DriveItemUploadableProperties { AdditionalData = new Dictionary<string, object> { ["@microsoft.graph.conflictBehavior"] = "replace" } },
            },
            r => r.Headers.Add("If-Match", version), c), cancellationToken).ConfigureAwait(false)
            ?? throw new SourceItemException(ErrorIds.GraphRequestFailed, ErrorKind.ReadError, "The service did not open an upload session.");
        const int Slice = 32 * 320 * 1024;
        // No request adapter: the SDK's own anonymous one, so the bearer token never goes to the upload URL.
        var upload = new LargeFileUploadTask<Microsoft.Graph.Models.DriveItem>(session, content, Slice);
        try
        {
            var result = await upload.UploadAsync(maxTries: 3, cancellationToken: cancellationToken).ConfigureAwait(false);
            return result.UploadSucceeded
                ? null
                : RemovalResult.For(finding, RemovalMode.Redact, RemovalOutcome.Failed, "The upload session did not complete: the file was not changed.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            try
            {
                await upload.DeleteSessionAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception cleanup) when (cleanup is not OperationCanceledException)
            {
                // The session expires by itself; the failure below is what counts.
            }

            return RemovalResult.For(finding, RemovalMode.Redact, RemovalOutcome.Failed, $"The upload session failed ({e.GetType().Name}): the file was not changed.");
        }
    }

    /// <summary>Graph refusals: a hold keeps the item (Retained), a stale ETag is SkippedChanged, gone is AlreadyGone, the rest Failed.</summary>
    private static RemovalResult Refused(Finding finding, RemovalMode mode, ODataError error, Exception ex)
    {
        string code = error.Error?.Code ?? string.Empty;
        return error.ResponseStatusCode switch
        {
            404 => RemovalResult.For(finding, mode, RemovalOutcome.AlreadyGone, "The item no longer exists."),
            412 => RemovalResult.For(finding, mode, RemovalOutcome.SkippedChanged, "The item changed after it was checked (eTag mismatch)."),
            // The service's words are not parsed (they are not a contract and change with the language): a refusal is
            // reported as Retained with its code, never as removed.
            423 or 403 => RemovalResult.For(finding, mode, RemovalOutcome.Retained,
                $"Refused by the service (HTTP {error.ResponseStatusCode} {code}), possibly a retention hold or missing write permission: the item was not removed."),
            _ => RemovalResult.For(finding, mode, RemovalOutcome.Failed, ex.Message),
        };
    }

    private Task<T> Graph<T>(Finding finding, string what, string resource, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        Connected().Executor.RunAsync(finding.SourceKind == SourceKind.Mailbox ? finding.Source : "drive:" + finding.Source, what, resource, call, cancellationToken);

    private BlobClient Blob(Finding finding)
    {
        if (blobConnectionString is not null)
        {
            return BlobContainers.FromConnectionString(blobConnectionString, finding.Source.Substring(finding.Source.IndexOf('/') + 1), blobOptions).GetBlobClient(finding.ItemId);
        }

        if (connection is not null && Uri.TryCreate(finding.ItemUri, UriKind.Absolute, out var uri))
        {
            return new BlobClient(BlobItemUri.Confined(finding, uri), connection.Credential, blobOptions);
        }

        throw new SourceItemException(ErrorIds.NotConnected, ErrorKind.InvalidArgument, "Removing a blob needs -BlobConnectionString or Connect-GdprOps.");
    }

    private GraphConnection Connected() => connection
        ?? throw new SourceItemException(ErrorIds.NotConnected, ErrorKind.InvalidArgument, "Not connected to Microsoft 365: run Connect-GdprOps first.");
}
