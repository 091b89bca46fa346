using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Audit;
using GdprOps.Hosting;
using GdprOps.Removal;
using GdprOps.Sources;
using GdprOps.Sweep;

namespace GdprOps.Retention;

/// <summary>The items over one rule's limit in one source, as listed: what enforcement acts on.</summary>
public sealed record ItemRetentionBatch(ItemRetentionRule Rule, string Source, DateTimeOffset Cutoff, IReadOnlyList<SourceItem> Items);

/// <summary>
/// Applies item rules: deletes or purges each item over the limit, pinned to the version seen when it was listed.
/// An item changed since (a newer version) is left for the next run to judge again; one already gone is counted as
/// such; a refusal (a hold, an immutability policy) is Retained; a failure is Failed. Every item is written as a
/// <see cref="RemovalResult"/>, every batch as an <see cref="ItemRetentionEnforcementResult"/> and one audit line
/// with its counts. Nothing is ever reported removed that was not.
/// </summary>
public sealed class ItemRetentionEnforcement
{
    private const int ItemsAtOnce = 4;
    private readonly IItemRemover _remover;
    private int _budget = int.MaxValue;

    public ItemRetentionEnforcement(IItemRemover remover) => _remover = remover;

    /// <summary>The command the audit lines name.</summary>
    public string Command { get; set; } = "Invoke-ItemRetention";

