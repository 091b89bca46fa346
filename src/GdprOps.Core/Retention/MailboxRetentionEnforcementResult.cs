using System;

namespace GdprOps.Retention;

/// <summary>What Invoke-MailboxRetention did in one mailbox folder.</summary>
public sealed class MailboxRetentionEnforcementResult
{
    public string Mailbox { get; init; } = string.Empty;

    public string Folder { get; init; } = string.Empty;

    /// <summary>Delete, Purge or Move.</summary>
    public string Action { get; init; } = string.Empty;

    public string? Destination { get; init; }

    public DateTimeOffset Cutoff { get; init; }

    /// <summary>Items deleted, purged or moved.</summary>
    public int Acted { get; set; }

    public int AlreadyGone { get; set; }

    public int Failed { get; set; }

    /// <summary>Items over the limit left for a later run because -MaxItems was reached.</summary>
    public int Deferred { get; set; }
}
