using System;
using System.Linq;
using System.Management.Automation;
using GdprOps.Audit;

namespace GdprOps.PowerShell.Commands;

/// <summary>Get-GdprAuditLog: reads the audit log back as objects, optionally filtered.</summary>
[Cmdlet(VerbsCommon.Get, "GdprAuditLog")]
[OutputType(typeof(AuditRecord))]
public sealed class GetGdprAuditLogCommand : GdprOpsCmdlet
{
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    [Parameter]
    public DateTime? Since { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CaseId { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Action { get; set; }

    protected override void EndProcessing()
    {
        var log = new AuditLog(Path is null ? AuditLog.DefaultPath() : GetUnresolvedProviderPathFromPSPath(Path));
        System.Collections.Generic.IReadOnlyList<AuditRecord> all;
        try
        {
            all = log.Read();
        }
        catch (GdprOpsException ex)
        {
            ThrowTerminating(ex, log.Path);
            return;
        }

        var records = all.Where(r =>
            (Since is null || r.Time >= new DateTimeOffset(Since.Value.ToUniversalTime(), TimeSpan.Zero)) &&
            (CaseId is null || string.Equals(r.CaseId, CaseId, StringComparison.OrdinalIgnoreCase)) &&
            (Action is null || string.Equals(r.Action, Action, StringComparison.OrdinalIgnoreCase)));
        foreach (var record in records)
        {
            WriteResult(record);
        }
    }
}
