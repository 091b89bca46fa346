using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Hosting;
using GdprOps.Sources;
using GdprOps.Sweep;

namespace GdprOps.Retention;

/// <summary>
/// Measures files, drive items and blobs against the item rules of a retention policy, from their listing alone
/// (nothing is downloaded): a rule's date is the item's Created or Modified time, or a metadata field holding a
/// date (a blob's metadata or index tag such as ConsentWithdrawn). An item older than the rule's cutoff is over the
/// limit; one whose metadata field is missing is outside the rule; one whose field is not a date cannot be judged
/// and is counted as such, never as compliant.
/// </summary>
public sealed class ItemRetentionCheck
{
    private const int SourcesAtOnce = 8;

    /// <param name="sources">Each source with its scope: share, drive or blob (the rule scopes of the policy file); a source no rule applies to is skipped.</param>
    /// <param name="detailed">Also write every item over the limit as an <see cref="ItemRetentionViolation"/>.</param>
    /// <param name="onViolation">Called (from any thread) with every item over a rule's limit: what enforcement acts on.</param>
    /// <param name="writeResults">Write the per rule and source results (the report); enforcement writes its own.</param>
    public async Task<ItemRetentionSummary> RunAsync(IReadOnlyList<(IItemSource Source, string Scope)> sources, IReadOnlyList<ItemRetentionRule> rules,
        DateTimeOffset asOf, bool detailed, IRunHost host, CancellationToken cancellationToken, Action<ItemRetentionRule, SourceItem>? onViolation = null, bool writeResults = true)
    {
        // A rule with no source of its scope, and sources no rule applies to, are named; the latter are not listed.
        var scopes = sources.Select(s => s.Scope).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var rule in rules.Where(r => !scopes.Contains(r.Scope, StringComparer.OrdinalIgnoreCase)))
        {
            host.WriteWarning($"Rule '{rule.Name}' (scope {rule.Scope}) was not applied: no {rule.Scope} source was given.");
        }

        foreach (string scope in scopes.Where(s => !rules.Any(r => r.Scope.Equals(s, StringComparison.OrdinalIgnoreCase))))
        {
            host.WriteWarning($"No item rule has scope {scope}: the {scope} sources given were not listed.");
        }

