using System.Management.Automation;
using GdprOps.Retention;

namespace GdprOps.PowerShell.Commands;

/// <summary>Test-ItemRetention: which files, drive items and blobs the item rules of a retention policy say are kept too long.</summary>
[Cmdlet(VerbsDiagnostic.Test, "ItemRetention")]
[OutputType(typeof(ItemRetentionResult), typeof(ItemRetentionViolation), typeof(ItemRetentionSummary))]
public sealed class TestItemRetentionCommand : ItemRetentionCmdlet
{
    [Parameter]
    public SwitchParameter Detailed { get; set; }

    protected override void EndProcessing()
    {
        if (!Prepare())
        {
            return;
        }

        WriteResult(RunEngine((host, token) => CheckAsync(host, Detailed, null, writeResults: true, token)));
    }
}
