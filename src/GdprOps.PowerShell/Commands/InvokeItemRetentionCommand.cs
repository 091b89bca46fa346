using System;
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

        foreach (var rule in Rules.Where(IsMove))
        {
            WriteWarning($"Rule '{rule.Name}': Move is for mailbox rules; an item rule can Delete or Purge. It was not applied.");
        }

        var found = new Dictionary<(ItemRetentionRule Rule, string Source), (ItemRetentionRule Rule, List<SourceItem> Items)>();
        RunEngine((host, token) => CheckAsync(host, detailed: false, (rule, item) =>
        {
            if (IsMove(rule))
            {
                return;
            }

            lock (found)
            {
                var key = (rule, item.Source);
                if (!found.TryGetValue(key, out var batch))
                {
                    found[key] = batch = (rule, new List<SourceItem>());
                }

                batch.Items.Add(item);
            }
        }, writeResults: false, token));

        var asOf = AsOfUtc;
        var approved = found.Values
            .Select(b => new ItemRetentionBatch(b.Rule, b.Items[0].Source, b.Rule.OlderThan.CutoffFrom(asOf), b.Items.OrderBy(i => i.ItemUri, StringComparer.Ordinal).ToList()))
            .OrderBy(b => b.Rule.Name, StringComparer.Ordinal).ThenBy(b => b.Source, StringComparer.OrdinalIgnoreCase)
            .Where(b => ShouldAct(
                $"{b.Items.Count} item(s) in {b.Source}",
                $"{(b.Rule.Action.Equals("Purge", StringComparison.OrdinalIgnoreCase) ? "Permanently delete" : "Delete")} items older than {b.Cutoff:yyyy-MM-dd HH:mm} UTC ({b.Rule.Name}; {b.Rule.LegalBasis})", Force))
            .ToList();
        if (approved.Count == 0 || IsDryRun)
        {
            return;
        }

        var audit = OpenAuditLog(AuditLogPath);
        string? operatorName = SignedInOperator();
        var remover = new SourceItemRemover(Connection, BlobConnectionString);
        RunEngine((host, token) => new ItemRetentionEnforcement(remover).RunAsync(approved, MaxItems, audit, operatorName, host, token));
    }

    private static bool IsMove(ItemRetentionRule rule) => rule.Action.Equals("Move", StringComparison.OrdinalIgnoreCase);
}
