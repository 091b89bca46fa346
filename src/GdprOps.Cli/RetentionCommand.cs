using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Retention;
using GdprOps.Sources;
using GdprOps.Sources.Graph;
using GdprOps.Sweep;

namespace GdprOps.Cli;

/// <summary>
/// gdprops retention test|items|enforce|validate: the retention cmdlets for scheduled jobs, on the same engine paths
/// (policy files .json or .psd1, the mailbox check and enforcement, the item check, planner and enforcement).
/// </summary>
internal static class RetentionCommand
{
    public static Command Create(TextWriter output, TextWriter error) =>
        new("retention", "Retention rules: mailboxes, and the item rules of a policy file.") { Test(output, error), Items(output, error), Enforce(output, error), Validate(output, error) };

    private static Option<string?> AsOfOption() => new("--as-of") { Description = "Judge as of this date and time (UTC unless it says otherwise) instead of now." };

    private static Option<FileInfo?> PolicyOption(string what) => new("--policy") { Description = $"The retention policy (.json or .psd1) whose {what} are applied." };

    private static Option<string[]> PathOption() => new("--path") { Description = "Folders or shares for the item rules with scope share.", AllowMultipleArgumentsPerToken = true };

    /// <summary>
    /// gdprops retention test: the mailbox rule (--older-than, or the mailboxRules of --policy). Exit code 0 when every
    /// mailbox complies, 1 when there are violations, 2 when a mailbox could not be checked (or the call was invalid).
    /// </summary>
    private static Command Test(TextWriter output, TextWriter error)
    {
        var cloud = new CloudOptions();
        var olderThan = new Option<string>("--older-than") { Description = "6mo (default), 180d, 2w, 1y, a time span or a date.", DefaultValueFactory = _ => "6mo" };
        var policy = PolicyOption("mailboxRules");
        var asOf = AsOfOption();
        var shards = new ShardOptions();
        var test = new Command("test", "Report mail in Inbox, Outbox, Sent Items and Deleted Items older than the rule allows.")
        {
            olderThan, policy, asOf, cloud.Mailbox, cloud.AllMailboxes, cloud.MailboxType, cloud.Folder,
        };
        AddAll(test, cloud.SignIn.Concat(shards.All));
        test.SetAction(async (parse, cancellationToken) =>
        {
            var host = new ConsoleHost(error, verbose: false);
            IReadOnlyList<(IReadOnlyList<string> Folders, RetentionAge Age)> rules;
            GraphConnection connection;
            GraphSweepScope scope;
            DateTimeOffset when;
            ShardSpec? shard;
            try
            {
                shard = shards.Read(parse);
                var age = RetentionAge.Parse(parse.GetValue(olderThan) ?? "6mo");
                scope = cloud.Scope(parse);
                var folders = scope.Mail.Folders.Count > 0 ? scope.Mail.Folders : MailboxRetentionCheck.StandardFolders;
                rules = parse.GetValue(policy) is { } file
                    ? MailboxRules(file).Select(r => (r.Folders, r.OlderThan)).ToList()
                    : new[] { (folders, age) };
                when = AsOf(parse.GetValue(asOf));
                connection = ConnectForMailboxes(parse, cloud, scope, error);
            }
            catch (Exception ex) when (ex is GdprOpsException or FormatException)
            {
                error.WriteLine($"ERROR {(ex as GdprOpsException)?.ErrorId ?? ErrorIds.InvalidArgument}: {ex.Message}");
                return ExitCodes.CheckFailed;
            }

            using (connection)
            {
                var summaries = new List<MailboxRetentionSummary>();
                try
                {
                    var mailboxes = await MailboxesAsync(scope, connection, shard, host, cancellationToken).ConfigureAwait(false);
                    foreach (var (folders, age) in rules)
                    {
                        summaries.Add(await new MailboxRetentionCheck(connection.MailboxFolders).RunAsync(mailboxes, folders, age, when, false, false, host, cancellationToken).ConfigureAwait(false));
                    }
                }
                catch (OperationCanceledException)
                {
                    error.WriteLine("Stopped.");
                    return ExitCodes.Stopped;
                }

                TextTable.Write(output, new[] { "Mailbox", "Folder", "Messages", "Over", "MB over", "Oldest over" }, host.Other.OfType<MailboxRetentionResult>()
                    .OrderBy(r => r.Mailbox, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Folder, StringComparer.Ordinal)
                    .Select(r => new[] { r.Mailbox, r.Folder, Number(r.MessageCount), Number(r.ViolationCount), (r.ViolationSizeBytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture), Day(r.OldestItem) })
                    .ToList());
                foreach (var summary in summaries)
                {
                    output.WriteLine($"{summary.MailboxesChecked} mailbox(es) checked against '{summary.Rule}' (cutoff {summary.Cutoff:yyyy-MM-dd HH:mm} UTC): {summary.NonCompliant} non-compliant, {summary.Violations} item(s) over the limit, {summary.Failed} failed.");
                }

                return summaries.Any(s => s.Failed > 0) ? ExitCodes.CheckFailed : summaries.Any(s => s.Violations > 0) ? ExitCodes.Violations : ExitCodes.Success;
            }
        });
        return test;
    }

