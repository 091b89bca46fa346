using System.Management.Automation;
using GdprOps.PowerShell.Adapters;
using GdprOps.Sources.Graph;

namespace GdprOps.PowerShell.Commands;

/// <summary>Get-GdprOpsConnection: the session's tenant, app, sign-in kind and granted permissions. Never secrets or tokens.</summary>
[Cmdlet(VerbsCommon.Get, "GdprOpsConnection")]
[OutputType(typeof(GraphConnectionInfo))]
public sealed class GetGdprOpsConnectionCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        if (GdprOpsSession.Current is { } current)
        {
            WriteObject(GdprOps.PowerShell.Adapters.OutputTypeNames.Tag(current.Info));
        }
    }
}
