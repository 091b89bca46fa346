using System.Management.Automation;
using GdprOps.Export.Package;

namespace GdprOps.PowerShell.Commands;

/// <summary>Test-SubjectExport: checks an export package against its manifest's hashes.</summary>
[Cmdlet(VerbsDiagnostic.Test, "SubjectExport")]
[OutputType(typeof(ExportVerification))]
public sealed class TestSubjectExportCommand : GdprOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>The manifest hash Export-SubjectData printed and audited: a manifest recomputed to match altered items no longer passes.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidatePattern("^[0-9a-fA-F]{64}$")]
    public string? ManifestSha256 { get; set; }

    protected override void ProcessRecord()
    {
        string target = GetUnresolvedProviderPathFromPSPath(Path);
        try
        {
            WriteResult(SubjectExportVerifier.Verify(target, ManifestSha256));
        }
        catch (GdprOpsException ex)
        {
            WriteError(GdprOps.PowerShell.Adapters.ErrorRecords.From(ex, target));
        }
    }
}
