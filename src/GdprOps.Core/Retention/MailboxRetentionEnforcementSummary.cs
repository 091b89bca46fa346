using System;
using System.Collections.Generic;
using System.Linq;

namespace GdprOps.Retention;

/// <summary>The last object of Invoke-MailboxRetention and gdprops retention enforce (plain setters: init-only setters do not bind across the netstandard2.0 cmdlet and the net8.0 engine).</summary>
public sealed class MailboxRetentionEnforcementSummary
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

    /// <summary>The totals of one enforcement run over mailbox folders.</summary>
    public static MailboxRetentionEnforcementSummary From(IReadOnlyCollection<MailboxRetentionEnforcementResult> results, string action, DateTimeOffset cutoff) => new()
    {
        Action = action,
        Cutoff = cutoff,
        Mailboxes = results.Select(r => r.Mailbox).Distinct(StringComparer.OrdinalIgnoreCase).Count(),
        Folders = results.Count,
        Acted = results.Sum(r => r.Acted),
        AlreadyGone = results.Sum(r => r.AlreadyGone),
        Failed = results.Sum(r => r.Failed),
        Deferred = results.Sum(r => r.Deferred),
    };

    /// <summary>What enforcing <paramref name="action"/> does, in the words -WhatIf and --what-if show.</summary>
    public static string Describe(string action, string? destination, DateTimeOffset cutoff) =>
        $"{action switch { "Purge" => "Permanently delete", "Move" => "Move to " + destination, _ => "Delete (recoverable)" }} mail older than {cutoff:yyyy-MM-dd HH:mm} UTC";
}
