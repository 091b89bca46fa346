using System;
using System.Management.Automation;
using GdprOps.Audit;
using GdprOps.Cases;

namespace GdprOps.PowerShell.Commands;

/// <summary>What the case cmdlets share: the case folder, the audit log the history is read from, and the report they write.</summary>
public abstract class CaseCmdlet : GdprOpsCmdlet
{
    /// <summary>The folder of case files (default: GDPROPS_CASES, else the user's local application data, GdprOps/cases).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CaseFolder { get; set; }

    /// <summary>The audit log the case's history is read from (default: the machine's log, as Get-GdprAuditLog).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AuditLogPath { get; set; }

    private protected CaseStore Store => new(CaseFolder is null ? CaseStore.DefaultFolder() : GetUnresolvedProviderPathFromPSPath(CaseFolder));

    private protected System.Collections.Generic.IReadOnlyList<AuditRecord> ReadAuditLog()
    {
        var log = new AuditLog(AuditLogPath is null ? AuditLog.DefaultPath() : GetUnresolvedProviderPathFromPSPath(AuditLogPath));
        return log.Read();
    }

    private protected void WriteReport(GdprCase value, System.Collections.Generic.IReadOnlyList<AuditRecord>? log = null) =>
        WriteResult(CaseStatusReport.For(value, DateTime.Today, log ?? ReadAuditLog()));

    /// <summary>A case type given as text (cmdlet classes take engine enums as strings, see <see cref="GdprOpsCmdlet"/>).</summary>
    private protected static CaseType ParseType(string type) => (CaseType)Enum.Parse(typeof(CaseType), type, ignoreCase: true);
}

/// <summary>New-GdprCase: registers a data subject request with its received date, so its deadline is known from day one.</summary>
[Cmdlet(VerbsCommon.New, "GdprCase", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(CaseStatusReport))]
public sealed class NewGdprCaseCommand : CaseCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateSet("Access", "Erasure", "Rectification", "Objection", IgnoreCase = true)]
    public string Type { get; set; } = string.Empty;

    /// <summary>The case id (default DSAR-yyyyMMdd-NNN from the received date). Use the same id with -CaseId on sweeps, exports and removals.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? CaseId { get; set; }

    [Parameter]
    public DateTime? Received { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SubjectProfile { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Reference { get; set; }

    /// <summary>The controller's own answer period in days (a policy promising 30 days); default one month (Art. 12(3)).</summary>
    [Parameter]
    [ValidateRange(1, 90)]
    public int? ResponseDays { get; set; }

    [Parameter]
    public string? Notes { get; set; }

    protected override void EndProcessing()
    {
        try
        {
            var store = Store;
            string? profile = SubjectProfile is null ? null : GdprOps.Subjects.SubjectProfileFile.CheckExists(GetUnresolvedProviderPathFromPSPath(SubjectProfile));
            var newCase = CaseRules.New(store, ParseType(Type), CaseId, Received, DateTime.Today, profile, Reference, ResponseDays, Notes);
            if (!ShouldProcess($"{newCase.CaseId} in {store.Folder}", "Create case"))
            {
                return;
            }

            var created = store.Create(newCase);
            WriteVerbose($"Case {created.CaseId} ({created.Type}) received {created.Received:yyyy-MM-dd}, due {created.Due:yyyy-MM-dd}, stored in {store.PathOf(created.CaseId)}.");
            WriteReport(created);
        }
        catch (GdprOpsException ex)
        {
            ThrowTerminating(ex, CaseId);
        }
    }
}

/// <summary>Get-GdprCase: cases with their deadline, days left and what the audit log holds under their id.</summary>
[Cmdlet(VerbsCommon.Get, "GdprCase", DefaultParameterSetName = "All")]
[OutputType(typeof(CaseStatusReport))]
public sealed class GetGdprCaseCommand : CaseCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = "Id")]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[]? CaseId { get; set; }

    /// <summary>Only open cases due within this many days, overdue ones included: the reminder a scheduled task sends.</summary>
    [Parameter(ParameterSetName = "All")]
    [ValidateRange(0, 3650)]
    public int? DueWithin { get; set; }

    [Parameter(ParameterSetName = "All")]
    [ValidateSet("Open", "Completed", IgnoreCase = true)]
    public string? Status { get; set; }

    private System.Collections.Generic.IReadOnlyList<AuditRecord>? _log;

    protected override void ProcessRecord()
    {
        try
        {
            _log ??= ReadAuditLog();
            var store = Store;
            if (CaseId is not null)
            {
                foreach (string id in CaseId)
                {
                    if (WildcardPattern.ContainsWildcardCharacters(id))
                    {
                        var pattern = new WildcardPattern(id, WildcardOptions.IgnoreCase);
                        foreach (var match in store.List(Unreadable))
                        {
                            if (pattern.IsMatch(match.CaseId))
                            {
                                WriteReport(match, _log);
                            }
                        }

                        continue;
                    }

                    try
                    {
                        WriteReport(store.Get(id), _log);
                    }
                    catch (GdprOpsException ex)
                    {
                        WriteError(GdprOps.PowerShell.Adapters.ErrorRecords.From(ex, id));
                    }
                }

                return;
            }

            foreach (var value in store.List(Unreadable))
            {
                if ((DueWithin is null || CaseStatusReport.IsDueWithin(value, DateTime.Today, DueWithin.Value))
                    && (Status is null || string.Equals(value.Status.ToString(), Status, StringComparison.OrdinalIgnoreCase)))
                {
                    WriteReport(value, _log);
                }
            }
        }
        catch (GdprOpsException ex)
        {
            ThrowTerminating(ex, CaseFolder);
        }
    }

    private void Unreadable(string path, GdprOpsException error) => WriteError(GdprOps.PowerShell.Adapters.ErrorRecords.From(error, path));
}

