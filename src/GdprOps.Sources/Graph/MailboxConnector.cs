using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Model;
using GdprOps.Removal;
using Microsoft.Graph.Models.ODataErrors;

namespace GdprOps.Sources.Graph;

/// <summary>
/// Messages in user and shared mailboxes. A Delete is followed by a read of where the message went (Graph does not
/// document it); a Purge is permanentDelete, in $batch where it can be; mail cannot be rewritten through Graph.
/// </summary>
internal sealed class MailboxConnector : GraphItemConnector, ISourceConnector
{
    /// <summary>Exchange Online keeps soft-deleted mail in Recoverable Items for 14 days by default.</summary>
    private static readonly TimeSpan MailRecovery = TimeSpan.FromDays(14);

    public MailboxConnector(GraphConnection? connection)
        : base(connection)
    {
    }

    public SourceKind Kind => SourceKind.Mailbox;

    public string DescribeDelete => "Delete (to Deleted Items or Recoverable Items, as Exchange decides)";

    public Task<Stream> OpenAsync(Finding finding, CancellationToken cancellationToken)
    {
        var mail = Connected();
        return mail.Executor.DownloadAsync(finding.Source, "reading a message", "message", finding.SizeBytes,
            ct => mail.Client.Users[finding.Source].Messages[finding.ItemId].Content.GetAsync(cancellationToken: ct), cancellationToken);
    }

    public async Task<CurrentItem?> CurrentItemAsync(Finding finding, CancellationToken cancellationToken)
    {
        // The message's subject and parties are in the MIME the re-check reads: no name is taken from the row.
        var message = await MessagePlaceAsync(finding, cancellationToken).ConfigureAwait(false);
        if (message?.ChangeKey is not { } changeKey)
        {
            return null;
        }

        var folders = await WellKnownFoldersAsync(finding.Source, cancellationToken).ConfigureAwait(false);
        return new CurrentItem(changeKey, string.Empty, InRecoverableItems: message.ParentFolderId is { } parent && parent == folders.Deletions);
    }

    /// <summary>Exchange holds are not readable through Graph (use -HoldInfo).</summary>
    public Task<string?> RetentionReasonAsync(Finding finding, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    public async Task<RemovalResult> RemoveAsync(Finding finding, RemovalMode mode, string version, CancellationToken cancellationToken)
    {
        try
        {
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
        }
        catch (SourceItemException ex) when (ex.InnerException is ODataError error)
        {
            return Refused(finding, mode, error, ex);
        }
    }

    public Task<RemovalResult> ReplaceAsync(Finding finding, Stream content, string version, CancellationToken cancellationToken) =>
        Task.FromResult(RemovalResult.For(finding, RemovalMode.Redact, RemovalOutcome.Failed, "Redaction of Mailbox items is not supported: use -Mode Delete or Purge."));

    public IItemSource? VerificationSource(IReadOnlyList<Finding> findings, SubjectProfile subject) =>
        Connection is null ? null : new MailboxSource(Connection, findings[0].Source, subject, new MailSweepOptions());

    /// <summary>
    /// What permanentDelete does (message-permanentdelete.md): the message moves to the hidden Purges folder and is
    /// removed when the retention period ends; a hold keeps it there.
    /// </summary>
    private const string PurgedMail = "Moved to Purges (permanentDelete); Exchange removes it after the retention period, and keeps it while a hold applies (hold state is not readable through Graph).";

    /// <summary>permanentDelete exists in the global cloud only (message-permanentdelete.md); a custom endpoint is taken as global.</summary>
    private bool IsPurgeableCloud => Connection is null || Connection.Options.GraphEndpoint is not null
        || string.Equals(Connection.Options.Environment, "Global", StringComparison.OrdinalIgnoreCase);

    private void RequirePurgeableCloud()
    {
        if (!IsPurgeableCloud)
        {
            throw new SourceItemException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument,
                $"Purging mail (permanentDelete) is available in the global Microsoft 365 cloud only, not in {Connection!.Options.Environment}: use -Mode Delete.");
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task<(string? Deletions, string? DeletedItems)>> wellKnownFolders = new(StringComparer.OrdinalIgnoreCase);

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

    /// <summary>
    /// Only purges go in $batch: where a DELETE puts a message is undocumented, so each Delete is followed by a read of
    /// the message's parent folder (and a second DELETE when it landed in Deleted Items).
    /// </summary>
    public bool CanBatch(Finding finding, RemovalMode mode) => finding.SourceKind == SourceKind.Mailbox && mode == RemovalMode.Purge && Connection is not null && IsPurgeableCloud;

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
}
