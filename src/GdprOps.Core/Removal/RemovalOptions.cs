using System;
using System.Collections.Generic;
using GdprOps.Audit;
using GdprOps.Model;

namespace GdprOps.Removal;

/// <summary>Who is being erased, how, and where each action is recorded.</summary>
public sealed class RemovalOptions
{
    public RemovalOptions(SubjectProfile subject) => Subject = subject ?? throw new ArgumentNullException(nameof(subject));

    /// <summary>Every item must still match this person before it is touched.</summary>
    public SubjectProfile Subject { get; }

    public RemovalMode Mode { get; set; } = RemovalMode.Delete;

    /// <summary>Items handled at once (the Graph connector still keeps 4 per mailbox).</summary>
    public int ThrottleLimit { get; set; } = 8;

    /// <summary>Every action is appended here, item by item.</summary>
    public AuditLog? AuditLog { get; set; }

    public string? Operator { get; set; }

    public string Command { get; set; } = "Remove-SubjectData";

    public string Marker { get; set; } = "[REDACTED]";

    /// <summary>Rows from a reviewed report whose Decision is empty are acted on too (they are skipped by default).</summary>
    public bool ActOnUndecided { get; set; }

    /// <summary>Low-confidence findings are acted on too (they are skipped by default).</summary>
    public bool IncludeLowConfidence { get; set; }

    /// <summary>
    /// Mailboxes known to be on hold (litigation, in-place or retention hold, from Exchange: Graph cannot read
    /// holds). Mail removed from them is reported Retained: Exchange keeps a copy until the hold ends.
    /// </summary>
    public ISet<string> MailboxesOnHold { get; set; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
}
