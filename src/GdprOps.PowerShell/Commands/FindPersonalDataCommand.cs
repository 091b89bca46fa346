using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GdprOps.Export;
using GdprOps.Model;
using GdprOps.PowerShell.Adapters;
using GdprOps.Sources;
using GdprOps.Sources.Blob;
using GdprOps.Sources.FileSystem;
using GdprOps.Sources.Graph;
using GdprOps.Sweep;

namespace GdprOps.PowerShell.Commands;

/// <summary>Find-PersonalData: sweeps folders, shares, mailboxes, OneDrive/SharePoint/Teams libraries and blob containers for one person's data (or any personal data).</summary>
[Cmdlet(VerbsCommon.Find, "PersonalData", DefaultParameterSetName = IdentifiersSet)]
[OutputType(typeof(Finding))]
public sealed class FindPersonalDataCommand : SubjectCmdlet
{
    public const string ProfileSet = "Profile";
    public const string DiscoverSet = "Discover";

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Mailbox { get; set; }

    [Parameter]
    public SwitchParameter AllMailboxes { get; set; }

    [Parameter]
    [ValidateSet("All", "User", "Shared", IgnoreCase = true)]
    public string MailboxType { get; set; } = "All";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Folder { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? OneDrive { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Site { get; set; }

    [Parameter]
    public SwitchParameter AllSites { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Team { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? BlobContainer { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Prefix { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? BlobConnectionString { get; set; }

    [Parameter]
    [ValidateNotNull]
    public System.Uri[]? BlobSasUri { get; set; }

    [Parameter]
    public SwitchParameter Deep { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CheckpointPath { get; set; }

    /// <summary>This machine's part of a split sweep, K/N (see <see cref="ShardSpec"/>).</summary>
    [Parameter]
    [ValidatePattern(@"^\d+/\d+$")]
    public string? Shard { get; set; }

    /// <summary>With -Shard: how deep a share is cut into units (1: each top-level entry; 2: each entry of a top-level folder ...).</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ShardDepth { get; set; } = 1;

    /// <summary>Also writes the findings to this CSV report (as gdprops find --csv); with -Shard the name gets K-of-N and a manifest is written beside it.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ReportPath { get; set; }

    /// <summary>Names the split sweep in each shard's manifest (default: derived from the parameters, the same in every shard).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RunId { get; set; }

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ProfileSet)]
    [ValidateNotNull]
    public SubjectProfile? Subject { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = DiscoverSet)]
    public SwitchParameter Discover { get; set; }

    [Parameter(ParameterSetName = DiscoverSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CategoryCompleter))]
    public string[]? Category { get; set; }

    // A string, not the engine's Confidence enum: see GdprOpsCmdlet on value types from the engine.
    [Parameter]
    [ValidateSet("High", "Medium", "Low", IgnoreCase = true)]
    public string MinimumConfidence { get; set; } = "Medium";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Include { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Exclude { get; set; }

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? Depth { get; set; }

    [Parameter]
    public SwitchParameter FollowLinks { get; set; }

    [Parameter]
    [ValidateRange(1L, long.MaxValue)]
    public long MaxFileSize { get; set; } = SweepOptions.DefaultMaxItemBytes;

    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = System.Environment.ProcessorCount;

    [Parameter]
    [ValidateRange(0, 20)]
    public int MaxNestingDepth { get; set; } = 5;

    [Parameter]
    [ValidateRange(1L, long.MaxValue)]
    public long MaxInflatedSize { get; set; } = 1L << 30;

    [Parameter]
    [ValidateRange(1, 1_000_000)]
    public int MaxPdfPages { get; set; } = 2_000;

    [Parameter]
    [ValidateRange(1, 86_400)]
    public int ItemTimeoutSec { get; set; } = 120;

    [Parameter]
    public SwitchParameter IncludeUnscanned { get; set; }

    /// <summary>Where a subject sweep with a case id is recorded (default: GDPROPS_AUDIT_LOG, else the machine's log).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AuditLogPath { get; set; }

    private FindingReportWriter? _report;
    private string? _reportFile;
    // Not a ShardSpec field: an engine value type in a cmdlet's layout breaks Import-Module (see GdprOpsCmdlet).
    private ShardSpec? ParsedShard => Shard is null ? null : ShardSpec.Parse(Shard);
    private string? _runId;
    private int _errors;
    private readonly HashSet<string> _units = new(System.StringComparer.OrdinalIgnoreCase);

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        try
        {
            if (ReportPath is null)
            {
                return;
            }

            string target = GetUnresolvedProviderPathFromPSPath(ReportPath);
            _reportFile = ParsedShard is { } part ? ShardManifest.ShardFileName(target, part) : target;
            // The words of the command without this shard's own: the same in every shard started from one runbook.
            _runId = RunId ?? ShardManifest.RunIdOf(MyInvocation.BoundParameters
                .Where(p => p.Key is not (nameof(Shard) or nameof(CheckpointPath)))
                .OrderBy(p => p.Key, System.StringComparer.Ordinal)
                .Select(p => p.Key + "=" + RunIdWords(p.Value)));
            _report = new FindingReportWriter(_reportFile);
        }
        catch (GdprOpsException ex)
        {
            ThrowTerminating(ex, ReportPath);
        }
        catch (System.Exception ex) when (ex is System.IO.IOException or System.UnauthorizedAccessException)
        {
            ThrowTerminating(new GdprOpsException(ErrorIds.ReportWriteFailed, ErrorKind.WriteError, $"The report '{_reportFile}' could not be created: {ex.GetType().Name}.", ex), ReportPath);
        }
    }

    protected override void EndProcessing()
    {
        if (_report is null || _reportFile is null)
        {
            return;
        }

        try
        {
            _report.Commit();
            WriteVerbose($"Report: {_reportFile} ({_report.Rows} finding(s)).");
            if (ParsedShard is { } done)
            {
                new ShardManifest { RunId = _runId!, Shard = done.Number, Count = done.Count, Units = _units.OrderBy(u => u, System.StringComparer.Ordinal).ToList(), Findings = _report.Rows, Errors = _errors + PathErrors }.Write(_reportFile);
                WriteVerbose($"Shard {done}: {ShardManifest.PathFor(_reportFile)}");
            }
        }
        catch (System.Exception ex) when (ex is System.IO.IOException or System.UnauthorizedAccessException)
        {
            ThrowTerminating(new GdprOpsException(ErrorIds.ReportWriteFailed, ErrorKind.WriteError, $"The report '{_reportFile}' could not be written: {ex.GetType().Name}.", ex), ReportPath);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _report?.Dispose(); // not committed: a stopped or failed sweep leaves no report under the real name
        }

        base.Dispose(disposing);
    }

    private static string RunIdWords(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        SwitchParameter s => s.IsPresent.ToString(),
        System.Collections.IEnumerable many => string.Join("\u0002", many.Cast<object?>().Select(RunIdWords)),
        _ => System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
    };

    protected override void ProcessRecord()
    {
        SweepRequest request;
        try
        {
            request = new SweepRequest
            {
                Subject = Discover ? null : Subject ?? BuildSubjectFromShortcuts(),
                Categories = Category ?? System.Array.Empty<string>(),
                MinimumConfidence = (Confidence)System.Enum.Parse(typeof(Confidence), MinimumConfidence, ignoreCase: true),
                Scope = new SourceScope
                {
                    Paths = Path ?? System.Array.Empty<string>(),
                    Files = new FileSystemSourceOptions
                    {
                        Include = Include ?? System.Array.Empty<string>(),
                        Exclude = Exclude ?? System.Array.Empty<string>(),
                        Depth = Depth,
                        FollowLinks = FollowLinks,
                    },
                    Graph = new GraphSweepScope
                    {
                        Mailboxes = Mailbox ?? System.Array.Empty<string>(),
                        AllMailboxes = AllMailboxes,
                        MailboxType = MailboxType,
                        OneDrives = OneDrive ?? System.Array.Empty<string>(),
                        Sites = Site ?? System.Array.Empty<string>(),
                        AllSites = AllSites,
                        Teams = Team ?? System.Array.Empty<string>(),
                        Mail = new MailSweepOptions { Folders = Folder ?? System.Array.Empty<string>() },
                        Deep = Deep,
                    },
                    Blobs = new BlobScope { Containers = BlobContainer ?? System.Array.Empty<string>(), SasUris = BlobSasUri ?? System.Array.Empty<System.Uri>(), Prefix = Prefix, ConnectionString = BlobConnectionString },
                },
                ThrottleLimit = MyInvocation.BoundParameters.ContainsKey(nameof(ThrottleLimit)) ? ThrottleLimit : null,
                MaxItemBytes = MaxFileSize,
                IncludeUnscanned = IncludeUnscanned,
                Budget = new GdprOps.Extraction.ExtractionBudget
                {
                    MaxDepth = MaxNestingDepth,
                    MaxInflatedBytes = MaxInflatedSize,
                    MaxPdfPages = MaxPdfPages,
                    Timeout = System.TimeSpan.FromSeconds(ItemTimeoutSec),
                },
                Activity = MyInvocation.MyCommand.Name,
            };
            request.Scope.Shard = ParsedShard;
            request.Scope.ShardDepth = ShardDepth;
            request.Validate();
            // A path that does not resolve is its own (non-terminating) error; the sweep goes on with the others.
            request.Scope.Paths = request.Scope.Paths.SelectMany(ResolveFileSystemPath).ToList();
            request.Checkpoint = CheckpointPath is null ? null : SweepCheckpoint.Open(GetUnresolvedProviderPathFromPSPath(CheckpointPath));
        }
        catch (GdprOpsException ex)
        {
            ThrowTerminating(ex);
            return;
        }

        var connection = request.Scope.UsesGraph ? RequireConnection() : GdprOpsSession.Current?.Connection;
        if (request.Scope.UsesGraph && connection is null)
        {
            return;
        }

        IReadOnlyList<IItemSource> sources = System.Array.Empty<IItemSource>();
        var summary = RunEngine(async (host, token) =>
        {
            var sink = _report is null ? null : new ReportTee(host, _report);
            try
            {
                var options = await request.ResolveAsync(connection, sink ?? host, token).ConfigureAwait(false);
                sources = options.Sources;
                return await new PersonalDataSweep(options, sink ?? host).RunAsync(token).ConfigureAwait(false);
            }
            finally
            {
                System.Threading.Interlocked.Add(ref _errors, sink?.Errors ?? 0);
            }
        });
        _units.UnionWith(request.Scope.Units(sources));

        if (request.Subject?.CaseId is not null)
        {
            // The case's history (Get-GdprCase) shows the sweep; a log that cannot be written does not undo a read-only sweep.
            try
            {
                OpenAuditLog(AuditLogPath).Append(
                    GdprOps.Audit.SweepAudit.Entry(summary, request.Subject, MyInvocation.MyCommand.Name, sources, SignedInOperator()));
            }
            catch (GdprOpsException ex)
            {
                WriteWarning("The sweep was not recorded in the audit log: " + ex.Message);
            }
        }
    }
}