        sources = sources.Where(s => rules.Any(r => r.Scope.Equals(s.Scope, StringComparison.OrdinalIgnoreCase))).ToList();
        var results = new List<ItemRetentionResult>();
        var failed = new List<string>();
        int errors = 0;
        host = new ErrorTappingHost(host, _ => Interlocked.Increment(ref errors));
        int done = 0;
        using var slots = new SemaphoreSlim(SourcesAtOnce);
        var work = sources.Select(async pair =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var applicable = rules.Where(r => r.Scope.Equals(pair.Scope, StringComparison.OrdinalIgnoreCase)).ToList();
                var checkedSource = await CheckSourceAsync(pair.Source, applicable, asOf, detailed, host, onViolation, cancellationToken).ConfigureAwait(false);
                lock (results)
                {
                    results.AddRange(checkedSource);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                host.WriteItemError(ItemErrors.FromException(ex, pair.Source.DisplayName));
                lock (failed)
                {
                    failed.Add(pair.Source.DisplayName);
                }
            }
            finally
            {
                slots.Release();
                int n = Interlocked.Increment(ref done);
                host.WriteProgress(new RunProgress("Checking item retention", $"{n} of {sources.Count} sources", PercentComplete: n * 100 / Math.Max(1, sources.Count), Completed: n == sources.Count));
            }
        }).ToList();
        await Task.WhenAll(work).ConfigureAwait(false);

        foreach (var rule in rules.Where(r => r.DateMetadata is not null))
        {
            int undetermined = results.Where(r => r.Rule == rule.Name).Sum(r => r.Undetermined);
            if (undetermined > 0)
            {
                host.WriteWarning($"Rule '{rule.Name}': {undetermined} item(s) have a '{rule.DateMetadata}' field that is not a date; they were not judged (see Undetermined).");
            }
        }

        foreach (var result in results.OrderBy(r => r.Rule, StringComparer.Ordinal).ThenBy(r => r.Source, StringComparer.OrdinalIgnoreCase).Where(_ => writeResults))
        {
            host.WriteOutput(result);
        }

        return new ItemRetentionSummary
        {
            Rules = rules.Count,
            SourcesChecked = sources.Count - failed.Count,
            ItemsChecked = results.GroupBy(r => r.Source, StringComparer.OrdinalIgnoreCase).Sum(g => g.Max(r => r.Items)),
            Violations = results.Sum(r => r.Violations),
            ViolationSizeBytes = results.Sum(r => r.ViolationSizeBytes),
            Undetermined = results.Sum(r => r.Undetermined),
            Failed = failed.Count,
            Errors = Volatile.Read(ref errors),
            FailedSources = string.Join(";", failed.OrderBy(f => f, StringComparer.OrdinalIgnoreCase)),
            AsOf = asOf,
        };
    }

    private static async Task<List<ItemRetentionResult>> CheckSourceAsync(IItemSource source, List<ItemRetentionRule> rules, DateTimeOffset asOf, bool detailed,
        IRunHost host, Action<ItemRetentionRule, SourceItem>? onViolation, CancellationToken cancellationToken)
    {
        var results = rules.Select(rule => new ItemRetentionResult
        {
            Rule = rule.Name,
            Scope = rule.Scope,
            Source = source.DisplayName,
            Cutoff = rule.OlderThan.CutoffFrom(asOf),
            Action = rule.Action,
            LegalBasis = rule.LegalBasis,
        }).ToList();
        int items = 0;
        await foreach (var item in source.EnumerateAsync(host, cancellationToken).ConfigureAwait(false))
        {
            items++;
            for (int r = 0; r < rules.Count; r++)
            {
                if (Judge(item, rules[r], results[r], detailed, host))
                {
                    onViolation?.Invoke(rules[r], item);
                }
            }
        }

        foreach (var result in results)
        {
            result.Items = items;
        }

        return results;
    }

    /// <returns>True when the item is over the rule's limit.</returns>
    private static bool Judge(SourceItem item, ItemRetentionRule rule, ItemRetentionResult result, bool detailed, IRunHost host)
    {
        DateTimeOffset? date;
        if (rule.DateMetadata is { } field)
        {
            string? value = MetadataValue(item, field);
            if (value is null)
            {
                return false;
            }

            if (!TryParseDate(value, out var parsed))
            {
                result.Undetermined++;
                return false;
            }

            date = parsed;
        }
        else
        {
            date = string.Equals(rule.DateProperty, "Created", StringComparison.OrdinalIgnoreCase) ? item.Created : item.Modified;
            if (date is null)
            {
                result.Undetermined++;
                return false;
            }
        }

        result.Applicable++;
        if (date.Value >= result.Cutoff)
        {
            return false;
        }

        result.Violations++;
        result.ViolationSizeBytes += item.SizeBytes ?? 0;
        if (result.OldestItem is null || date.Value < result.OldestItem)
        {
            result.OldestItem = date.Value;
        }

        if (detailed)
        {
            host.WriteOutput(new ItemRetentionViolation
            {
                Rule = rule.Name,
                Source = item.Source,
                ItemId = item.ItemId,
                ItemName = item.ItemName,
                ItemUri = item.ItemUri,
                Date = date.Value,
                SizeBytes = item.SizeBytes,
                Action = rule.Action,
            });
        }

        return true;
    }

    /// <summary>The item's metadata field, or its blob index tag, of that name (names ignore case, as in Azure).</summary>
    private static string? MetadataValue(SourceItem item, string field)
    {
        foreach (var pair in item.Metadata)
        {
            if (pair.Key.Equals(field, StringComparison.OrdinalIgnoreCase) || pair.Key.Equals("tag:" + field, StringComparison.OrdinalIgnoreCase))
            {
                return pair.Value;
            }
        }

        return null;
    }

    /// <summary>An ISO 8601 date or date and time; without an offset it is UTC.</summary>
    public static bool TryParseDate(string value, out DateTimeOffset date) =>
        DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out date);
}

/// <summary>One item rule over one source (Test-ItemRetention).</summary>
public sealed class ItemRetentionResult
{
    public string Rule { get; set; } = string.Empty;

    public string Scope { get; set; } = string.Empty;

    public string Source { get; set; } = string.Empty;

    /// <summary>Items the source listed.</summary>
    public int Items { get; set; }

    /// <summary>Items the rule could judge (they have its date).</summary>
    public int Applicable { get; set; }

    public int Violations { get; set; }

    public long ViolationSizeBytes { get; set; }

    public DateTimeOffset? OldestItem { get; set; }

    /// <summary>Items whose date field is there but is not a date, or with no date at all: not judged, not compliant.</summary>
    public int Undetermined { get; set; }

    public DateTimeOffset Cutoff { get; set; }

    public string Action { get; set; } = string.Empty;

    public string LegalBasis { get; set; } = string.Empty;
}

/// <summary>One item over the limit (Test-ItemRetention -Detailed).</summary>
public sealed class ItemRetentionViolation
{
    public string Rule { get; set; } = string.Empty;

    public string Source { get; set; } = string.Empty;

    public string ItemId { get; set; } = string.Empty;

    public string ItemName { get; set; } = string.Empty;

    public string ItemUri { get; set; } = string.Empty;

    public DateTimeOffset Date { get; set; }

    public long? SizeBytes { get; set; }

    public string Action { get; set; } = string.Empty;
}

/// <summary>The last object of Test-ItemRetention: what a scheduled task acts on.</summary>
public sealed class ItemRetentionSummary
{
    public int Rules { get; set; }

    public int SourcesChecked { get; set; }

    public int ItemsChecked { get; set; }

    public int Violations { get; set; }

    public long ViolationSizeBytes { get; set; }

    public int Undetermined { get; set; }

    /// <summary>Sources that could not be listed at all.</summary>
    public int Failed { get; set; }

    /// <summary>Errors reported on the way (a folder that could not be listed, a source that failed): the report is incomplete.</summary>
    public int Errors { get; set; }

    public string FailedSources { get; set; } = string.Empty;

    public DateTimeOffset AsOf { get; set; }
}
