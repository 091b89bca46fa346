using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using GdprOps.Detection.Discovery;
using GdprOps.Export;
using GdprOps.Model;
using GdprOps.Sources;
using GdprOps.Sources.FileSystem;
using GdprOps.Sources.Graph;
using GdprOps.Sweep;

namespace GdprOps.Cli;

/// <summary>gdprops find: the subject sweep of Find-PersonalData, with the same engine and options.</summary>
internal static class FindCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var path = new Option<string[]>("--path") { Description = "Folders, files or share paths to sweep.", AllowMultipleArgumentsPerToken = true };
        var cloud = new CloudOptions();
        var who = new SubjectOptions();
        var include = new Option<string[]>("--include") { Description = "Wildcards of files to read.", AllowMultipleArgumentsPerToken = true };
        var exclude = new Option<string[]>("--exclude") { Description = "Wildcards of files and folders to skip.", AllowMultipleArgumentsPerToken = true };
        var maxFileSize = new Option<long>("--max-file-size") { Description = "Files larger than this many bytes are reported NotScanned.", DefaultValueFactory = _ => SweepOptions.DefaultMaxItemBytes };
        var throttle = new Option<int>("--throttle-limit") { Description = "Items read at once (default: the cores; 64 with cloud sources).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var depth = new Option<int?>("--depth") { Description = "How many folder levels below each path to sweep (default: all)." };
        var followLinks = new Option<bool>("--follow-links") { Description = "Enter linked folders (links to folders are skipped by default)." };
        var includeUnscanned = new Option<bool>("--include-unscanned") { Description = "List files of unread types as NotScanned findings." };
        var csv = new Option<FileInfo?>("--csv") { Description = "Write the findings to this CSV report." };
        var verbose = new Option<bool>("--verbose") { Description = "Report what the sweep does on stderr." };
        var discover = new Option<bool>("--discover") { Description = "Discovery mode: find every item holding personal data of the categories, whoever it is about." };
        var category = new Option<string[]>("--category") { Description = "Detector ids for --discover (DK_CPR, IBAN, ART9_HEALTH, ...); default all.", AllowMultipleArgumentsPerToken = true };
        var nesting = new Option<int>("--max-nesting-depth") { Description = "How deep extraction goes into attachments and archives.", DefaultValueFactory = _ => 5 };
        var inflated = new Option<long>("--max-inflated-size") { Description = "Bytes one item may inflate to (zip bombs).", DefaultValueFactory = _ => 1L << 30 };
        var pdfPages = new Option<int>("--max-pdf-pages") { Description = "Pages read per PDF.", DefaultValueFactory = _ => 2000 };
        var itemTimeout = new Option<int>("--item-timeout-sec") { Description = "Seconds one item may take to extract.", DefaultValueFactory = _ => 120 };
        var auditLog = new Option<string?>("--audit-log") { Description = "Where a subject sweep with a case id is recorded (default: GDPROPS_AUDIT_LOG, else the machine's log)." };
        var shards = new ShardOptions();
        shards.Shard.Description += " Needs --csv; the report and checkpoint names carry K-of-N; join the shards with gdprops merge.";
        var shardDepth = new Option<int>("--shard-depth") { Description = "With a shard: how deep a share is cut into units, 1 (default) each top-level entry, 2 each entry of a top-level folder (one huge folder spread over the shards) ...", DefaultValueFactory = _ => 1 };
        var runId = new Option<string?>("--run-id") { Description = "Names the sharded run in each shard's manifest (default: derived from the command line without the shard options, the same in every shard)." };
        var minimum = new Option<Confidence>("--minimum-confidence") { Description = "Lowest confidence reported: High, Medium or Low.", DefaultValueFactory = _ => Confidence.Medium };

        var command = new Command("find", "Find one person's data (or, with --discover, any personal data) in folders, file shares, Microsoft 365 and Azure Blob.")
        {
            path, include, exclude, depth, followLinks,
            maxFileSize, throttle, includeUnscanned, csv, verbose, discover, category, minimum, nesting, inflated, pdfPages, itemTimeout, auditLog,
            runId,
        };
        foreach (var option in who.All.Concat(cloud.All).Concat(shards.All).Append(shardDepth))
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var host = new ConsoleHost(error, parse.GetValue(verbose));
            SweepRequest request;
            GraphConnection? connection;
            ShardSpec? shard = null;
            FileInfo? report = parse.GetValue(csv);
            try
            {
                shard = shards.Read(parse);
                if (shard is { } part)
                {
                    report = report is null
                        ? throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, "A shard's findings are joined from its report: give --csv (the name gets the shard, findings." + part.Name + ".csv).")
                        : new FileInfo(ShardManifest.ShardFileName(report.FullName, part));
                }

                request = new SweepRequest
                {
                    Subject = parse.GetValue(discover) ? null : who.Build(parse),
                    Categories = parse.GetValue(category) ?? Array.Empty<string>(),
                    MinimumConfidence = parse.GetValue(minimum),
                    Scope = cloud.SourceScope(parse, path, new FileSystemSourceOptions
                    {
                        Include = parse.GetValue(include) ?? Array.Empty<string>(),
                        Exclude = parse.GetValue(exclude) ?? Array.Empty<string>(),
                        Depth = parse.GetValue(depth),
                        FollowLinks = parse.GetValue(followLinks),
                    }),
                    ThrottleLimit = parse.GetResult(throttle) is null or { Implicit: true } ? null : Math.Max(1, parse.GetValue(throttle)),
                    MaxItemBytes = parse.GetValue(maxFileSize),
                    IncludeUnscanned = parse.GetValue(includeUnscanned),
                    Budget = new GdprOps.Extraction.ExtractionBudget
                    {
                        MaxDepth = Math.Max(0, parse.GetValue(nesting)),
                        MaxInflatedBytes = Math.Max(1, parse.GetValue(inflated)),
                        MaxPdfPages = Math.Max(1, parse.GetValue(pdfPages)),
                        Timeout = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(itemTimeout))),
                    },
                    Activity = "gdprops find",
                };
                request.Scope.Shard = shard;
                request.Scope.ShardDepth = parse.GetValue(shardDepth) is var cut and >= 1 ? cut
                    : throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, "--shard-depth must be 1 or more.");
                request.Validate();
                if (report is { } target && !Directory.Exists(Path.GetDirectoryName(target.FullName)))
                {
                    throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, $"--csv: the folder '{Path.GetDirectoryName(target.FullName)}' does not exist; nothing was swept.");
                }

                request.Checkpoint = parse.GetValue(cloud.Checkpoint) is { } checkpointFile
                    ? SweepCheckpoint.Open(shard is { } own ? ShardManifest.ShardFileName(checkpointFile.FullName, own) : checkpointFile.FullName)
                    : null;
                connection = cloud.Connect(parse, request.Scope.UsesGraph, error);
            }
            catch (GdprOpsException ex)
            {
                error.WriteLine($"ERROR {ex.ErrorId}: {ex.Message}");
                return ExitCodes.InvalidUsage;
            }

            using var ownedConnection = connection;
            IReadOnlyList<IItemSource> swept;
            try
            {
                var options = await request.ResolveAsync(connection, host, cancellationToken).ConfigureAwait(false);
                swept = options.Sources;
                var summary = await new PersonalDataSweep(options, host).RunAsync(cancellationToken).ConfigureAwait(false);
                if (request.Subject?.CaseId is not null)
                {
                    // As Find-PersonalData: the case's history shows the sweep; a log that cannot be written does not undo a read-only sweep.
                    try
                    {
                        new GdprOps.Audit.AuditLog(parse.GetValue(auditLog) ?? GdprOps.Audit.AuditLog.DefaultPath()).Append(
                            GdprOps.Audit.SweepAudit.Entry(summary, request.Subject, "gdprops find", options.Sources, null));
                    }
                    catch (GdprOpsException ex)
                    {
                        error.WriteLine($"WARNING: the sweep was not recorded in the audit log: {ex.Message}");
                    }
                }
            }
            catch (GdprOpsException ex)
            {
                error.WriteLine($"ERROR {ex.ErrorId}: {ex.Message}");
                return ExitCodes.Errors;
            }
            catch (OperationCanceledException)
            {
                error.WriteLine("Stopped.");
                return ExitCodes.Stopped;
            }

            var findings = host.Findings.OrderBy(f => f.Source, StringComparer.Ordinal).ThenBy(f => f.ItemId, StringComparer.Ordinal).ToList();
            WriteTable(output, findings);
            if (report is not null)
            {
                if (!WriteReport(report.FullName, findings, error))
                {
                    return ExitCodes.Errors;
                }

                output.WriteLine($"Report: {report.FullName}");
                if (shard is { } done)
                {
                    new ShardManifest
                    {
                        RunId = parse.GetValue(runId) ?? RunIdOf(parse),
                        Shard = done.Number,
                        Count = done.Count,
                        Units = request.Scope.Units(swept).ToList(),
                        Findings = findings.Count,
                        Errors = host.ErrorCount,
                    }.Write(report.FullName);
                    output.WriteLine($"Shard {done}: {ShardManifest.PathFor(report.FullName)}");
                }
            }

            return host.ErrorCount > 0 ? ExitCodes.Errors : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The same for every shard of one command: its tokens without the shard options (and their values).</summary>
    private static string RunIdOf(ParseResult parse)
    {
        var tokens = parse.Tokens.Select(t => t.Value).ToList();
        var kept = new List<string>();
        for (int i = 0; i < tokens.Count; i++)
        {
            if (tokens[i] is "--shard" or "--shard-count")
            {
                i++;
                continue;
            }

            if (tokens[i] != "--shard-from-env" && !tokens[i].StartsWith("--shard=", StringComparison.Ordinal) && !tokens[i].StartsWith("--shard-count=", StringComparison.Ordinal))
            {
                kept.Add(tokens[i]);
            }
        }

        return ShardManifest.RunIdOf(kept);
    }

    private static bool WriteReport(string path, IEnumerable<Finding> findings, TextWriter error)
    {
        try
        {
            using var writer = new FindingReportWriter(path);
            foreach (var finding in findings)
            {
                writer.Write(finding);
            }

            writer.Commit();
            return true;
        }
        catch (Exception ex) when (ex is GdprOpsException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"ERROR {ErrorIds.ReportWriteFailed}: {ex.Message}");
            return false;
        }
    }

    /// <summary>Every finding on one line, nothing cut off; a mail or drive finding names its mailbox or drive (Source).</summary>
    private static void WriteTable(TextWriter output, IReadOnlyCollection<Finding> findings)
    {
        TextTable.Write(output, new[] { "Status", "Confidence", "Matches", "Categories", "Source", "Where", "Item" }, findings
            .Select(f => new[] { f.Status.ToString(), f.Confidence?.ToString() ?? "-", Dash(f.SubjectMatches), Dash(f.Categories), Dash(f.Source), Dash(f.Where), f.ItemUri.Length > 0 ? f.ItemUri : f.ItemId })
            .ToList());
        int unread = findings.Count(f => f.Status == ScanStatus.NotScanned);
        output.WriteLine(unread == 0 ? $"{findings.Count} finding(s)." : $"{findings.Count} finding(s), {unread} of them NotScanned (not read: see StatusReason).");
    }

    private static string Dash(string? value) => string.IsNullOrEmpty(value) ? "-" : value!;
}
