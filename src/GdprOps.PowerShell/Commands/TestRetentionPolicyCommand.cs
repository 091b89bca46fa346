using System.Management.Automation;
using GdprOps.Retention;

namespace GdprOps.PowerShell.Commands;

/// <summary>Test-RetentionPolicy: validates a retention policy file and explains every problem with its line.</summary>
[Cmdlet(VerbsDiagnostic.Test, "RetentionPolicy")]
[OutputType(typeof(RetentionPolicyValidation))]
public sealed class TestRetentionPolicyCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    protected override void ProcessRecord() => WriteObject(GdprOps.PowerShell.Adapters.OutputTypeNames.Tag(GdprOps.Retention.RetentionPolicy.ValidateFile(GetUnresolvedProviderPathFromPSPath(Path), out _)));
}
