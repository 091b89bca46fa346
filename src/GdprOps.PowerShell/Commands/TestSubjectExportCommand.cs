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

    protected override void ProcessRecord()
    {
        string target = GetUnresolvedProviderPathFromPSPath(Path);
        try
        {
            WriteResult(SubjectExportVerifier.Verify(target));
        }
        catch (GdprOpsException ex)
        {
            WriteError(GdprOps.PowerShell.Host.ErrorRecords.From(ex, target));
        }
    }
}