    /// <summary>
    /// Lists the sources and groups every item over a rule's limit by rule and source, in a stable order (rule name,
    /// then source): what <see cref="RunAsync"/> acts on. A Move rule is for mailboxes: it is named in a warning and
    /// not planned.
    /// </summary>
    public static async Task<(IReadOnlyList<ItemRetentionBatch> Batches, ItemRetentionSummary Summary)> PlanAsync(
        IReadOnlyList<(IItemSource Source, string Scope)> sources, IReadOnlyList<ItemRetentionRule> rules, DateTimeOffset asOf, IRunHost host, CancellationToken cancellationToken)
    {
        foreach (var rule in rules.Where(IsMove))
        {
            host.WriteWarning($"Rule '{rule.Name}': Move is for mailbox rules; an item rule can Delete or Purge. It was not applied.");
        }

        var found = new Dictionary<(ItemRetentionRule Rule, string Source), List<SourceItem>>();
        var summary = await new ItemRetentionCheck().RunAsync(sources, rules, asOf, detailed: false, host, cancellationToken, (rule, item) =>
        {
            if (IsMove(rule))
            {
                return;
            }

            lock (found)
            {
                if (!found.TryGetValue((rule, item.Source), out var items))
                {
                    found[(rule, item.Source)] = items = new List<SourceItem>();
                }

                items.Add(item);
            }
        }, writeResults: false).ConfigureAwait(false);
        var batches = found
            .Select(b => new ItemRetentionBatch(b.Key.Rule, b.Key.Source, b.Key.Rule.OlderThan.CutoffFrom(asOf), b.Value.OrderBy(i => i.ItemUri, StringComparer.Ordinal).ToList()))
            .OrderBy(b => b.Rule.Name, StringComparer.Ordinal).ThenBy(b => b.Source, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return (batches, summary);
    }

    /// <summary>What acting on <paramref name="batch"/> does, in the words -WhatIf and --what-if show.</summary>
    public static string Describe(ItemRetentionBatch batch) =>
        $"{(batch.Rule.Action.Equals("Purge", StringComparison.OrdinalIgnoreCase) ? "Permanently delete" : "Delete")} items older than {batch.Cutoff:yyyy-MM-dd HH:mm} UTC ({batch.Rule.Name}; {batch.Rule.LegalBasis})";

    private static bool IsMove(ItemRetentionRule rule) => rule.Action.Equals("Move", StringComparison.OrdinalIgnoreCase);

    /// <param name="maxItems">At most this many items acted on in the whole run; the rest are Deferred to the next run.</param>
    public async Task<List<ItemRetentionEnforcementResult>> RunAsync(IReadOnlyList<ItemRetentionBatch> batches, int? maxItems, AuditLog? audit, string? operatorName,
        IRunHost host, CancellationToken cancellationToken)
    {
        _budget = maxItems ?? int.MaxValue;
        var results = new List<ItemRetentionEnforcementResult>();
        audit?.EnsureWritable();
        foreach (var batch in batches)
        {
            var result = new ItemRetentionEnforcementResult
            {
                Rule = batch.Rule.Name,
                Source = batch.Source,
                Action = batch.Rule.Action,
                Cutoff = batch.Cutoff,
                Listed = batch.Items.Count,
            };
            results.Add(result);

            // Recorded before anything of the batch is acted on; the outcome line follows.
            audit?.Append(new AuditEntry
            {
                Action = "RetentionEnforcement",
                Command = Command,
                SignedInAs = operatorName,
                Scope = $"rule {batch.Rule.Name} ({batch.Rule.LegalBasis}) source {batch.Source} action {batch.Rule.Action} cutoff {batch.Cutoff.UtcDateTime:o}",
                Counts = new Dictionary<string, long> { ["listed"] = batch.Items.Count },
                Outcome = "Intended",
            });
            try
            {
                await EnforceAsync(batch, result, host, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                audit?.Append(new AuditEntry
                {
                    Action = "RetentionEnforcement",
                    Command = Command,
                    SignedInAs = operatorName,
                    Scope = $"rule {batch.Rule.Name} ({batch.Rule.LegalBasis}) source {batch.Source} action {batch.Rule.Action} cutoff {batch.Cutoff.UtcDateTime:o}",
                    Counts = new Dictionary<string, long>
                    {
                        ["acted"] = result.Acted, ["alreadyGone"] = result.AlreadyGone, ["changed"] = result.Changed, ["retained"] = result.Retained,
                        ["failed"] = result.Failed, ["deferred"] = result.Deferred,
                    },
                    Outcome = cancellationToken.IsCancellationRequested ? "Stopped" : result.Failed > 0 ? "CompletedWithErrors" : "Succeeded",
                });
                host.WriteOutput(result);
            }
        }

        return results;
    }

    private async Task EnforceAsync(ItemRetentionBatch batch, ItemRetentionEnforcementResult result, IRunHost host, CancellationToken cancellationToken)
    {
        var mode = batch.Rule.Action.Equals("Purge", StringComparison.OrdinalIgnoreCase) ? RemovalMode.Purge : RemovalMode.Delete;
        using var slots = new SemaphoreSlim(ItemsAtOnce);
        var work = new List<Task>();
        foreach (var item in batch.Items)
        {
            // Over -MaxItems, or stopped (Ctrl+C): not acted on, left for the next run. In-flight items still finish.
            bool started = false;
            if (!cancellationToken.IsCancellationRequested && Interlocked.Decrement(ref _budget) >= 0)
            {
                try
                {
                    await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                    started = true;
                }
                catch (OperationCanceledException)
                {
                }
            }

            if (!started)
            {
                lock (result)
                {
                    result.Deferred++;
                }

                continue;
            }

            work.Add(Task.Run(
                async () =>
                {
                    try
                    {
                        var removal = await RemoveAsync(item, mode, cancellationToken).ConfigureAwait(false);
                        lock (result)
                        {
                            Count(result, removal.Outcome);
                        }

                        host.WriteOutput(removal);
                    }
                    finally
                    {
                        slots.Release();
                    }
                },
                CancellationToken.None));
        }

        await Task.WhenAll(work).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task<RemovalResult> RemoveAsync(SourceItem item, RemovalMode mode, CancellationToken cancellationToken)
    {
        var finding = item.ToFinding();
        if (item.Version is not { } listed)
        {
            return RemovalResult.For(finding, mode, RemovalOutcome.Failed, "The source gave no version to pin the removal to: not removed.");
        }

        try
        {
            string? current = (await _remover.CurrentItemAsync(finding, cancellationToken).ConfigureAwait(false))?.Version;
            if (current is null)
            {
                return RemovalResult.For(finding, mode, RemovalOutcome.AlreadyGone, "Already gone.");
            }

            if (!SubjectRemover.SameVersion(current, listed))
            {
                return RemovalResult.For(finding, mode, RemovalOutcome.SkippedChanged, "Changed since it was listed: not removed; the next run judges it again.");
            }

            var removal = await _remover.RemoveAsync(finding, mode, listed, cancellationToken).ConfigureAwait(false);
            if (removal.Outcome == RemovalOutcome.Failed && await _remover.RetentionReasonAsync(finding, cancellationToken).ConfigureAwait(false) is { } reason)
            {
                return RemovalResult.For(finding, mode, RemovalOutcome.Retained, "Kept by " + reason + ".");
            }

            return removal;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return RemovalResult.For(finding, mode, RemovalOutcome.Failed, "Stopped before this item was removed.");
        }
        catch (Exception ex) when (ex is SourceItemException or System.IO.IOException or UnauthorizedAccessException)
        {
            return RemovalResult.For(finding, mode, RemovalOutcome.Failed, ItemErrors.FromException(ex, item.ItemUri).Message);
        }
    }

    private static void Count(ItemRetentionEnforcementResult result, string outcome)
    {
        switch (outcome)
        {
            case RemovalOutcome.Removed or RemovalOutcome.SoftDeleted:
                result.Acted++;
                break;
            case RemovalOutcome.AlreadyGone:
                result.AlreadyGone++;
                break;
            case RemovalOutcome.SkippedChanged:
                result.Changed++;
                break;
            case RemovalOutcome.Retained:
                result.Retained++;
                break;
            default:
                result.Failed++;
                break;
        }
    }
}

/// <summary>One rule applied to one source (Invoke-ItemRetention).</summary>
public sealed class ItemRetentionEnforcementResult
{
    public string Rule { get; set; } = string.Empty;

    public string Source { get; set; } = string.Empty;

    public string Action { get; set; } = string.Empty;

    public DateTimeOffset Cutoff { get; set; }

    /// <summary>Items over the limit when listed.</summary>
    public int Listed { get; set; }

    /// <summary>Deleted or purged.</summary>
    public int Acted { get; set; }

    public int AlreadyGone { get; set; }

    /// <summary>Changed since listed: left for the next run to judge.</summary>
    public int Changed { get; set; }

    /// <summary>Refused by a hold or an immutability policy.</summary>
    public int Retained { get; set; }

    public int Failed { get; set; }

    /// <summary>Over -MaxItems, or not reached before a stop: left for the next run.</summary>
    public int Deferred { get; set; }
}