    /// <summary>
    /// gdprops retention items: the item rules of a policy file over shares (--path), blob containers and drives,
    /// from listings alone. Exit code 0 when nothing is over the limit, 1 when something is (or cannot be judged: a
    /// date field that is not a date), 2 when a source or folder could not be listed or the call was invalid.
    /// </summary>
    private static Command Items(TextWriter output, TextWriter error)
    {
        var cloud = new CloudOptions();
        var policy = PolicyOption("itemRules");
        policy.Required = true;
        var path = PathOption();
        var asOf = AsOfOption();
        var shards = new ShardOptions();
        var items = new Command("items", "Report files, drive items and blobs the policy's item rules say are kept too long.") { policy, path, asOf };
        AddAll(items, ItemScope(cloud).Concat(cloud.SignIn).Concat(shards.All));
        items.SetAction(async (parse, cancellationToken) =>
        {
            var host = new ConsoleHost(error, verbose: false);
            ItemSources? sources;
            IReadOnlyList<ItemRetentionRule> rules;
            DateTimeOffset when;
            try
            {
                rules = ItemRules(parse.GetValue(policy)!);
                when = AsOf(parse.GetValue(asOf));
                sources = ItemSources.From(parse, cloud, path, shards.Read(parse), error, required: true)!;
            }
            catch (Exception ex) when (ex is GdprOpsException or FormatException)
            {
                error.WriteLine($"ERROR {(ex as GdprOpsException)?.ErrorId ?? ErrorIds.InvalidArgument}: {ex.Message}");
                return ExitCodes.CheckFailed;
            }

            using (sources)
            {
                ItemRetentionSummary summary;
                try
                {
                    summary = await new ItemRetentionCheck().RunAsync(await sources.ResolveAsync(host, cancellationToken).ConfigureAwait(false), rules, when, false, host, cancellationToken).ConfigureAwait(false);
                }
                catch (GdprOpsException ex)
                {
                    error.WriteLine($"ERROR {ex.ErrorId}: {ex.Message}");
                    return ExitCodes.CheckFailed;
                }
                catch (OperationCanceledException)
                {
                    error.WriteLine("Stopped.");
                    return ExitCodes.Stopped;
                }

                TextTable.Write(output, new[] { "Rule", "Source", "Items", "Over", "MB over", "Unjudged", "Oldest over" }, host.Other.OfType<ItemRetentionResult>()
                    .Select(r => new[] { r.Rule, r.Source, Number(r.Items), Number(r.Violations), (r.ViolationSizeBytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture), Number(r.Undetermined), Day(r.OldestItem) })
                    .ToList());
                output.WriteLine($"{summary.SourcesChecked} source(s), {summary.ItemsChecked} item(s) checked against {summary.Rules} item rule(s) as of {summary.AsOf:yyyy-MM-dd HH:mm} UTC: {summary.Violations} over the limit, {summary.Undetermined} not judged, {summary.Failed} source(s) failed, {summary.Errors} error(s).");
                return summary.Failed + summary.Errors > 0 ? ExitCodes.CheckFailed : summary.Violations + summary.Undetermined > 0 ? ExitCodes.Violations : ExitCodes.Success;
            }
        });
        return items;
    }

