using System;

namespace GdprOps.Retention;

/// <summary>One item over the limit (Test-MailboxRetention -Detailed). The subject line is masked unless asked for.</summary>
public sealed class MailboxRetentionViolation
{
    public string Mailbox { get; init; } = string.Empty;

    public string Folder { get; init; } = string.Empty;

    /// <summary>Immutable message id.</summary>
    public string ItemId { get; init; } = string.Empty;

    public DateTimeOffset Date { get; init; }

    public long? SizeBytes { get; init; }

    public string Subject { get; init; } = string.Empty;
}
