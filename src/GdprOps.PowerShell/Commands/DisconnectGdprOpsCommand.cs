using System.Management.Automation;
using GdprOps.PowerShell.Adapters;

namespace GdprOps.PowerShell.Commands;

/// <summary>Disconnect-GdprOps: forgets the session's connection (and its cached tokens).</summary>
[Cmdlet(VerbsCommunications.Disconnect, "GdprOps")]
[OutputType(typeof(void))]
public sealed class DisconnectGdprOpsCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        if (!GdprOpsSession.Remove())
        {
            WriteVerbose("GdprOps was not connected in this session.");
        }
    }
}
