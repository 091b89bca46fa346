using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Audit;
using GdprOps.Hosting;
using GdprOps.Sources;
using GdprOps.Sweep;

namespace GdprOps.Retention;

/// <summary>
/// Enforces the mailbox retention rule: in the standard folders only, the items whose date (see
/// <see cref="MailboxRetentionCheck.DateProperty"/>) is before the cutoff are deleted, purged or moved, in $batch
/// requests. Every item is checked against the cutoff again before it is queued, so nothing newer is ever touched;
/// one audit line per folder. Running it twice does nothing the second time.
/// </summary>
public sealed class MailboxRetentionEnforcement
{
    private readonly IMailboxFolders folders;
    private int budget = int.MaxValue;

    public MailboxRetentionEnforcement(IMailboxFolders folders) => this.folders = folders;

    /// <summary>The command the audit lines name.</summary>
    public string Command { get; set; } = "Invoke-MailboxRetention";

    /// <summary>The standard folders the rule governs; custom folders are the employee's own filing.</summary>
    public static bool IsStandardFolder(string folder) => MailboxRetentionCheck.StandardFolders.Contains(folder, StringComparer.OrdinalIgnoreCase);

    public async Task<IReadOnlyList<MailboxRetentionEnforcementResult>> RunAsync(IReadOnlyList<(string Mailbox, string Folder)> targets, RetentionAge age, DateTimeOffset asOf,
        string action, string? destination, int? maxItems, AuditLog? audit, string? operatorName, IRunHost host, CancellationToken cancellationToken)
    {
        if (targets.Any(t => !IsStandardFolder(t.Folder)))
        {
            throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, "Retention is enforced only in inbox, outbox, sentitems and deleteditems: custom folders are the employee's own filing.");
        }

        if (action == "Move" && (destination is null || IsStandardFolder(destination)))
        {
            throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, "-Action Move needs a -Destination outside the standard folders (for example archive or a folder id).");
        }

        budget = maxItems ?? int.MaxValue;
        var cutoff = age.CutoffFrom(asOf);
        audit?.EnsureWritable();
        var results = new List<MailboxRetentionEnforcementResult>();
        var gate = new object();
        using var slots = new SemaphoreSlim(16);
        var work = targets.GroupBy(t => t.Mailbox, StringComparer.OrdinalIgnoreCase).Select(async group =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                foreach (var (mailbox, folder) in group)
                {
                    var result = new MailboxRetentionEnforcementResult { Mailbox = mailbox, Folder = folder, Action = action, Destination = destination, Cutoff = cutoff };
                    try
                    {
                        await EnforceAsync(result, cancellationToken).ConfigureAwait(false);
                    }
                    catch (SourceItemException ex)
                    {
                        host.WriteItemError(ItemErrors.FromException(ex, $"mailbox {mailbox} folder {folder}"));
                        result.Failed++;
                    }
                    finally
                    {
                        if (result.Acted + result.AlreadyGone + result.Failed > 0 || result.Deferred > 0)
                        {
                            lock (gate)
                            {
                                audit?.Append(new AuditEntry
                                {
                                    Action = "RetentionEnforcement",
                                    Command = Command,
                                    SignedInAs = operatorName,
                                    Scope = $"mailbox {mailbox} folder {folder} action {action}{(destination is null ? string.Empty : " to " + destination)} cutoff {cutoff.UtcDateTime:o}",
                                    Counts = new Dictionary<string, long> { ["acted"] = result.Acted, ["alreadyGone"] = result.AlreadyGone, ["failed"] = result.Failed, ["deferred"] = result.Deferred },
                                    Outcome = result.Failed > 0 ? "CompletedWithErrors" : cancellationToken.IsCancellationRequested ? "Stopped" : "Succeeded",
                                });
                            }
                        }
                    }

                    lock (gate)
                    {
                        results.Add(result);
                    }

                    host.WriteOutput(result);
                }
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        await Task.WhenAll(work).ConfigureAwait(false);
        return results;
    }

    private async Task EnforceAsync(MailboxRetentionEnforcementResult result, CancellationToken cancellationToken)
    {
        string mailbox = result.Mailbox;
        string folder = result.Folder;
        var ids = new List<string>();
        await folders.ForEachOverLimitAsync(mailbox, folder, result.Cutoff, withSubject: false, countAndSize: false, message =>
        {
            // The filter already says so; checked again so that nothing newer than the cutoff can ever be queued.
            if (message.Date is { } when && when < result.Cutoff)
            {
                if (Interlocked.Decrement(ref budget) >= 0)
                {
                    ids.Add(message.Id);
                }
                else
                {
                    result.Deferred++;
                }
            }
        }, cancellationToken).ConfigureAwait(false);

        var deleted = new List<string>();
        await folders.ActAsync(mailbox, ids, result.Action, result.Destination, (id, status) =>
        {
            lock (result)
            {
                if (status is >= 200 and < 300)
                {
                    result.Acted++;
                    deleted.Add(id);
                }
                else if (status == 404)
                {
                    result.AlreadyGone++;
                }
                else
                {
                    result.Failed++;
                }
            }
        }, cancellationToken).ConfigureAwait(false);

        // Where a DELETE puts mail is undocumented (message-delete.md, docs issue #285): if it went to Deleted Items,
        // it would sit there with a fresh lastModifiedDateTime and read compliant for another period. A second DELETE
        // moves it on to Recoverable Items; where the first already did, Exchange answers 400 ErrorCannotDeleteObject.
        if (result.Action == "Delete" && !folder.Equals("deleteditems", StringComparison.OrdinalIgnoreCase) && deleted.Count > 0)
        {
            await folders.ActAsync(mailbox, deleted, "Delete", null, (_, status) =>
            {
                if (status is not (>= 200 and < 300) and not 400 and not 404)
                {
                    lock (result)
                    {
                        result.Failed++;
                    }
                }
            }, cancellationToken).ConfigureAwait(false);
        }
    }
}
