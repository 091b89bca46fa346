using System;
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
                when = parse.GetValue(asOf) is { } text
                    ? DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal)
                    : DateTimeOffset.UtcNow;
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

                output.WriteLine($"{"Mailbox",-40} {"Folder",-14} {"Items",7} {"Over",7} {"MB over",9} Oldest over");
                foreach (var row in host.Other.OfType<MailboxRetentionResult>().OrderBy(r => r.Mailbox, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Folder, StringComparer.Ordinal))
                {
                    output.WriteLine($"{row.Mailbox,-40} {row.Folder,-14} {row.ItemCount,7} {row.ViolationCount,7} {row.ViolationSizeBytes / 1048576.0,9:0.0} {row.OldestItem?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}");
                }

                output.WriteLine($"{summary.MailboxesChecked} mailbox(es) checked against '{summary.Rule}' (cutoff {summary.Cutoff:yyyy-MM-dd HH:mm} UTC): {summary.NonCompliant} non-compliant, {summary.Violations} item(s) over the limit, {summary.Failed} failed.");
                return summary.Failed > 0 ? ExitCodes.CheckFailed : summary.Violations > 0 ? ExitCodes.Violations : ExitCodes.Success;
            }
        });
        return new Command("retention", "Mailbox retention rules.") { test };
    }
}
