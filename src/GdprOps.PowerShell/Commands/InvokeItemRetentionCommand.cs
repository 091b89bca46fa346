using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GdprOps.Removal;
using GdprOps.Retention;
using GdprOps.Sources;

namespace GdprOps.PowerShell.Commands;

/// <summary>Invoke-ItemRetention: deletes or purges the files, drive items and blobs the item rules of a retention policy say are kept too long.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "ItemRetention", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(RemovalResult), typeof(ItemRetentionEnforcementResult))]
public sealed class InvokeItemRetentionCommand : ItemRetentionCmdlet
{
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? MaxItems { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AuditLogPath { get; set; }

    protected override void EndProcessing()
    {
        if (!Prepare())
        {
            return;
        }

        var asOf = AsOfUtc;
        var (batches, _) = RunEngine(async (host, token) =>
            await ItemRetentionEnforcement.PlanAsync(await ResolveSourcesAsync(host, token).ConfigureAwait(false), Rules, asOf, host, token).ConfigureAwait(false));
        var approved = batches.Where(b => ShouldAct($"{b.Items.Count} item(s) in {b.Source}", ItemRetentionEnforcement.Describe(b), Force)).ToList();
        if (approved.Count == 0 || IsDryRun)
        {
            return;
        }

        var audit = OpenAuditLog(AuditLogPath);
        string? operatorName = SignedInOperator();
        var remover = new SourceItemRemover(Connection, BlobConnectionString);
        RunEngine((host, token) => new ItemRetentionEnforcement(remover).RunAsync(approved, MaxItems, audit, operatorName, host, token));
    }
}
