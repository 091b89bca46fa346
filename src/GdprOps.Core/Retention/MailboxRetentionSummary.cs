using System;

namespace GdprOps.Retention;

/// <summary>The last object of a retention test: what a scheduled task acts on.</summary>
public sealed class MailboxRetentionSummary
{
    public int MailboxesChecked { get; init; }

    public int NonCompliant { get; init; }

    public int Violations { get; init; }

    public long ViolationSizeBytes { get; init; }

    /// <summary>Mailboxes that could not be checked (no mailbox, outside the app's scope ...), ;-joined.</summary>
    public string FailedMailboxes { get; init; } = string.Empty;

    public int Failed { get; init; }

    public DateTimeOffset Cutoff { get; init; }

    public string Rule { get; init; } = string.Empty;
}
