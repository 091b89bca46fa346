namespace GdprOps.Removal;

/// <summary>What happened to one item. Only Removed, SoftDeleted and Redacted mean the data went.</summary>
public static class RemovalOutcome
{
    public const string Removed = "Removed";
    public const string SoftDeleted = "SoftDeleted";
    public const string Redacted = "Redacted";

    /// <summary>Redacted, but the person's surname still stands alone near another identifier, or the item's name or folder still names them: a reviewer must look.</summary>
    public const string RedactedPartially = "RedactedPartially";
    public const string AlreadyGone = "AlreadyGone";

    /// <summary>The message is already in Recoverable Items (an earlier Delete): nothing more a Delete can do.</summary>
    public const string AlreadySoftDeleted = "AlreadySoftDeleted";

    /// <summary>A DELETE left the message in Deleted Items, still in the mailbox view: not removed.</summary>
    public const string MovedToDeletedItems = "MovedToDeletedItems";
    public const string Retained = "Retained";
    public const string SkippedNoLongerMatches = "SkippedNoLongerMatches";
    public const string SkippedChanged = "SkippedChanged";
    public const string Failed = "Failed";

    /// <summary>The reviewer's Decision says keep, or is a word the tool does not know: not touched.</summary>
    public const string SkippedByDecision = "SkippedByDecision";

    /// <summary>A row from a reviewed report with an empty Decision: not touched unless the caller says so.</summary>
    public const string SkippedUndecided = "SkippedUndecided";

    /// <summary>A Low-confidence finding (for example a single name part): not touched unless the caller says so.</summary>
    public const string SkippedLowConfidence = "SkippedLowConfidence";

    /// <summary>A row whose Status is NotScanned: the sweep could not read the item (or list the folder or mailbox), so nothing is known to remove.</summary>
    public const string SkippedNotScanned = "SkippedNotScanned";

    /// <summary>Written to the audit log before an item is acted on; its outcome follows on a later line.</summary>
    public const string Intended = "Intended";
}
