using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GdprOps.Retention;

namespace GdprOps.PowerShell.Commands;

/// <summary>Test-MailboxRetention: which mailboxes keep mail in the standard folders longer than the rule allows, right now.</summary>
[Cmdlet(VerbsDiagnostic.Test, "MailboxRetention", DefaultParameterSetName = MailboxSet)]
[OutputType(typeof(MailboxRetentionResult), typeof(MailboxRetentionViolation), typeof(MailboxRetentionSummary))]
public sealed class TestMailboxRetentionCommand : MailboxRetentionCmdlet
{
    private readonly List<string> _mailboxes = new();

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] Folder { get; set; } = MailboxRetentionCheck.StandardFolders.ToArray();

    [Parameter]
    public SwitchParameter Detailed { get; set; }

    [Parameter]
    public SwitchParameter ShowSubject { get; set; }

    protected override void ProcessRecord() => _mailboxes.AddRange(Mailbox ?? Array.Empty<string>());

    protected override void EndProcessing()
    {
        if (!TryReadRules(out var age, out var policyRules) || RequireConnection() is not { } connection)
        {
            return;
        }

        var rules = policyRules.Count > 0 ? policyRules.Select(r => (Folders: r.Folders.ToArray(), Age: r.OlderThan)).ToList() : new() { (Folder, age) };
        var mailboxes = Owned(AllMailboxes ? ListAllMailboxes(connection) : _mailboxes);
        var asOf = AsOfUtc;
        var summary = RunEngine(async (host, token) =>
        {
            var summaries = new List<MailboxRetentionSummary>();
            foreach (var (folders, ruleAge) in rules)
            {
                summaries.Add(await new MailboxRetentionCheck(connection.MailboxFolders).RunAsync(mailboxes, folders, ruleAge, asOf, Detailed, ShowSubject, host, token).ConfigureAwait(false));
            }

            return summaries;
        });
        foreach (var item in summary)
        {
            WriteResult(item);
        }
    }
}
