using System.Management.Automation;
using GdprOps.Audit;

namespace GdprOps.PowerShell.Commands;

/// <summary>Test-GdprAuditLog: verifies the audit log's hash chain and its tip, and names the first broken line.</summary>
[Cmdlet(VerbsDiagnostic.Test, "GdprAuditLog")]
[OutputType(typeof(AuditVerification))]
public sealed class TestGdprAuditLogCommand : GdprOpsCmdlet
{
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>The tip ("sequence:hash") a previous Test-GdprAuditLog reported, kept somewhere safe: a cut-off or edited tail no longer matches it.</summary>
    [Parameter]
    [ValidatePattern(@"^\d+:[0-9a-fA-F]{64}$")]
    public string? ExpectedTip { get; set; }

    /// <summary>Where the log's anchor is, when it is not beside the log.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AnchorPath { get; set; }

    protected override void EndProcessing()
    {
        string path = Path is null ? AuditLog.DefaultPath() : GetUnresolvedProviderPathFromPSPath(Path);
        var log = new AuditLog(path, AnchorPath is null ? null : GetUnresolvedProviderPathFromPSPath(AnchorPath));
        WriteResult(log.Verify(ExpectedTip));
    }
}
