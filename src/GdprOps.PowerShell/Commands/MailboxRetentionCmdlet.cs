using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GdprOps.Retention;
using GdprOps.Sources.Graph;

namespace GdprOps.PowerShell.Commands;

/// <summary>
/// What Test-MailboxRetention and Invoke-MailboxRetention share: which mailboxes (-Mailbox or -AllMailboxes with
/// -MailboxType), the rule (-OlderThan, or the mailbox rules of a -Policy file), the moment it is judged at
/// (-AsOf) and the Microsoft 365 connection.
/// </summary>
public abstract class MailboxRetentionCmdlet : GdprOpsCmdlet
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
    public string OlderThan { get; set; } = "6mo";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Policy { get; set; }

    [Parameter]
    public DateTime? AsOf { get; set; }

    /// <summary>This machine's part of a run split over several, K/N: only the mailboxes whose stable hash falls here.</summary>
    [Parameter]
    [ValidatePattern(@"^\d+/\d+$")]
    public string? Shard { get; set; }

    /// <summary>-AsOf in UTC, or now.</summary>
    protected DateTimeOffset AsOfUtc => UtcOrNow(AsOf);

    /// <summary>
    /// -OlderThan, and the mailbox rules of -Policy (none without one). A malformed age or an invalid policy
    /// file is a terminating error; false is returned after it.
    /// </summary>
    protected bool TryReadRules(out RetentionAge age, out IReadOnlyList<MailboxRetentionRule> rules)
    {
        rules = Array.Empty<MailboxRetentionRule>();
        age = null!;
        try
        {
            age = RetentionAge.Parse(OlderThan);
            if (Policy is not null)
            {
                rules = RetentionPolicy.Load(GetUnresolvedProviderPathFromPSPath(Policy)).MailboxRules;
            }

            return true;
        }
        catch (GdprOpsException ex)
        {
            ThrowTerminating(ex, Policy ?? OlderThan);
            return false;
        }
    }

    /// <summary>The mailboxes that are this shard's (all of them without -Shard).</summary>
    protected List<string> Owned(IEnumerable<string> mailboxes)
    {
        GdprOps.Sweep.ShardSpec? shard = null;
        try
        {
            shard = Shard is null ? null : GdprOps.Sweep.ShardSpec.Parse(Shard);
        }
        catch (GdprOpsException ex)
        {
            ThrowTerminating(ex, Shard);
        }

        return mailboxes.Where(m => shard is not { } own || own.OwnsMailbox(m)).ToList();
    }

    /// <summary>Every mailbox of -MailboxType the app can see (-AllMailboxes).</summary>
    protected List<string> ListAllMailboxes(GraphConnection connection) =>
        RunEngine((host, token) => new GraphSweepScope { AllMailboxes = true, MailboxType = MailboxType }.ListMailboxesAsync(connection, host, token)).ToList();
}
