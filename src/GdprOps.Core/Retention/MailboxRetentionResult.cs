using System;

namespace GdprOps.Retention;

/// <summary>One mailbox folder measured against the retention rule (Test-MailboxRetention). Scalar properties only.</summary>
public sealed class MailboxRetentionResult
{
    public string Mailbox { get; init; } = string.Empty;

    /// <summary>The folder as asked for (well-known name or path).</summary>
    public string Folder { get; init; } = string.Empty;

    /// <summary>The date that counts in this folder: receivedDateTime, sentDateTime or lastModifiedDateTime.</summary>
    public string DateProperty { get; init; } = string.Empty;

    /// <summary>The messages in the folder: the base the rule is measured against (<see cref="ViolationCount"/> is a part of it).</summary>
    public long MessageCount { get; init; }

    /// <summary>The folder's totalItemCount as Exchange reports it: every item, also calendar or contact items that are not mail (context only).</summary>
    public int ItemCount { get; init; }

    /// <summary>Messages over the limit (messages only: the rule is about mail).</summary>
    public int ViolationCount { get; init; }

    public long ViolationSizeBytes { get; init; }

    /// <summary>The oldest item over the limit (null when the folder complies).</summary>
    public DateTimeOffset? OldestItem { get; init; }

    public DateTimeOffset Cutoff { get; init; }

    public bool Compliant => ViolationCount == 0;
}