    /// <summary>
    /// gdprops retention enforce: Invoke-MailboxRetention and Invoke-ItemRetention in one run. The mailbox rules (of
    /// --policy, or --older-than with --action) over --mailbox/--all-mailboxes; the item rules of --policy over shares,
    /// containers and drives. Acts only with --yes; --what-if lists what would be done. Every batch is in the audit log.
    /// </summary>
    private static Command Enforce(TextWriter output, TextWriter error)
    {
        var cloud = new CloudOptions();
        var policy = PolicyOption("mailboxRules and itemRules");
        var olderThan = new Option<string?>("--older-than") { Description = "Without --policy: the mailbox rule's age (6mo, 180d, 1y ...)." };
        var action = new Option<string>("--action") { Description = "Without --policy: Delete (default, recoverable), Purge or Move.", DefaultValueFactory = _ => "Delete" };
        action.AcceptOnlyFromAmong("Delete", "Purge", "Move");
        var destination = new Option<string?>("--destination") { Description = "With --action Move: the folder mail is filed in (outside the standard folders)." };
        var maxItems = new Option<int?>("--max-items") { Description = "At most this many items acted on in this run; the rest are left for the next (Deferred)." };
        var yes = new Option<bool>("--yes") { Description = "Act. Without it (or with --what-if) nothing is touched." };
        var whatIf = new Option<bool>("--what-if") { Description = "List what would be done and touch nothing." };
        var auditLog = new Option<string?>("--audit-log") { Description = "The audit log every batch is written to first (default: GDPROPS_AUDIT_LOG, else the machine's log)." };
        var path = PathOption();
        var asOf = AsOfOption();
        var enforce = new Command("enforce", "Delete, purge or file away mail and items older than the rules allow. Needs --yes.")
        {
            policy, olderThan, action, destination, maxItems, yes, whatIf, auditLog, asOf, cloud.Mailbox, cloud.AllMailboxes, cloud.MailboxType, cloud.Folder, path,
        };
        var shards = new ShardOptions();
        AddAll(enforce, ItemScope(cloud).Concat(cloud.SignIn).Concat(shards.All));
        enforce.SetAction(async (parse, cancellationToken) =>
        {
            bool dryRun = parse.GetValue(whatIf);
            if (!dryRun && !parse.GetValue(yes))
            {
                error.WriteLine($"ERROR {ErrorIds.InvalidArgument}: gdprops retention enforce deletes data and acts only with --yes; --what-if lists what it would do. Nothing was touched.");
                return ExitCodes.InvalidUsage;
            }

            var host = new ConsoleHost(error, verbose: false);
            var mailboxRules = new List<MailboxRetentionRule>();
            IReadOnlyList<ItemRetentionRule> itemRules = Array.Empty<ItemRetentionRule>();
            GraphSweepScope scope;
            DateTimeOffset when;
            GraphConnection? connection = null;
            ItemSources? items = null;
            GdprOps.Audit.AuditLog? audit = null;
            ShardSpec? shard;
            try
            {
                shard = shards.Read(parse);
                scope = cloud.Scope(parse);
                bool mailboxesNamed = scope.Mailboxes.Count > 0 || scope.AllMailboxes;
                if (parse.GetValue(policy) is { } file)
                {
                    var loaded = RetentionPolicy.Load(file.FullName);
                    mailboxRules.AddRange(mailboxesNamed ? loaded.MailboxRules : Array.Empty<MailboxRetentionRule>());
                    itemRules = loaded.ItemRules;
                }
                else if (parse.GetValue(olderThan) is { } age)
                {
                    var folders = scope.Mail.Folders.Count > 0 ? scope.Mail.Folders : MailboxRetentionCheck.StandardFolders;
                    mailboxRules.Add(new MailboxRetentionRule("--older-than " + age, folders, RetentionAge.Parse(age), parse.GetValue(action) ?? "Delete", parse.GetValue(destination), "command line"));
                }
                else
                {
                    throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, "Give the rules: --policy (mailbox and item rules), or --older-than with --mailbox or --all-mailboxes.");
                }

                if (mailboxRules.Count > 0 && !mailboxesNamed)
                {
                    throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, "Name mailboxes with --mailbox or use --all-mailboxes.");
                }

                when = AsOf(parse.GetValue(asOf));
                items = itemRules.Count > 0 ? ItemSources.From(parse, cloud, path, shard, error, required: mailboxRules.Count == 0) : null;
                if (mailboxRules.Count == 0 && items is null)
                {
                    throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, "The policy's rules have nothing to apply to: name mailboxes for its mailboxRules, or shares, containers or drives for its itemRules.");
                }

                connection = mailboxRules.Count > 0 ? ConnectForMailboxes(parse, cloud, scope, error) : null;
                audit = dryRun ? null : new GdprOps.Audit.AuditLog(parse.GetValue(auditLog) ?? GdprOps.Audit.AuditLog.DefaultPath());
            }
            catch (Exception ex) when (ex is GdprOpsException or FormatException)
            {
                items?.Dispose();
                error.WriteLine($"ERROR {(ex as GdprOpsException)?.ErrorId ?? ErrorIds.InvalidArgument}: {ex.Message}");
                return ExitCodes.InvalidUsage;
            }

