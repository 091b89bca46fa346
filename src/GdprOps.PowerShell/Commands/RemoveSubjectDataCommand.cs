using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GdprOps.Model;
using GdprOps.PowerShell.Host;
using GdprOps.Removal;
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
    private readonly List<Finding> _approved = new();

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

    protected override void ProcessRecord()
    {
        if (!TryReadInput(out var finding))
        {
            return;
        }

        string target = $"{finding.SourceKind} item {finding.ItemUri}";
        string action = Mode switch
        {
            "Purge" => "Remove permanently (purge)",
            "Redact" => "Redact the subject's identifiers",
            _ => finding.SourceKind switch
            {
                SourceKind.Mailbox => "Delete (recoverable from Recoverable Items)",
                SourceKind.Drive => "Delete (to the recycle bin)",
                _ => "Delete",
            },
        };
        if (finding.SourceKind == SourceKind.Mailbox && HoldInfo is not null && HoldInfo.Contains(finding.Source, StringComparer.OrdinalIgnoreCase))
        {
            action += "; the mailbox is on hold, so Exchange keeps a copy (Retained)";
        }

        if (WhatIfRequested && finding.SourceKind == SourceKind.Blob)
        {
            // Pre-flight: say which items a legal hold or immutability policy will keep.
            var remover = new SourceItemRemover(GdprOpsSession.Current?.Connection, BlobConnectionString);
            if (RunEngine((host, token) => remover.RetentionReasonAsync(finding, token)) is { } reason)
            {
                action += $"; {reason} keeps it (Retained)";
            }
        }

        if ((Force && !WhatIfRequested) || ShouldProcess(target, action))
        {
            _approved.Add(finding);
        }
    }

    protected override void EndProcessing()
    {
        if (_approved.Count == 0)
        {
            return;
        }

        var session = GdprOpsSession.Current;
        var options = new RemovalOptions(Subject!)
        {
            Mode = (RemovalMode)Enum.Parse(typeof(RemovalMode), Mode, ignoreCase: true),
            ThrottleLimit = ThrottleLimit,
            Operator = SignedInOperator(),
            MailboxesOnHold = new HashSet<string>(HoldInfo ?? Array.Empty<string>(), StringComparer.OrdinalIgnoreCase),
            AuditLog = OpenAuditLog(),
        };
        var remover = new SourceItemRemover(session?.Connection, BlobConnectionString);
        var results = RunEngine((host, token) => new SubjectRemover(options, remover, host).RunAsync(_approved, token));
        var counts = results.GroupBy(r => r.Outcome).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
        WriteVerbose("Removal done: " + string.Join(", ", counts) + ".");
        if (Verify)
        {
            // Sweep the same mailboxes, drives, shares and containers again: what is left (other copies,
            // recoverable copies, retained items) comes out as findings.
            var sources = VerificationScope.For(_approved, Subject!, session?.Connection, BlobConnectionString);
            RunEngine((host, token) => new GdprOps.Sweep.PersonalDataSweep(new GdprOps.Sweep.SweepOptions(Subject, sources)
            {
                Activity = "Remove-SubjectData -Verify",
                SourceConcurrency = 16,
                ThrottleLimit = 32,
            }, host).RunAsync(token));
        }
    }

    private bool WhatIfRequested => MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? value) && value is SwitchParameter { IsPresent: true };
}
