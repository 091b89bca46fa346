using System.Management.Automation;
using GdprOps.Audit;

namespace GdprOps.PowerShell.Commands;

/// <summary>Test-GdprAuditLog: verifies the audit log's hash chain and names the first broken line.</summary>
[Cmdlet(VerbsDiagnostic.Test, "GdprAuditLog")]
[OutputType(typeof(AuditVerification))]
public sealed class TestGdprAuditLogCommand : GdprOpsCmdlet
{
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    protected override void EndProcessing() =>
        WriteObject(new AuditLog(Path is null ? AuditLog.DefaultPath() : GetUnresolvedProviderPathFromPSPath(Path)).Verify());
}