            using (connection)
            using (items)
            {
                int attention = 0;
                try
                {
                    if (connection is not null)
                    {
                        attention += await EnforceMailboxesAsync(output, mailboxRules, scope, shard, connection, when, parse.GetValue(maxItems), audit, dryRun, host, cancellationToken).ConfigureAwait(false);
                    }

                    if (items is not null)
                    {
                        attention += await EnforceItemsAsync(output, items, itemRules, when, parse.GetValue(maxItems), audit, dryRun, host, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (GdprOpsException ex)
                {
                    error.WriteLine($"ERROR {ex.ErrorId}: {ex.Message}");
                    return ExitCodes.Errors;
                }
                catch (OperationCanceledException)
                {
                    error.WriteLine("Stopped: what was done is in the audit log; run the same command again to go on.");
                    return ExitCodes.Stopped;
                }

                return attention > 0 || host.ErrorCount > 0 ? ExitCodes.Errors : ExitCodes.Success;
            }
        });
        return enforce;
    }

    /// <returns>How many folders had failures.</returns>
    private static async Task<int> EnforceMailboxesAsync(TextWriter output, IReadOnlyList<MailboxRetentionRule> rules, GraphSweepScope scope, ShardSpec? shard, GraphConnection connection,
        DateTimeOffset when, int? maxItems, GdprOps.Audit.AuditLog? audit, bool dryRun, ConsoleHost host, CancellationToken cancellationToken)
    {
        var mailboxes = await MailboxesAsync(scope, connection, shard, host, cancellationToken).ConfigureAwait(false);
        int failed = 0;
        foreach (var rule in rules)
        {
            var cutoff = rule.OlderThan.CutoffFrom(when);
            var targets = mailboxes.SelectMany(m => rule.Folders.Select(f => (m, f.ToLowerInvariant()))).Distinct().ToList();
            string what = MailboxRetentionEnforcementSummary.Describe(rule.Action, rule.Destination, cutoff) + $" ({rule.Name}; {rule.LegalBasis})";
            if (dryRun)
            {
                foreach (var (mailbox, folder) in targets)
                {
                    output.WriteLine($"What if: {folder} of {mailbox}: {what}");
                }

                continue;
            }

            var results = await new MailboxRetentionEnforcement(connection.MailboxFolders) { Command = "gdprops retention enforce" }
                .RunAsync(targets, rule.OlderThan, when, rule.Action, rule.Destination, maxItems, audit, null, host, cancellationToken).ConfigureAwait(false);
            TextTable.Write(output, new[] { "Mailbox", "Folder", "Action", "Acted", "Already gone", "Failed", "Deferred" }, results
                .Select(r => new[] { r.Mailbox, r.Folder, r.Action, Number(r.Acted), Number(r.AlreadyGone), Number(r.Failed), Number(r.Deferred) }).ToList());
            var summary = MailboxRetentionEnforcementSummary.From(results, rule.Action, cutoff);
            output.WriteLine($"{rule.Name}: {summary.Acted} message(s) acted on in {summary.Folders} folder(s) of {summary.Mailboxes} mailbox(es), {summary.AlreadyGone} already gone, {summary.Failed} failed, {summary.Deferred} deferred.");
            failed += results.Count(r => r.Failed > 0);
        }

        return failed;
    }

