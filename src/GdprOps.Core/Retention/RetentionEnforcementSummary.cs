using System;

namespace GdprOps.Retention;

/// <summary>The last object of Invoke-MailboxRetention (built by the cmdlet: plain setters, since init-only setters do not bind across the netstandard2.0 cmdlet and the net8.0 engine).</summary>
public sealed class RetentionEnforcementSummary
{
    public string Action { get; set; } = string.Empty;

    public DateTimeOffset Cutoff { get; set; }

    public int Mailboxes { get; set; }

    public int Folders { get; set; }

    public int Acted { get; set; }

    public int AlreadyGone { get; set; }

    public int Failed { get; set; }

    /// <summary>Left for the next run because -MaxItems was reached.</summary>
    public int Deferred { get; set; }
}
