using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Model;
using GdprOps.Removal;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;

namespace GdprOps.Sources.Graph;

/// <summary>
/// Files in OneDrive, SharePoint and Teams libraries. Deletes are pinned to the verified eTag (If-Match); where Graph
/// does not document If-Match (permanentDelete, PUT content) the eTag is read again just before acting.
/// </summary>
internal sealed class DriveConnector : GraphItemConnector, ISourceConnector
{
    /// <summary>SharePoint and OneDrive keep deleted files in the recycle bins for 93 days.</summary>
    private static readonly TimeSpan DriveRecovery = TimeSpan.FromDays(93);

    public DriveConnector(GraphConnection? connection)
        : base(connection)
    {
    }

    public SourceKind Kind => SourceKind.Drive;

    public string DescribeDelete => "Delete (to the recycle bin)";

    public Task<Stream> OpenAsync(Finding finding, CancellationToken cancellationToken)
    {
        var drives = Connected();
        return drives.Executor.DownloadAsync("drive:" + finding.Source, "downloading a file", "file", finding.SizeBytes,
            ct => drives.Client.Drives[finding.Source].Items[finding.ItemId].Content.GetAsync(cancellationToken: ct), cancellationToken);
    }

    public async Task<CurrentItem?> CurrentItemAsync(Finding finding, CancellationToken cancellationToken)
    {
        var item = await Graph(finding, "checking a file", "file", c => Connected().Client.Drives[finding.Source].Items[finding.ItemId]
            .GetAsync(r => r.QueryParameters.Select = new[] { "id", "eTag", "name" }, c), cancellationToken).ConfigureAwait(false);
        return item?.ETag is { } eTag ? new CurrentItem(eTag, item.Name ?? string.Empty) : null;
    }

    /// <summary>Drive holds show only when a delete is refused.</summary>
    public Task<string?> RetentionReasonAsync(Finding finding, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    public async Task<RemovalResult> RemoveAsync(Finding finding, RemovalMode mode, string version, CancellationToken cancellationToken)
    {
        try
        {
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
        }
        catch (SourceItemException ex) when (ex.InnerException is ODataError error)
        {
            return Refused(finding, mode, error, ex);
        }
    }

    public async Task<RemovalResult> ReplaceAsync(Finding finding, Stream content, string version, CancellationToken cancellationToken)
    {
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
    }

    public IItemSource? VerificationSource(IReadOnlyList<Finding> findings, SubjectProfile subject) =>
        Connection is null ? null : new DriveSource(Connection, findings[0].Source, findings[0].Owner ?? "drive " + findings[0].Source, null, subject, deep: false);

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
}