    /// <returns>How many batches had items that were not removed (failed or retained).</returns>
    private static async Task<int> EnforceItemsAsync(TextWriter output, ItemSources items, IReadOnlyList<ItemRetentionRule> rules, DateTimeOffset when, int? maxItems,
        GdprOps.Audit.AuditLog? audit, bool dryRun, ConsoleHost host, CancellationToken cancellationToken)
    {
        var (batches, _) = await ItemRetentionEnforcement.PlanAsync(await items.ResolveAsync(host, cancellationToken).ConfigureAwait(false), rules, when, host, cancellationToken).ConfigureAwait(false);
        if (dryRun)
        {
            foreach (var batch in batches)
            {
                output.WriteLine($"What if: {batch.Items.Count} item(s) in {batch.Source}: {ItemRetentionEnforcement.Describe(batch)}");
            }

            return 0;
        }

        var results = await new ItemRetentionEnforcement(items.Remover) { Command = "gdprops retention enforce" }
            .RunAsync(batches, maxItems, audit, null, host, cancellationToken).ConfigureAwait(false);
        TextTable.Write(output, new[] { "Rule", "Source", "Action", "Listed", "Acted", "Already gone", "Changed", "Retained", "Failed", "Deferred" }, results
            .Select(r => new[] { r.Rule, r.Source, r.Action, Number(r.Listed), Number(r.Acted), Number(r.AlreadyGone), Number(r.Changed), Number(r.Retained), Number(r.Failed), Number(r.Deferred) }).ToList());
        return results.Count(r => r.Failed + r.Retained > 0);
    }

    /// <summary>gdprops retention validate: Test-RetentionPolicy. Exit code 0 when the policy is valid, 2 when it is not.</summary>
    private static Command Validate(TextWriter output, TextWriter error)
    {
        var policy = PolicyOption("rules");
        policy.Required = true;
        var validate = new Command("validate", "Check a retention policy file (.json or .psd1) and list every problem with its line.") { policy };
        validate.SetAction(parse =>
        {
            var result = RetentionPolicy.ValidateFile(parse.GetValue(policy)!.FullName, out _);
            output.WriteLine($"Path:          {result.Path}");
            output.WriteLine($"Valid:         {(result.Valid ? "yes" : "NO")}");
            output.WriteLine($"Mailbox rules: {result.MailboxRules}");
            output.WriteLine($"Item rules:    {result.ItemRules}");
            if (!result.Valid)
            {
                error.WriteLine(result.Problems);
                return ExitCodes.InvalidUsage;
            }

            return ExitCodes.Success;
        });
        return validate;
    }