/// <summary>Set-GdprCase: extends the deadline (with its reason) or changes a case's details; every change is written atomically.</summary>
[Cmdlet(VerbsCommon.Set, "GdprCase", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(CaseStatusReport))]
public sealed class SetGdprCaseCommand : CaseCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string CaseId { get; set; } = string.Empty;

    /// <summary>Extends the deadline by two further months (Art. 12(3)); needs -ExtensionReason, and only within the first period.</summary>
    [Parameter]
    public SwitchParameter Extend { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ExtensionReason { get; set; }

    [Parameter]
    [ValidateSet("Access", "Erasure", "Rectification", "Objection", IgnoreCase = true)]
    public string? Type { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SubjectProfile { get; set; }

    [Parameter]
    public string? Reference { get; set; }

    [Parameter]
    public string? Notes { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            if (Extend.IsPresent != (ExtensionReason is not null))
            {
                throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, "-Extend and -ExtensionReason go together: the subject must be told why the answer takes longer.");
            }

            var store = Store;
            string? profile = SubjectProfile is null ? null : GdprOps.Subjects.SubjectProfileFile.CheckExists(GetUnresolvedProviderPathFromPSPath(SubjectProfile));

            if (!ShouldProcess($"{CaseId} in {store.Folder}", Extend ? "Extend the deadline by two months" : "Change case"))
            {
                return;
            }

            var changed = CaseRules.Change(store, CaseId, DateTime.Today, Extend ? ExtensionReason : null, Type is null ? null : ParseType(Type), profile, Reference, Notes);
            WriteReport(changed);
        }
        catch (GdprOpsException ex)
        {
            WriteError(GdprOps.PowerShell.Adapters.ErrorRecords.From(ex, CaseId));
        }
    }
}

/// <summary>Complete-GdprCase: closes a case with how it ended; the history stays in the audit log.</summary>
[Cmdlet(VerbsLifecycle.Complete, "GdprCase", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(CaseStatusReport))]
public sealed class CompleteGdprCaseCommand : CaseCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string CaseId { get; set; } = string.Empty;

    /// <summary>How the case ended ("Package sent by secure mail on 2026-12-03", "Erasure refused: Art. 17(3)(b)").</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Resolution { get; set; } = string.Empty;

    [Parameter]
    public DateTime? CompletedOn { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            var store = Store;
            if (!ShouldProcess($"{CaseId} in {store.Folder}", "Complete case"))
            {
                return;
            }

            var completed = CaseRules.Complete(store, CaseId, Resolution, (CompletedOn ?? DateTime.Today).Date);
            if (CaseRules.LateWarning(completed) is { } late)
            {
                WriteWarning(late);
            }

            WriteReport(completed);
        }
        catch (GdprOpsException ex)
        {
            WriteError(GdprOps.PowerShell.Adapters.ErrorRecords.From(ex, CaseId));
        }
    }
}
