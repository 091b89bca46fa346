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

    /// <summary>
    /// A row read back as text (Export-Csv of Test-MailboxRetention, Import-Csv): null unless it has Mailbox, Folder,
    /// a whole ViolationCount and a Cutoff time. Built here, in the engine, so callers in other builds of it need no
    /// init-only setter of theirs.
    /// </summary>
    public static MailboxRetentionResult? FromColumns(Func<string, string?> column)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var styles = System.Globalization.DateTimeStyles.AssumeUniversal;
        if (column("Mailbox") is not { } mailbox || column("Folder") is not { } folder
            || !int.TryParse(column("ViolationCount"), System.Globalization.NumberStyles.Integer, culture, out int violations)
            || !DateTimeOffset.TryParse(column("Cutoff"), culture, styles, out var cutoff))
        {
            return null;
        }

        return new MailboxRetentionResult
        {
            Mailbox = mailbox,
            Folder = folder,
            DateProperty = column("DateProperty") ?? string.Empty,
            MessageCount = long.TryParse(column("MessageCount"), System.Globalization.NumberStyles.Integer, culture, out long messages) ? messages : 0,
            ItemCount = int.TryParse(column("ItemCount"), System.Globalization.NumberStyles.Integer, culture, out int items) ? items : 0,
            ViolationCount = violations,
            ViolationSizeBytes = long.TryParse(column("ViolationSizeBytes"), System.Globalization.NumberStyles.Integer, culture, out long bytes) ? bytes : 0,
            OldestItem = DateTimeOffset.TryParse(column("OldestItem"), culture, styles, out var oldest) ? oldest : null,
            Cutoff = cutoff,
        };
    }
}
