using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GdprOps.Model;
using GdprOps.PowerShell.Adapters;
using GdprOps.Export;
using GdprOps.Removal;
using GdprOps.Review;
using GdprOps.Sources;

namespace GdprOps.PowerShell.Commands;

/// <summary>
/// Remove-SubjectData: erases the items findings name, after checking each still carries the same version and
/// still mentions the subject. Confirmation is asked per item on the pipeline thread; the approved items are then
/// removed together.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "SubjectData", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(RemovalResult))]
public sealed class RemoveSubjectDataCommand : AuditedFindingCmdlet
{
    private readonly List<PlannedRemoval> _plan = new();
    private RemovalOptions? _options;
    private SourceItemRemover? _remover;
    private int _unrecognised;

    [Parameter(Mandatory = true)]
    [ValidateNotNull]
    public SubjectProfile? Subject { get; set; }

    // A string, not the engine's RemovalMode enum: see GdprOpsCmdlet on value types from the engine.
    [Parameter]
    [ValidateSet("Delete", "Purge", "Redact", IgnoreCase = true)]
    public string Mode { get; set; } = "Delete";

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    [ValidateNotNull]
    public string[]? HoldInfo { get; set; }

    [Parameter]
    public SwitchParameter Verify { get; set; }

    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 8;

    /// <summary>Rows from a reviewed report whose Decision is empty are acted on too (by default nobody approved them, so they are skipped).</summary>
    [Parameter]
    public SwitchParameter IncludeUndecided { get; set; }

    /// <summary>Low-confidence findings (a single name part, a name with no other identifier) are acted on too.</summary>
    [Parameter]
    public SwitchParameter IncludeLowConfidence { get; set; }

    protected override void BeginProcessing()
    {
        _options = new RemovalOptions(Subject!)
        {
            Mode = (RemovalMode)Enum.Parse(typeof(RemovalMode), Mode, ignoreCase: true),
            ThrottleLimit = ThrottleLimit,
            ActOnUndecided = IncludeUndecided,
            IncludeLowConfidence = IncludeLowConfidence,
            MailboxesOnHold = new HashSet<string>(HoldInfo ?? Array.Empty<string>(), StringComparer.OrdinalIgnoreCase),
        };
        _remover = new SourceItemRemover(GdprOpsSession.Current?.Connection, BlobConnectionString);
    }

    protected override void ProcessRecord()
    {
        if (!TryReadInput(out var finding))
        {
            return;
        }

        var planned = RemovalPlanner.Plan(finding, FindingColumns.CameFromReport(finding), _options!);
        if (!planned.IsActedOn)
        {
            if (ReviewDecisions.Parse(finding.Decision) == DecisionKind.Unrecognised)
            {
                _unrecognised++;
                WriteWarning($"{InputName}: the Decision is not a recognised word, so the row is not acted on. Accepted: {ReviewDecisions.Describe()}.");
            }

            // Not acted on, but still recorded and reported, so the erasure record accounts for every row.
            _plan.Add(planned);
            return;
        }

        string target = $"{finding.SourceKind} item {finding.ItemUri}";
        string action = RemovalPlanner.Describe(planned, _remover!.DescribeDelete(finding), _options!.MailboxesOnHold);
        if (IsDryRun && finding.SourceKind == SourceKind.Blob)
        {
            // Pre-flight: say which items a legal hold or immutability policy will keep.
            if (RunEngine((host, token) => _remover.RetentionReasonAsync(finding, token)) is { } reason)
            {
                action += $"; {reason} keeps it (Retained)";
            }
        }

        if (ShouldAct(target, action, Force))
        {
            _plan.Add(planned);
        }
    }

    protected override void EndProcessing()
    {
        if (_unrecognised > 0)
        {
            WriteWarning($"{_unrecognised} row(s) had a Decision GdprOps does not recognise and were not acted on (SkippedByDecision).");
        }

        // A dry run acts on nothing and records nothing.
        if (_plan.Count == 0 || IsDryRun)
        {
            return;
        }

        var session = GdprOpsSession.Current;
        _options!.Operator = SignedInOperator();
        _options.AuditLog = OpenAuditLog();
        var results = RunEngine((host, token) => new SubjectRemover(_options, _remover!, host).RunAsync(_plan, token));
        var counts = results.GroupBy(r => r.Outcome).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
        WriteVerbose("Removal done: " + string.Join(", ", counts) + ".");
        var acted = _plan.Where(p => p.IsActedOn).Select(p => p.Finding).ToList();
        if (Verify && acted.Count > 0)
        {
            // Sweep the same mailboxes, drives, shares and containers again: what is left (other copies,
            // recoverable copies, retained items) comes out as findings.
            var verification = VerificationScope.Sweep(acted, Subject!, session?.Connection, BlobConnectionString, "Remove-SubjectData -Verify");
            RunEngine((host, token) => new GdprOps.Sweep.PersonalDataSweep(verification, host).RunAsync(token));
        }
    }
}
