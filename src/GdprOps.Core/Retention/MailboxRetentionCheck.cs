using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Hosting;
using GdprOps.Sources;
using GdprOps.Sweep;

namespace GdprOps.Retention;

/// <summary>
/// Measures mailbox folders against a retention age without downloading a single body: per folder the item and
/// message counts and one filtered, ordered, counted listing of what is over the limit (ids, dates and sizes only),
/// through <see cref="IMailboxFolders"/>.
/// The date that counts: received for Inbox and custom folders, sent for Sent Items and Outbox, last modified (about
/// when it was deleted) for Deleted Items.
/// </summary>
public sealed class MailboxRetentionCheck
{
    public static readonly IReadOnlyList<string> StandardFolders = new[] { "inbox", "outbox", "sentitems", "deleteditems" };
    private readonly IMailboxFolders folders;

    public MailboxRetentionCheck(IMailboxFolders folders) => this.folders = folders;

    public static string DateProperty(string folder) => folder.ToLowerInvariant() switch
    {
        "sentitems" or "outbox" => "sentDateTime",
        "deleteditems" => "lastModifiedDateTime",
        _ => "receivedDateTime",
    };

    public async Task<MailboxRetentionSummary> RunAsync(IReadOnlyList<string> mailboxes, IReadOnlyList<string> folders, RetentionAge age, DateTimeOffset asOf,
        bool detailed, bool showSubject, IRunHost host, CancellationToken cancellationToken)
    {
        var cutoff = age.CutoffFrom(asOf);
        var results = new List<MailboxRetentionResult>();
        var failed = new List<string>();
        using var slots = new SemaphoreSlim(32);
        var work = mailboxes.Distinct(StringComparer.OrdinalIgnoreCase).Select(async mailbox =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // The folders of one mailbox side by side: the executor keeps it at 4 requests in flight.
                var checks = await Task.WhenAll(folders.Select(folder => CheckFolderAsync(mailbox, folder, cutoff, detailed, showSubject, host, cancellationToken))).ConfigureAwait(false);
                foreach (var result in checks)
                {
                    lock (results)
                    {
                        results.Add(result);
                    }

                    host.WriteOutput(result);
                }
            }
            catch (SourceItemException ex)
            {
                lock (failed)
                {
                    failed.Add(mailbox);
                }

                host.WriteItemError(ItemErrors.FromException(ex, "mailbox " + mailbox));
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        await Task.WhenAll(work).ConfigureAwait(false);

        return new MailboxRetentionSummary
        {
            MailboxesChecked = mailboxes.Count - failed.Count,
            NonCompliant = results.Where(r => !r.Compliant).Select(r => r.Mailbox).Distinct(StringComparer.OrdinalIgnoreCase).Count(),
            Violations = results.Sum(r => r.ViolationCount),
            ViolationSizeBytes = results.Sum(r => r.ViolationSizeBytes),
            Failed = failed.Count,
            FailedMailboxes = string.Join(";", failed.OrderBy(f => f, StringComparer.OrdinalIgnoreCase)),
            Cutoff = cutoff,
            Rule = $"{string.Join(", ", folders)} older than {age}",
        };
    }

    private async Task<MailboxRetentionResult> CheckFolderAsync(string mailbox, string folder, DateTimeOffset cutoff, bool detailed, bool showSubject, IRunHost host, CancellationToken cancellationToken)
    {
        string property = DateProperty(folder);
        // The item count also counts items that are not mail (mailfolder.md: "the number of items"); the rule is
        // measured against the messages, counted by the same listing that finds the ones over the limit.
        var (messageCount, itemCount) = await folders.CountAsync(mailbox, folder, cancellationToken).ConfigureAwait(false);
        DateTimeOffset? oldest = null;
        long bytes = 0;
        long? count = await folders.ForEachOverLimitAsync(mailbox, folder, cutoff, detailed && showSubject, countAndSize: true, message =>
        {
            oldest ??= message.Date;
            bytes += message.SizeBytes ?? 0;
            if (detailed)
            {
                host.WriteOutput(new MailboxRetentionViolation
                {
                    Mailbox = mailbox,
                    Folder = folder,
                    ItemId = message.Id,
                    Date = message.Date ?? default,
                    SizeBytes = message.SizeBytes,
                    Subject = showSubject ? message.Subject ?? string.Empty : "(hidden: add -ShowSubject)",
                });
            }
        }, cancellationToken).ConfigureAwait(false);

        return new MailboxRetentionResult
        {
            Mailbox = mailbox,
            Folder = folder,
            DateProperty = property,
            MessageCount = messageCount,
            ItemCount = (int)Math.Min(itemCount, int.MaxValue),
            ViolationCount = (int)(count ?? 0),
            ViolationSizeBytes = bytes,
            OldestItem = oldest,
            Cutoff = cutoff,
        };
    }

}
