using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GdprOps.PowerShell.Host;
using GdprOps.Retention;
using GdprOps.Sources.Graph;

namespace GdprOps.PowerShell.Commands;

/// <summary>Invoke-MailboxRetention: deletes, purges or files away mail older than the rule in the standard folders.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "MailboxRetention", DefaultParameterSetName = MailboxSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(RetentionEnforcementResult), typeof(RetentionEnforcementSummary))]
public sealed class InvokeMailboxRetentionCommand : GdprOpsCmdlet
{
    public const string MailboxSet = "Mailbox";
    public const string AllSet = "AllMailboxes";
    private readonly List<(string Mailbox, string Folder)> _requested = new();

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = MailboxSet, ValueFromPipelineByPropertyName = true)]
    [Alias("UserPrincipalName", "PrimarySmtpAddress")]
    [ValidateNotNullOrEmpty]
    public string[]? Mailbox { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = AllSet)]
    public SwitchParameter AllMailboxes { get; set; }

    [Parameter(ParameterSetName = AllSet)]
    [ValidateSet("All", "User", "Shared", IgnoreCase = true)]
    public string MailboxType { get; set; } = "All";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateSet("inbox", "outbox", "sentitems", "deleteditems", IgnoreCase = true)]
    public string[] Folder { get; set; } = MailboxRetentionCheck.StandardFolders.ToArray();

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string OlderThan { get; set; } = "6mo";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Policy { get; set; }

    [Parameter]
    public DateTime? AsOf { get; set; }

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
        RetentionAge age;
        var rules = new List<MailboxRetentionRule>();
        try
        {
            age = RetentionAge.Parse(OlderThan);
            if (Policy is not null)
            {
                var validation = PolicyFiles.Validate(GetUnresolvedProviderPathFromPSPath(Policy), out var policy);
                rules.AddRange(policy?.MailboxRules ?? throw new GdprOpsException(ErrorIds.RetentionPolicyInvalid, ErrorKind.InvalidData,
                    "The retention policy is not valid (see Test-RetentionPolicy):\n" + validation.Problems));
            }
        }
        catch (GdprOpsException ex)
        {
            ThrowTerminating(ex, Policy ?? OlderThan);
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
        var connection = GdprOpsSession.Current?.Connection;
        if (connection is null)
        {
            ThrowTerminating(new GdprOpsException(ErrorIds.NotConnected, ErrorKind.InvalidArgument, "Not connected to Microsoft 365: run Connect-GdprOps first."));
            return;
        }

        var asOf = AsOf is { } date ? new DateTimeOffset(date.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.UtcNow;
        var cutoff = age.CutoffFrom(asOf);
        var folders = ruleFolders ?? Folder;
        var mailboxes = _requested.Select(r => r.Mailbox).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (AllMailboxes)
        {
            mailboxes = RunEngine((host, token) => new GraphSweepScope { AllMailboxes = true, MailboxType = MailboxType }.ListMailboxesAsync(connection, host, token));
        }

        var requested = ruleFolders is null ? (AllMailboxes ? mailboxes.SelectMany(m => folders.Select(f => (m, f.ToLowerInvariant()))).ToList() : _requested)
            : mailboxes.SelectMany(m => folders.Select(f => (m, f.ToLowerInvariant()))).ToList();
        string what = action switch
        {
            "Purge" => "Permanently delete",
            "Move" => "Move to " + destination,
            _ => "Delete (recoverable)",
        };
        var approved = requested.Distinct()
            .Where(t => (Force && !MyInvocation.BoundParameters.ContainsKey("WhatIf")) || ShouldProcess($"{t.Item2} of {t.Item1}", $"{what} mail older than {cutoff:yyyy-MM-dd HH:mm} UTC{why}"))
            .ToList();
        if (approved.Count == 0)
        {
            return;
        }

        var audit = OpenAuditLog(AuditLogPath);
        string? operatorName = SignedInOperator();
        var results = RunEngine((host, token) => new MailboxRetentionEnforcement(connection).RunAsync(approved, age, asOf, action, destination, MaxItems, audit, operatorName, host, token));
        WriteObject(new RetentionEnforcementSummary
        {
            Action = action,
            Cutoff = cutoff,
            Mailboxes = results.Select(r => r.Mailbox).Distinct(StringComparer.OrdinalIgnoreCase).Count(),
            Folders = results.Count,
            Acted = results.Sum(r => r.Acted),
            AlreadyGone = results.Sum(r => r.AlreadyGone),
            Failed = results.Sum(r => r.Failed),
            Deferred = results.Sum(r => r.Deferred),
        });
    }
}
