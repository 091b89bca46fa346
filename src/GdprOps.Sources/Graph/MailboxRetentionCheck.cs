using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Hosting;
using GdprOps.Retention;
using GdprOps.Sweep;
using Microsoft.Graph.Models;

namespace GdprOps.Sources.Graph;

/// <summary>
/// Measures mailbox folders against a retention age without downloading a single body: per folder one request for
/// the item count, one for the message count and one filtered, ordered, counted listing of what is over the limit
/// (ids, dates and sizes only).
/// The date that counts: received for Inbox and custom folders, sent for Sent Items and Outbox, last modified (about
/// when it was deleted) for Deleted Items.
/// </summary>
public sealed class MailboxRetentionCheck
{
    public static readonly IReadOnlyList<string> StandardFolders = new[] { "inbox", "outbox", "sentitems", "deleteditems" };
    private const string SizeProperty = "singleValueExtendedProperties($filter=id eq 'Integer 0x0E08')";
    private readonly GraphConnection connection;

    public MailboxRetentionCheck(GraphConnection connection) => this.connection = connection;

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
        var client = connection.Client;
        string property = DateProperty(folder);
        var info = await Run(mailbox, c => client.Users[mailbox].MailFolders[folder].GetAsync(r => r.QueryParameters.Select = new[] { "id", "totalItemCount" }, c), cancellationToken).ConfigureAwait(false);
        // totalItemCount also counts items that are not mail (mailfolder.md: "the number of items"); the rule is
        // measured against the messages, counted by the same /messages listing that finds the ones over the limit.
        var messages = await Run(mailbox, c => client.Users[mailbox].MailFolders[folder].Messages.GetAsync(r =>
        {
            r.QueryParameters.Count = true;
            r.QueryParameters.Top = 1;
            r.QueryParameters.Select = new[] { "id" };
        }, c), cancellationToken).ConfigureAwait(false);
        var select = new List<string> { "id", property };
        if (detailed && showSubject)
        {
            select.Add("subject");
        }

        DateTimeOffset? oldest = null;
        long bytes = 0;
        long? count = await ForEachOverLimitAsync(connection, "checking retention", mailbox, folder, cutoff, select, countAndSize: true, message =>
        {
            var date = DateOf(message, property);
            oldest ??= date;
            long? size = message.SingleValueExtendedProperties?.FirstOrDefault()?.Value is { } text && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) ? n : null;
            bytes += size ?? 0;
            if (detailed)
            {
                host.WriteOutput(new MailboxRetentionViolation
                {
                    Mailbox = mailbox,
                    Folder = folder,
                    ItemId = message.Id ?? string.Empty,
                    Date = date ?? default,
                    SizeBytes = size,
                    Subject = showSubject ? message.Subject ?? string.Empty : "(hidden: add -ShowSubject)",
                });
            }
        }, cancellationToken).ConfigureAwait(false);

        return new MailboxRetentionResult
        {
            Mailbox = mailbox,
            Folder = folder,
            DateProperty = property,
            MessageCount = messages?.OdataCount ?? messages?.Value?.Count ?? 0,
            ItemCount = info?.TotalItemCount ?? 0,
            ViolationCount = (int)(count ?? 0),
            ViolationSizeBytes = bytes,
            OldestItem = oldest,
            Cutoff = cutoff,
        };
    }

    /// <summary>The value of the date that counts (<see cref="DateProperty"/>) on a listed message.</summary>
    internal static DateTimeOffset? DateOf(Message message, string property) => property switch
    {
        "sentDateTime" => message.SentDateTime,
        "lastModifiedDateTime" => message.LastModifiedDateTime,
        _ => message.ReceivedDateTime,
    };

    /// <summary>
    /// Pages through the messages of a folder dated before <paramref name="cutoff"/> by the folder's date that counts,
    /// oldest first, with immutable ids: the one listing the check and the enforcement both use.
    /// </summary>
    /// <param name="countAndSize">Also ask Graph for the count (returned) and each message's size (PR_MESSAGE_SIZE).</param>
    internal static async Task<long?> ForEachOverLimitAsync(GraphConnection connection, string what, string mailbox, string folder, DateTimeOffset cutoff,
        IReadOnlyList<string> select, bool countAndSize, Action<Message> onMessage, CancellationToken cancellationToken)
    {
        var folderMessages = connection.Client.Users[mailbox].MailFolders[folder].Messages;
        string property = DateProperty(folder);
        string filter = property + " lt " + cutoff.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var page = await connection.Executor.RunAsync(mailbox, what, "mailbox", c => folderMessages.GetAsync(r =>
        {
            r.QueryParameters.Filter = filter;
            r.QueryParameters.Orderby = new[] { property + " asc" };
            r.QueryParameters.Top = 1000;
            r.QueryParameters.Select = select.ToArray();
            if (countAndSize)
            {
                r.QueryParameters.Count = true;
                r.QueryParameters.Expand = new[] { SizeProperty };
            }

            r.Headers.Add("Prefer", "IdType=\"ImmutableId\"");
        }, c), cancellationToken).ConfigureAwait(false);
        long? count = page?.OdataCount;
        while (page is not null)
        {
            foreach (var message in page.Value ?? new List<Message>())
            {
                onMessage(message);
            }

            if (page.OdataNextLink is not { } next)
            {
                break;
            }

            page = await connection.Executor.RunAsync(mailbox, what, "mailbox", c => folderMessages.WithUrl(next).GetAsync(r => r.Headers.Add("Prefer", "IdType=\"ImmutableId\""), c), cancellationToken).ConfigureAwait(false);
        }

        return count;
    }

    private Task<T> Run<T>(string mailbox, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        connection.Executor.RunAsync(mailbox, "checking retention", "mailbox", call, cancellationToken);
}
