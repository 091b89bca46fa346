using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using GdprOps.Retention;
using GdprOps.Sources.Graph;

namespace GdprOps.Cli;

/// <summary>
/// gdprops retention test: the mailbox retention rule for a scheduled job. Exit code 0 when every mailbox complies,
/// 1 when there are violations, 2 when a mailbox could not be checked (or the call was invalid).
/// </summary>
internal static class RetentionCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var cloud = new CloudOptions();
        var olderThan = new Option<string>("--older-than") { Description = "6mo (default), 180d, 2w, 1y, a time span or a date.", DefaultValueFactory = _ => "6mo" };
        var asOf = new Option<string?>("--as-of") { Description = "Measure as of this date and time instead of now." };
        var test = new Command("test", "Report mail in Inbox, Outbox, Sent Items and Deleted Items older than the rule allows.")
        {
            olderThan, asOf, cloud.Mailbox, cloud.AllMailboxes, cloud.MailboxType, cloud.Folder, cloud.TenantId, cloud.ClientId, cloud.CertificatePath,
            cloud.CertificateThumbprint, cloud.ManagedIdentity, cloud.DeviceCode, cloud.Environment, cloud.GraphEndpoint,
        };
        test.SetAction(async (parse, cancellationToken) =>
        {
            var host = new ConsoleHost(error, verbose: false);
            RetentionAge age;
            GraphConnection connection;
            GraphSweepScope scope;
            DateTimeOffset when;
            try
            {
                age = RetentionAge.Parse(parse.GetValue(olderThan) ?? "6mo");
                when = AsOf(parse.GetValue(asOf));
                scope = cloud.Scope(parse);
                if (scope.Mailboxes.Count == 0 && !scope.AllMailboxes)
                {
                    throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, "Name mailboxes with --mailbox or use --all-mailboxes.");
                }

                connection = cloud.Connect(parse, needed: true, error)!;
            }
            catch (Exception ex) when (ex is GdprOpsException or FormatException)
            {
                error.WriteLine($"ERROR {(ex as GdprOpsException)?.ErrorId ?? ErrorIds.InvalidArgument}: {ex.Message}");
                return ExitCodes.CheckFailed;
            }

            using (connection)
            {
                var mailboxes = scope.Mailboxes.ToList();
                if (scope.AllMailboxes)
                {
                    mailboxes.AddRange(await scope.ListMailboxesAsync(connection, host, cancellationToken).ConfigureAwait(false));
                }

                var folders = scope.Mail.Folders.Count > 0 ? scope.Mail.Folders : MailboxRetentionCheck.StandardFolders;
                RetentionSummary summary;
                try
                {
                    summary = await new MailboxRetentionCheck(connection).RunAsync(mailboxes, folders, age, when, false, false, host, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    error.WriteLine("Stopped.");
                    return ExitCodes.Stopped;
                }

                output.WriteLine($"{"Mailbox",-40} {"Folder",-14} {"Messages",8} {"Over",7} {"MB over",9} Oldest over");
                foreach (var row in host.Other.OfType<MailboxRetentionResult>().OrderBy(r => r.Mailbox, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Folder, StringComparer.Ordinal))
                {
                    output.WriteLine($"{row.Mailbox,-40} {row.Folder,-14} {row.MessageCount,8} {row.ViolationCount,7} {row.ViolationSizeBytes / 1048576.0,9:0.0} {row.OldestItem?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}");
                }

                output.WriteLine($"{summary.MailboxesChecked} mailbox(es) checked against '{summary.Rule}' (cutoff {summary.Cutoff:yyyy-MM-dd HH:mm} UTC): {summary.NonCompliant} non-compliant, {summary.Violations} item(s) over the limit, {summary.Failed} failed.");
                return summary.Failed > 0 ? ExitCodes.CheckFailed : summary.Violations > 0 ? ExitCodes.Violations : ExitCodes.Success;
            }
        });
        return new Command("retention", "Retention rules: mailboxes, and the item rules of a policy file.") { test, Items(output, error) };
    }

    /// <summary>--as-of: a date and time (UTC unless it says otherwise), or now.</summary>
    /// <exception cref="FormatException">Not a date.</exception>
    private static DateTimeOffset AsOf(string? text) => text is null
        ? DateTimeOffset.UtcNow
        : DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);

    /// <summary>
    /// gdprops retention items: the item rules of a policy file (.json) over shares (--path), blob containers and
    /// drives, from listings alone. Exit code 0 when nothing is over the limit, 1 when something is (or cannot be
    /// judged: a date field that is not a date), 2 when a source or folder could not be listed or the call was invalid.
    /// </summary>
    private static Command Items(TextWriter output, TextWriter error)
    {
        var cloud = new CloudOptions();
        var policyFile = new Option<FileInfo>("--policy") { Description = "The retention policy (.json) whose itemRules are applied.", Required = true };
        var path = new Option<string[]>("--path") { Description = "Folders or shares for the rules with scope share.", AllowMultipleArgumentsPerToken = true };
        var asOf = new Option<string?>("--as-of") { Description = "Judge as of this date and time instead of now." };
        var items = new Command("items", "Report files, drive items and blobs the policy's item rules say are kept too long.")
        {
            policyFile, path, asOf, cloud.BlobContainer, cloud.BlobSasUri, cloud.Prefix, cloud.OneDrive, cloud.Site, cloud.AllSites, cloud.Team,
            cloud.TenantId, cloud.ClientId, cloud.CertificatePath, cloud.CertificateThumbprint, cloud.ManagedIdentity, cloud.DeviceCode, cloud.Environment,
            cloud.GraphEndpoint, cloud.StorageAccount,
        };
        items.SetAction(async (parse, cancellationToken) =>
        {
            var host = new ConsoleHost(error, verbose: false);
            GraphConnection? connection;
            var sources = new System.Collections.Generic.List<(GdprOps.Sources.IItemSource Source, string Scope)>();
            IReadOnlyList<ItemRetentionRule> rules;
            DateTimeOffset when;
            var drives = cloud.Scope(parse);
            try
            {
                var problems = RetentionPolicy.Validate(File.ReadAllText(parse.GetValue(policyFile)!.FullName), out var policy);
                if (policy is null)
                {
                    throw new GdprOpsException(ErrorIds.RetentionPolicyInvalid, ErrorKind.InvalidData, "The retention policy is not valid:\n" + string.Join("\n", problems));
                }

                rules = policy.ItemRules.Count > 0 ? policy.ItemRules
                    : throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, "The policy has no itemRules (gdprops retention test applies mailbox rules).");
                when = AsOf(parse.GetValue(asOf));
                var blobs = cloud.Blobs(parse);
                var paths = parse.GetValue(path) ?? Array.Empty<string>();
                if (paths.Length == 0 && blobs.IsEmpty && drives.IsEmpty)
                {
                    throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, "Say where to look: --path, --blob-container, --blob-sas-uri-file (or GDPROPS_BLOB_SAS_URIS), --onedrive, --site, --all-sites or --team.");
                }

                connection = cloud.Connect(parse, needed: !drives.IsEmpty, error);
                sources.AddRange(paths.Select(p => ((GdprOps.Sources.IItemSource)new GdprOps.Sources.FileSystem.FileSystemSource(p), "share")));
                sources.AddRange(blobs.Resolve(connection).Select(s => (s, "blob")));
            }
            catch (Exception ex) when (ex is GdprOpsException or FormatException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"ERROR {(ex as GdprOpsException)?.ErrorId ?? ErrorIds.InvalidArgument}: {ex.Message}");
                return ExitCodes.CheckFailed;
            }

            using (connection)
            {
                ItemRetentionSummary summary;
                try
                {
                    if (!drives.IsEmpty)
                    {
                        sources.AddRange((await drives.ResolveAsync(connection!, null, host, cancellationToken).ConfigureAwait(false)).Select(s => (s, "drive")));
                    }

                    summary = await new ItemRetentionCheck().RunAsync(sources, rules, when, false, host, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    error.WriteLine("Stopped.");
                    return ExitCodes.Stopped;
                }

                output.WriteLine($"{"Rule",-28} {"Source",-40} {"Items",7} {"Over",7} {"MB over",9} {"Unjudged",8} Oldest over");
                foreach (var row in host.Other.OfType<ItemRetentionResult>())
                {
                    output.WriteLine($"{row.Rule,-28} {row.Source,-40} {row.Items,7} {row.Violations,7} {row.ViolationSizeBytes / 1048576.0,9:0.0} {row.Undetermined,8} {row.OldestItem?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}");
                }

                output.WriteLine($"{summary.SourcesChecked} source(s), {summary.ItemsChecked} item(s) checked against {summary.Rules} item rule(s) as of {summary.AsOf:yyyy-MM-dd HH:mm} UTC: {summary.Violations} over the limit, {summary.Undetermined} not judged, {summary.Failed} source(s) failed, {summary.Errors} error(s).");
                return summary.Failed + summary.Errors > 0 ? ExitCodes.CheckFailed : summary.Violations + summary.Undetermined > 0 ? ExitCodes.Violations : ExitCodes.Success;
            }
        });
        return items;
    }
}
