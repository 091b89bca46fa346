using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GdprOps.Retention;

namespace GdprOps.PowerShell.Commands;

/// <summary>Invoke-MailboxRetention: deletes, purges or files away mail older than the rule in the standard folders.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "MailboxRetention", DefaultParameterSetName = MailboxSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(MailboxRetentionEnforcementResult), typeof(MailboxRetentionEnforcementSummary))]
public sealed class InvokeMailboxRetentionCommand : MailboxRetentionCmdlet
{
    private readonly List<(string Mailbox, string Folder)> _requested = new();

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateSet("inbox", "outbox", "sentitems", "deleteditems", IgnoreCase = true)]
    public string[] Folder { get; set; } = MailboxRetentionCheck.StandardFolders.ToArray();

    [Parameter]
    [ValidateSet("Delete", "Purge", "Move", IgnoreCase = true)]
    public string Action { get; set; } = "Delete";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Destination { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? MaxItems { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AuditLogPath { get; set; }

    protected override void ProcessRecord()
    {
        foreach (string mailbox in Mailbox ?? Array.Empty<string>())
        {
            foreach (string folder in Folder)
            {
                _requested.Add((mailbox, folder.ToLowerInvariant()));
            }
        }
    }

    protected override void EndProcessing()
    {
        if (!TryReadRules(out var age, out var rules))
        {
            return;
        }

        if (rules.Count > 0)
        {
            foreach (var rule in rules)
            {
                Enforce(rule.OlderThan, rule.Folders, rule.Action, rule.Destination, $" ({rule.Name}; {rule.LegalBasis})");
            }

            return;
        }

        Enforce(age, null, char.ToUpperInvariant(Action[0]) + Action.Substring(1).ToLowerInvariant(), Destination, string.Empty);
    }

    private void Enforce(RetentionAge age, IReadOnlyList<string>? ruleFolders, string action, string? destination, string why)
    {
        if (RequireConnection() is not { } connection)
        {
            return;
        }

        var asOf = AsOfUtc;
        var cutoff = age.CutoffFrom(asOf);
        var folders = ruleFolders ?? Folder;
        var mailboxes = Owned(AllMailboxes ? ListAllMailboxes(connection) : _requested.Select(r => r.Mailbox).Distinct(StringComparer.OrdinalIgnoreCase));
        var requested = ruleFolders is null && !AllMailboxes ? _requested.Where(r => mailboxes.Contains(r.Mailbox, StringComparer.OrdinalIgnoreCase)).ToList() : mailboxes.SelectMany(m => folders.Select(f => (m, f.ToLowerInvariant()))).ToList();
        string what = MailboxRetentionEnforcementSummary.Describe(action, destination, cutoff);
        var approved = requested.Distinct()
            .Where(t => ShouldAct($"{t.Item2} of {t.Item1}", what + why, Force))
            .ToList();
        if (approved.Count == 0 || IsDryRun)
        {
            return;
        }

        var audit = OpenAuditLog(AuditLogPath);
        string? operatorName = SignedInOperator();
        var results = RunEngine((host, token) => new MailboxRetentionEnforcement(connection.MailboxFolders).RunAsync(approved, age, asOf, action, destination, MaxItems, audit, operatorName, host, token));
        WriteResult(MailboxRetentionEnforcementSummary.From(results, action, cutoff));
    }
}
