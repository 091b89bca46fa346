using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GdprOps.PowerShell.Host;
using GdprOps.Retention;
using GdprOps.Sources.Graph;

namespace GdprOps.PowerShell.Commands;

/// <summary>Test-MailboxRetention: which mailboxes keep mail in the standard folders longer than the rule allows, right now.</summary>
[Cmdlet(VerbsDiagnostic.Test, "MailboxRetention", DefaultParameterSetName = MailboxSet)]
[OutputType(typeof(MailboxRetentionResult), typeof(RetentionViolation), typeof(RetentionSummary))]
public sealed class TestMailboxRetentionCommand : GdprOpsCmdlet
{
    public const string MailboxSet = "Mailbox";
    public const string AllSet = "AllMailboxes";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = MailboxSet, ValueFromPipelineByPropertyName = true)]
    [Alias("UserPrincipalName", "PrimarySmtpAddress")]
    [ValidateNotNullOrEmpty]
    public string[]? Mailbox { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = AllSet)]
    public SwitchParameter AllMailboxes { get; set; }

    [Parameter(ParameterSetName = AllSet)]
    [ValidateSet("All", "User", "Shared", IgnoreCase = true)]
    public string MailboxType { get; set; } = "All";

    [Parameter]
    [ValidateNotNullOrEmpty]
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
    public SwitchParameter Detailed { get; set; }

    [Parameter]
    public SwitchParameter ShowSubject { get; set; }

    private readonly List<string> _mailboxes = new();

    protected override void ProcessRecord() => _mailboxes.AddRange(Mailbox ?? Array.Empty<string>());

    protected override void EndProcessing()
    {
        RetentionAge age;
        var rules = new System.Collections.Generic.List<(string[] Folders, RetentionAge Age)>();
        try
        {
            age = RetentionAge.Parse(OlderThan);
            if (Policy is not null)
            {
                string file = GetUnresolvedProviderPathFromPSPath(Policy);
                var validation = PolicyFiles.Validate(file, out var policy);
                if (policy is null)
                {
                    throw new GdprOpsException(ErrorIds.RetentionPolicyInvalid, ErrorKind.InvalidData, "The retention policy is not valid (see Test-RetentionPolicy):\n" + validation.Problems);
                }

                rules.AddRange(policy.MailboxRules.Select(r => (r.Folders.ToArray(), r.OlderThan)));
            }
            else
            {
                rules.Add((Folder, age));
            }
        }
        catch (GdprOpsException ex)
        {
            ThrowTerminating(ex, Policy ?? OlderThan);
            return;
        }

        var connection = GdprOpsSession.Current?.Connection;
        if (connection is null)
        {
            ThrowTerminating(new GdprOpsException(ErrorIds.NotConnected, ErrorKind.InvalidArgument, "Not connected to Microsoft 365: run Connect-GdprOps first."));
            return;
        }

        var asOf = AsOf is { } date ? new DateTimeOffset(date.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.UtcNow;
        var summary = RunEngine(async (host, token) =>
        {
            var mailboxes = _mailboxes;
            if (AllMailboxes)
            {
                mailboxes = (await new GraphSweepScope { AllMailboxes = true, MailboxType = MailboxType }.ListMailboxesAsync(connection, host, token).ConfigureAwait(false)).ToList();
            }

            var summaries = new System.Collections.Generic.List<RetentionSummary>();
            foreach (var (folders, ruleAge) in rules)
            {
                summaries.Add(await new MailboxRetentionCheck(connection).RunAsync(mailboxes, folders, ruleAge, asOf, Detailed, ShowSubject, host, token).ConfigureAwait(false));
            }

            return summaries;
        });
        WriteObject(summary, enumerateCollection: true);
    }
}