    private static IReadOnlyList<MailboxRetentionRule> MailboxRules(FileInfo file) => RetentionPolicy.Load(file.FullName).MailboxRules is { Count: > 0 } rules
        ? rules
        : throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, "The policy has no mailboxRules (gdprops retention items applies its itemRules).");

    private static IReadOnlyList<ItemRetentionRule> ItemRules(FileInfo file) => RetentionPolicy.Load(file.FullName).ItemRules is { Count: > 0 } rules
        ? rules
        : throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, "The policy has no itemRules (gdprops retention test applies mailbox rules).");

    private static GraphConnection ConnectForMailboxes(ParseResult parse, CloudOptions cloud, GraphSweepScope scope, TextWriter error)
    {
        if (scope.Mailboxes.Count == 0 && !scope.AllMailboxes)
        {
            throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, "Name mailboxes with --mailbox or use --all-mailboxes.");
        }

        return cloud.Connect(parse, needed: true, error)!;
    }

    /// <summary>The mailboxes named or listed, with a shard only its own.</summary>
    private static async Task<IReadOnlyList<string>> MailboxesAsync(GraphSweepScope scope, GraphConnection connection, ShardSpec? shard, ConsoleHost host, CancellationToken cancellationToken)
    {
        var mailboxes = scope.Mailboxes.ToList();
        if (scope.AllMailboxes)
        {
            mailboxes.AddRange(await scope.ListMailboxesAsync(connection, host, cancellationToken).ConfigureAwait(false));
        }

        return mailboxes.Where(m => shard is not { } own || own.OwnsMailbox(m)).ToList();
    }

    /// <summary>The options that name shares' neighbours for item rules: containers and drives.</summary>
    private static IEnumerable<Option> ItemScope(CloudOptions cloud) => new Option[] { cloud.BlobContainer, cloud.BlobSasUri, cloud.BlobSasUriFile, cloud.Prefix, cloud.OneDrive, cloud.Site, cloud.AllSites, cloud.Team };

    private static void AddAll(Command command, IEnumerable<Option> options)
    {
        foreach (var option in options.Where(o => !command.Options.Contains(o)))
        {
            command.Options.Add(option);
        }
    }

    /// <summary>--as-of: a date and time (UTC unless it says otherwise), or now.</summary>
    /// <exception cref="FormatException">Not a date.</exception>
    private static DateTimeOffset AsOf(string? text) => text is null
        ? DateTimeOffset.UtcNow
        : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Day(DateTimeOffset? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";

    /// <summary>The shares, containers and drives item rules apply to, with the connection and remover that reach them.</summary>
    private sealed class ItemSources : IDisposable
    {
        private readonly SourceScope _scope;
        private readonly GraphConnection? _connection;
        private IReadOnlyList<(IItemSource Source, string Scope)>? _resolved;

        private ItemSources(SourceScope scope, GraphConnection? connection)
        {
            _scope = scope;
            _connection = connection;
            Remover = new SourceItemRemover(connection, scope.Blobs.ConnectionString);
        }

        public SourceItemRemover Remover { get; }

        /// <summary>The sources of the options; null when none is named and <paramref name="required"/> is false.</summary>
        /// <exception cref="GdprOpsException">None named though required, or a drive scope without a way to sign in.</exception>
        public static ItemSources? From(ParseResult parse, CloudOptions cloud, Option<string[]> path, ShardSpec? shard, TextWriter error, bool required)
        {
            var scope = cloud.SourceScope(parse, path);
            scope.Shard = shard;
            if (!required && scope.Paths.Count == 0 && scope.Blobs.IsEmpty && scope.Drives.IsEmpty)
            {
                return null;
            }

            scope.ValidateForItemRules();
            return new ItemSources(scope, cloud.Connect(parse, needed: !scope.Drives.IsEmpty, error));
        }

        public async Task<IReadOnlyList<(IItemSource Source, string Scope)>> ResolveAsync(ConsoleHost host, CancellationToken cancellationToken) =>
            _resolved ??= await _scope.ResolveForItemRulesAsync(_connection, host, cancellationToken).ConfigureAwait(false);

        public void Dispose() => _connection?.Dispose();
    }
}
